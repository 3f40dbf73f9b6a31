import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/** A small deterministic generator (mulberry32): the same seed replays the same sequence of writes. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)], int: (n: number) => Math.floor(next() * n) };
}

type Figure = { unitId: string; periodId: string; expected: number; submitted: number; onTime: number; missing: number };

/**
 * The dashboard's reporting figures are read from report_tallies, kept by triggers in the transaction of
 * every write. Here a random sequence of the writes that move them (sign-offs through the API, first
 * sign-offs at arbitrary times, assignments ended and restored by re-imports, items moved between areas,
 * new rounds, a due day moved) must leave the tallies equal to the figures computed from the raw rows.
 */
describe('pre-aggregated reporting figures', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-07-20'));
  const tok: Record<string, string> = {};
  let planId: string;

  /** The figures from scratch: the rules the dashboard applied to every report before the tallies. */
  async function fromScratch(filter: { areaId?: string; unitIds?: string[] } = {}): Promise<Figure[]> {
    const rows = await t.prisma.$queryRawUnsafe<{ unit_id: string; period_id: string; expected: bigint; submitted: bigint; on_time: bigint; missing: bigint }[]>(
      `SELECT r.unit_id::text, p.id::text AS period_id, count(*) AS expected, count(r.first_submitted_at) AS submitted,
              count(*) FILTER (WHERE r.first_submitted_at < ((p.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) AS on_time,
              count(*) FILTER (WHERE r.first_submitted_at IS NULL AND p.due_date < $2::date) AS missing
         FROM progress_reports r
         JOIN reporting_periods p ON p.id = r.period_id
         JOIN assignments a ON a.id = r.assignment_id
          AND (a.ended_at IS NULL OR a.ended_at >= ((p.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
         JOIN work_items w ON w.id = r.work_item_id
        WHERE p.plan_id = $1::uuid
          AND ($3::uuid IS NULL OR w.area_id = $3::uuid)
          AND ($4::uuid[] IS NULL OR r.unit_id = ANY($4::uuid[]))
        GROUP BY r.unit_id, p.id`,
      planId,
      '2026-07-20',
      filter.areaId ?? null,
      filter.unitIds ?? null,
    );
    return sorted(rows.map((r) => ({ unitId: r.unit_id, periodId: r.period_id, expected: Number(r.expected), submitted: Number(r.submitted), onTime: Number(r.on_time), missing: Number(r.missing) })));
  }
  const sorted = (xs: Figure[]) => [...xs].sort((a, b) => `${a.periodId}${a.unitId}`.localeCompare(`${b.periodId}${b.unitId}`));
  // The dashboard shows one period's rates at a time: every period it lists, asked for in turn.
  const dashboard = async (who: string, query = '') => {
    const get = async (q: string) => (await asUser(t, tok[who]).get(`/api/v1/dashboard?planId=${planId}${query}${q}`).expect(200)).body;
    const periods: { id: string }[] = (await get('')).periods;
    const rows: Figure[] = [];
    for (const p of periods) {
      const body = await get(`&periodId=${p.id}`);
      expect(body.periodId).toBe(p.id);
      rows.push(...body.reporting.map(({ unitId, periodId, expected, submitted, onTime, missing }: Figure) => ({ unitId, periodId, expected, submitted, onTime, missing })));
    }
    return sorted(rows);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ({ planId } = await seedDemo(t.app));
    for (const u of ['office', 'fgw-head', 'xingqing-head']) tok[u] = await tokenFor(t, u);
    await asUser(t, tok.office).put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
  });
  afterAll(() => t.close());

  it('equal the figures computed from every report after 60 random writes', async () => {
    const rnd = random(20261122);
    const office = asUser(t, tok.office);
    await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1, confirm: true, reason: '补开第一季度调度' }).expect(201);
    await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 2, confirm: true, reason: '补开第二季度调度' }).expect(201);
    const areas = (await t.prisma.planNode.findMany({ where: { planId, level: 'area' }, select: { id: true } })).map((n) => n.id);
    const counties = (await t.prisma.unit.findMany({ where: { name: { in: ['兴庆区', '金凤区'] } }, select: { id: true } })).map((u) => u.id);
    const writes: Record<string, number> = {};

    for (let step = 0; step < 60; step++) {
      const reports = await t.prisma.progressReport.findMany({ where: { period: { planId } }, select: { id: true, periodId: true, assignmentId: true, workItemId: true } });
      const kind = rnd.pick(['sign-off', 'first-sign-off', 'end-assignment', 'restore-assignment', 'move-area', 'due-day', 'open-round']);
      writes[kind] = (writes[kind] ?? 0) + 1;
      if (kind === 'sign-off') {
        // A unit head signs off the whole batch screen through the API, as on the console.
        const head = rnd.pick(['fgw-head', 'xingqing-head']);
        const periods = await t.prisma.reportingPeriod.findMany({ where: { planId, status: 'open' }, select: { id: true } });
        const periodId = rnd.pick(periods).id;
        const mine = (await asUser(t, tok[head]).get(`/api/v1/periods/${periodId}/my-reports`).expect(200)).body;
        const open = mine.items.filter((i: { state: string }) => ['pending', 'draft', 'returned'].includes(i.state)).slice(0, 1 + rnd.int(4));
        if (open.length === 0) continue;
        const items = open.map((i: { id: string; version: number }) => ({
          reportId: i.id,
          version: i.version,
          status: 'on_track',
          percent: 10 + rnd.int(80),
          done: '按计划推进',
          problems: '无',
          nextSteps: '继续推进',
        }));
        // A report whose assignment a re-import ended is refused (409): the batch then changes nothing.
        const res = await asUser(t, tok[head]).post(`/api/v1/periods/${periodId}/my-reports`, { signOff: true, items });
        expect([201, 409]).toContain(res.status);
        if (res.status === 201) writes.signedThroughApi = (writes.signedThroughApi ?? 0) + 1;
      } else if (kind === 'first-sign-off') {
        // Sign-offs at arbitrary moments around the due day (the clock of another day), several in one statement.
        const ids = Array.from({ length: 1 + rnd.int(8) }, () => rnd.pick(reports).id);
        const when = new Date(Date.UTC(2026, 3 + rnd.int(5), 1 + rnd.int(28), rnd.int(24)));
        await t.prisma.progressReport.updateMany({ where: { id: { in: ids }, firstSubmittedAt: null }, data: { firstSubmittedAt: when, state: 'submitted' } });
      } else if (kind === 'end-assignment' || kind === 'restore-assignment') {
        // What a corrected re-import does to assignments it no longer lists, and to those listed again.
        const ids = Array.from({ length: 1 + rnd.int(5) }, () => rnd.pick(reports).assignmentId);
        const endedAt = kind === 'end-assignment' ? new Date(Date.UTC(2026, 2 + rnd.int(6), 1 + rnd.int(28))) : null;
        await t.prisma.assignment.updateMany({ where: { id: { in: ids } }, data: { endedAt } });
      } else if (kind === 'move-area') {
        const item = rnd.pick(reports).workItemId;
        await t.prisma.workItem.update({ where: { id: item }, data: { areaId: rnd.next() < 0.2 ? null : rnd.pick(areas) } });
      } else if (kind === 'due-day') {
        const period = rnd.pick(reports).periodId;
        const p = await t.prisma.reportingPeriod.findUniqueOrThrow({ where: { id: period } });
        await t.prisma.reportingPeriod.update({ where: { id: period }, data: { dueDate: new Date(p.dueDate.getTime() + (rnd.int(11) - 5) * 86_400_000) } });
      } else {
        const index = 3 + rnd.int(2);
        await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index, confirm: true, reason: '提前开启调度' });
      }
    }

    // Every kind of write happened, and the figures moved: a sequence of no-ops would prove nothing.
    expect(Object.keys(writes).sort()).toEqual(['due-day', 'end-assignment', 'first-sign-off', 'move-area', 'open-round', 'restore-assignment', 'sign-off', 'signedThroughApi']);
    const all = await fromScratch();
    expect(all.reduce((n, f) => n + f.submitted, 0)).toBeGreaterThan(10);
    expect(all.reduce((n, f) => n + f.onTime, 0)).toBeLessThan(all.reduce((n, f) => n + f.submitted, 0));
    expect(all.reduce((n, f) => n + f.missing, 0)).toBeGreaterThan(0);

    expect(await dashboard('office')).toEqual(all);
    for (const areaId of areas) expect(await dashboard('office', `&areaId=${areaId}`)).toEqual(await fromScratch({ areaId }));
    expect(await dashboard('office', `&unitId=${counties[0]}`)).toEqual(await fromScratch({ unitIds: [counties[0]] }));
    // A county sees its own figures, computed under its scope exactly as before.
    const xingqing = await t.prisma.unit.findFirstOrThrow({ where: { name: '兴庆区' } });
    const subtree = await t.prisma.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE s AS (SELECT id FROM units WHERE id = ${xingqing.id}::uuid UNION ALL SELECT u.id FROM units u JOIN s ON u.parent_id = s.id)
      SELECT id::text FROM s`;
    expect(await dashboard('xingqing-head')).toEqual(await fromScratch({ unitIds: subtree.map((u) => u.id) }));
    // No tally row has gone negative on the way.
    expect(await t.prisma.reportTally.count({ where: { OR: [{ expected: { lt: 0 } }, { submitted: { lt: 0 } }, { onTime: { lt: 0 } }] } })).toBe(0);
  });
});
