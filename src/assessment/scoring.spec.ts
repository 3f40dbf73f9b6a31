import { gradeAndRank, perRolePoints, ratePoints, scoreSheet, DEFAULT_BANDS, type ScoringScheme } from './scoring.js';

const scheme: ScoringScheme = {
  baseScore: 100,
  totalCap: 100,
  parts: [
    { key: 'work', weight: 60, cap: { min: 0, max: 100 } },
    { key: 'quality', weight: 40 },
  ],
  criteria: [
    { key: 'overdue', partKey: 'work', type: 'computed', cap: { min: -20 } },
    { key: 'done', partKey: 'work', type: 'computed', cap: { max: 6 } },
    { key: 'judged', partKey: 'quality', type: 'judged', cap: { min: -10, max: 5 } },
    { key: 'veto', partKey: 'work', type: 'veto' },
  ],
  bands: DEFAULT_BANDS,
};

describe('scoreSheet', () => {
  // points → criterion points after caps, part scores, weighted total
  const table: [Record<string, number>, string[], { criteria: number[]; parts: number[]; total: number; vetoed: boolean }][] = [
    // nothing happened: every part at the base score
    [{}, [], { criteria: [0, 0, 0], parts: [100, 100], total: 100, vetoed: false }],
    // −25 capped at −20; +4; work 84 → 50.4; quality 100+3 capped at part max (total cap 100) → 40
    [{ overdue: -25, done: 4, judged: 3 }, [], { criteria: [-20, 4, 3], parts: [84, 100], total: 90.4, vetoed: false }],
    // bonus capped at +6 and the part capped at 100; judged −12 capped at −10 → 90 × 0.4 = 36
    [{ overdue: 0, done: 9, judged: -12 }, [], { criteria: [0, 6, -10], parts: [100, 90], total: 96, vetoed: false }],
    // a veto keeps the total but marks the sheet
    [{ overdue: -5 }, ['veto'], { criteria: [-5, 0, 0], parts: [95, 100], total: 97, vetoed: true }],
    // a veto key that is not a veto criterion of the scheme is ignored
    [{}, ['overdue'], { criteria: [0, 0, 0], parts: [100, 100], total: 100, vetoed: false }],
    // decimals: −3.333… rounds to −3.33; 96.67 × 0.6 = 58.002 → 58 + 40
    [{ overdue: -10 / 3 }, [], { criteria: [-3.33, 0, 0], parts: [96.67, 100], total: 98, vetoed: false }],
  ];
  it.each(table)('%j vetoes %j', (points, vetoes, expected) => {
    const r = scoreSheet(scheme, points, vetoes);
    expect({ criteria: r.criteria.map((c) => c.points), parts: r.parts.map((p) => p.score), total: r.total, vetoed: r.vetoed }).toEqual(expected);
  });

  it('a part never drops below 0 and the total never above the total cap', () => {
    const low = scoreSheet({ ...scheme, criteria: [{ key: 'x', partKey: 'work', type: 'computed' }] }, { x: -500 });
    expect(low.parts[0].score).toBe(0);
    expect(low.total).toBe(40);
    const high = scoreSheet({ ...scheme, totalCap: 95, parts: [{ key: 'work', weight: 100, cap: { max: 120 } }], criteria: [{ key: 'x', partKey: 'work', type: 'computed' }] }, { x: 10 });
    expect(high.parts[0].score).toBe(110);
    expect(high.total).toBe(95);
  });

  it('a base score of 80 is where a unit with no points lands', () => {
    expect(scoreSheet({ ...scheme, baseScore: 80 }, {}).total).toBe(80);
  });
});

describe('gradeAndRank', () => {
  const s = (unitId: string, total: number, vetoed = false) => ({ unitId, total, vetoed });
  const run = (sheets: ReturnType<typeof s>[], share: number | null = null) =>
    Object.fromEntries(gradeAndRank({ bands: DEFAULT_BANDS, excellentMaxShare: share }, sheets).map((r) => [r.unitId, `${r.grade}/${r.rank}${r.limitedByShare ? '*' : ''}`]));

  it('bands: ≥90 优秀, 80–90 良好, 60–80 合格, <60 不合格 (boundaries belong to the higher band)', () => {
    expect(run([s('a', 90), s('b', 89.99), s('c', 80), s('d', 60), s('e', 59.99), s('f', 0)])).toEqual({
      a: 'excellent/1', b: 'good/2', c: 'good/3', d: 'pass/4', e: 'fail/5', f: 'fail/6',
    });
  });

  it('equal totals share a rank and the next rank skips', () => {
    expect(run([s('a', 95), s('b', 88), s('c', 88), s('d', 70)])).toEqual({ a: 'excellent/1', b: 'good/2', c: 'good/2', d: 'pass/4' });
  });

  it('a vetoed unit is 不合格 whatever its total and ranks after every other unit', () => {
    expect(run([s('a', 99, true), s('b', 70), s('c', 95, true), s('d', 50)])).toEqual({ a: 'fail/3', b: 'pass/1', c: 'fail/4', d: 'fail/2' });
  });

  it('the 优秀 share keeps the highest totals within the limit', () => {
    // 5 units × 40 % = 2 may be 优秀; three earned it by the bands
    expect(run([s('a', 98), s('b', 95), s('c', 91), s('d', 85), s('e', 70)], 0.4)).toEqual({ a: 'excellent/1', b: 'excellent/2', c: 'good/3*', d: 'good/4', e: 'pass/5' });
  });

  it('a tie at the limit: all tied units are left out rather than one picked arbitrarily', () => {
    expect(run([s('a', 98), s('b', 95), s('c', 95), s('d', 85), s('e', 70)], 0.4)).toEqual({ a: 'excellent/1', b: 'good/2*', c: 'good/2*', d: 'good/4', e: 'pass/5' });
  });

  it('a tie inside the limit fits entirely; floor(share × units) may be 0', () => {
    expect(run([s('a', 95), s('b', 95), s('c', 80), s('d', 70)], 0.5)).toEqual({ a: 'excellent/1', b: 'excellent/1', c: 'good/3', d: 'pass/4' });
    expect(run([s('a', 95), s('b', 85), s('c', 80)], 0.3)).toEqual({ a: 'good/1*', b: 'good/2', c: 'good/3' });
  });

  it('vetoed units do not take 优秀 places', () => {
    expect(run([s('a', 99, true), s('b', 95), s('c', 92), s('d', 60)], 0.25)).toEqual({ a: 'fail/4', b: 'excellent/1', c: 'good/2*', d: 'pass/3' });
  });
});

describe('criterion formulas', () => {
  it.each([
    [10, 8, 10, -2],
    [10, 10, 10, 0],
    [10, 0, 0, 0],
    [5, 1, 3, -3.33],
  ])('ratePoints(%d, %d met of %d) = %d', (full, met, due, expected) => expect(ratePoints(full, met, due)).toBe(expected));
  it.each([
    [-5, -3, 2, 1, -13],
    [2, 1, 3, 4, 10],
    [-5, -3, 0, 0, 0],
  ])('perRolePoints(%d lead, %d supporting, %d, %d) = %d', (l, sp, nl, ns, expected) => expect(perRolePoints(l, sp, nl, ns)).toBe(expected));
});
