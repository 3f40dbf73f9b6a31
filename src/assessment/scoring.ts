/**
 * The arithmetic of an assessment, as pure functions so that truth tables test exactly what runs.
 *
 * The model (docs/assessment.md): every part of the scheme is scored on the same scale, starting from the
 * base score (e.g. 100 or 80); each criterion adds or deducts points, capped per criterion; a part is
 * capped (default 0 … total cap); the total is the weighted sum of the parts (weights in percent, adding
 * up to 100), capped at the total cap. A triggered veto (一票否决) sets the grade to 不合格 whatever the
 * total. Amounts are rounded to two decimals at each step, as a printed score sheet shows them.
 */

export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
export const GRADE_NAMES: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
export const GRADE_ORDER: Grade[] = ['excellent', 'good', 'pass', 'fail'];

export interface Cap {
  min?: number | null;
  max?: number | null;
}

export interface GradeBand {
  grade: Grade;
  /** The lowest total that earns the grade (≥). */
  min: number;
}

export const DEFAULT_BANDS: GradeBand[] = [
  { grade: 'excellent', min: 90 },
  { grade: 'good', min: 80 },
  { grade: 'pass', min: 60 },
  { grade: 'fail', min: 0 },
];

export interface ScoringScheme {
  baseScore: number;
  totalCap: number;
  parts: { key: string; weight: number; cap?: Cap }[];
  criteria: { key: string; partKey: string; type: 'computed' | 'judged' | 'veto'; cap?: Cap }[];
  bands: GradeBand[];
  /** At most this share (0–1) of the units may be 优秀; null: no limit. */
  excellentMaxShare?: number | null;
}

export const round2 = (x: number) => Math.round((x + Math.sign(x) * 1e-9) * 100) / 100 + 0; // + 0: no -0 in sheets
export const clamp = (x: number, cap: Cap | undefined) => Math.min(cap?.max ?? Infinity, Math.max(cap?.min ?? -Infinity, x));

export interface SheetResult {
  criteria: { key: string; raw: number; points: number }[];
  parts: { key: string; raw: number; score: number }[];
  total: number;
  vetoed: boolean;
  /** The veto criteria that were triggered. */
  vetoes: string[];
}

/**
 * One unit's sheet. `points` holds each computed or judged criterion's raw points (missing = 0);
 * `vetoes` the keys of the veto criteria whose condition holds.
 */
export function scoreSheet(scheme: ScoringScheme, points: Record<string, number | null | undefined>, vetoes: Iterable<string> = []): SheetResult {
  const triggered = new Set(vetoes);
  const criteria = scheme.criteria
    .filter((c) => c.type !== 'veto')
    .map((c) => {
      const raw = round2(points[c.key] ?? 0);
      return { key: c.key, partKey: c.partKey, raw, points: round2(clamp(raw, c.cap)) };
    });
  const parts = scheme.parts.map((p) => {
    const raw = round2(scheme.baseScore + criteria.filter((c) => c.partKey === p.key).reduce((s, c) => s + c.points, 0));
    const score = round2(clamp(raw, { min: p.cap?.min ?? 0, max: p.cap?.max ?? scheme.totalCap }));
    return { key: p.key, raw, score, weight: p.weight };
  });
  const weighted = parts.reduce((s, p) => s + (p.score * p.weight) / 100, 0);
  const total = round2(clamp(weighted, { min: 0, max: scheme.totalCap }));
  const vetoList = scheme.criteria.filter((c) => c.type === 'veto' && triggered.has(c.key)).map((c) => c.key);
  return {
    criteria: criteria.map(({ key, raw, points: p }) => ({ key, raw, points: p })),
    parts: parts.map(({ key, raw, score }) => ({ key, raw, score })),
    total,
    vetoed: vetoList.length > 0,
    vetoes: vetoList,
  };
}

/** The grade a total earns by the bands alone (bands need not be sorted). */
export function bandOf(bands: GradeBand[], total: number): Grade {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => total >= b.min)?.grade ?? 'fail';
}

export interface Ranked {
  unitId: string;
  total: number;
  vetoed: boolean;
  grade: Grade;
  rank: number;
  /** Earned 优秀 by the bands but fell outside the share limit. */
  limitedByShare: boolean;
}

/**
 * Grades and ranks for a whole round.
 * - Rank: by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4).
 *   Vetoed units rank after every other unit (among themselves by total), since their grade is 不合格.
 * - 优秀 share: at most floor(share × units) units keep 优秀. When units tie on the total at the limit,
 *   either all of them fit or none of them does: the tie is never broken by an arbitrary order, so the
 *   limit is never exceeded and units with equal totals always get equal grades. Those left out get the
 *   next grade below (良好 by default).
 */
export function gradeAndRank(scheme: Pick<ScoringScheme, 'bands' | 'excellentMaxShare'>, sheets: { unitId: string; total: number; vetoed: boolean }[]): Ranked[] {
  const graded = sheets.map((s) => ({ ...s, grade: s.vetoed ? ('fail' as Grade) : bandOf(scheme.bands, s.total), limitedByShare: false, rank: 0 }));
  const share = scheme.excellentMaxShare;
  if (share !== null && share !== undefined) {
    const quota = Math.floor(share * sheets.length + 1e-9);
    const candidates = graded.filter((g) => g.grade === 'excellent').sort((a, b) => b.total - a.total);
    if (candidates.length > quota) {
      // The total of the first unit that does not fit: only strictly higher totals keep 优秀.
      const cut = candidates[quota].total;
      const below = nextGradeBelow(scheme.bands, 'excellent');
      for (const c of candidates) if (c.total <= cut) Object.assign(c, { grade: below, limitedByShare: true });
    }
  }
  const order = [...graded].sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.total - a.total);
  order.forEach((g, i) => {
    const prev = order[i - 1];
    g.rank = prev && prev.vetoed === g.vetoed && prev.total === g.total ? prev.rank : i + 1;
  });
  return graded;
}

function nextGradeBelow(bands: GradeBand[], grade: Grade): Grade {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  const i = sorted.findIndex((b) => b.grade === grade);
  return sorted[i + 1]?.grade ?? 'fail';
}

/** A rate criterion: full points at 100 %, deducting in proportion below it; nothing due, nothing deducted. */
export function ratePoints(fullPoints: number, met: number, due: number): number {
  if (due === 0) return 0;
  return round2(fullPoints * (met / due - 1));
}

/** A per-item criterion whose points differ for lead and supporting units. */
export function perRolePoints(perLead: number, perSupporting: number, lead: number, supporting: number): number {
  return round2(perLead * lead + perSupporting * supporting);
}
