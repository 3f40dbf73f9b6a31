import { seedDemo } from '../src/demo/demo-seed.js';
import { LightsService } from '../src/lights/lights.service.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/**
 * Lights of one plan are recomputed by one computation at a time per process, and requests that arrive
 * while one runs share the next (docs/decisions.md). What a unit must still see: the moment its sign-off
 * answers, the lights already show what it signed off — even when many units of the plan sign off at once.
 */
describe('lights under many sign-offs at once', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-04-05'));
  let planId: string;
  let periodId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ({ planId } = await seedDemo(t.app));
    const office = asUser(t, await tokenFor(t, 'office'));
    await office.put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    periodId = (await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('eight units sign off their whole batch at the same time; each sees its own items green when its call returns', async () => {
    // Eight departments that lead items of the demo plan, each through its provisioned head.
    const leads = await t.prisma.$queryRaw<{ unit_id: string; unit_name: string; username: string }[]>`
      SELECT DISTINCT ON (n.name) n.id AS unit_id, n.name AS unit_name, u.username
      FROM assignments a JOIN work_items w ON w.id = a.work_item_id AND w.plan_id = ${planId}::uuid
      JOIN units n ON n.id = a.unit_id AND n.kind = 'department'
      JOIN users u ON u.unit_id = n.id AND 'unit_head' = ANY(u.roles)
      WHERE a.role = 'lead' AND a.ended_at IS NULL
      ORDER BY n.name, u.username LIMIT 8`;
    expect(leads).toHaveLength(8);
    const heads = await Promise.all(leads.map(async (l) => ({ ...l, as: asUser(t, await tokenFor(t, l.username)) })));
    const batches = await Promise.all(heads.map(async (h) => (await h.as.get(`/api/v1/periods/${periodId}/my-reports`).expect(200)).body.items as { id: string; version: number; workItemId: string; kind: string }[]));

    const signed = await Promise.all(
      heads.map((h, i) =>
        h.as
          .post(`/api/v1/periods/${periodId}/my-reports`, {
            signOff: true,
            items: batches[i].map((r) => ({ reportId: r.id, version: r.version, status: 'completed', percent: 100, done: '已全部完成', problems: '无', nextSteps: '巩固成效' })),
          })
          .then((res) => ({ h, i, res, lightsRead: res.status === 201 ? Promise.all(batches[i].filter((r) => r.kind === 'report').map((r) => h.as.get(`/api/v1/work-items/${r.workItemId}/lights`))) : null })),
      ),
    );
    for (const { h, i, res, lightsRead } of signed) {
      expect(res.status).toBe(201);
      expect(res.body).toHaveLength(batches[i].length);
      // Read right after that unit's own response (the reads were sent as soon as it answered).
      for (const lights of await lightsRead!) {
        expect(lights.status).toBe(200);
        const mine = lights.body.units.find((u: { unitName: string; role: string }) => u.unitName === h.unit_name && u.role === 'lead');
        expect(mine).toMatchObject({ light: 'green', reasons: [{ code: 'COMPLETED' }] });
      }
    }
  });

  it('a supporting unit signs off and the office returns a report: that unit’s lights and the item’s follow, and a whole recomputation finds nothing else to change', async () => {
    const lights = t.app.get(LightsService);
    // 兴庆区 supports items it does not lead: its sign-off recomputes only its own lights there and the items'.
    const reporter = asUser(t, await tokenFor(t, 'xingqing-head'));
    const mine = (await reporter.get(`/api/v1/periods/${periodId}/my-reports`).expect(200)).body.items as { id: string; version: number; workItemId: string; kind: string }[];
    const contributions = mine.filter((r) => r.kind === 'contribution');
    expect(contributions.length).toBeGreaterThan(0);
    await reporter
      .post(`/api/v1/periods/${periodId}/my-reports`, {
        signOff: true,
        items: mine.map((r) => ({ reportId: r.id, version: r.version, status: 'completed', percent: 100, done: '已全部完成' })),
      })
      .expect(201);
    const item = contributions[0].workItemId;
    const office = asUser(t, await tokenFor(t, 'office'));
    const seen = (await office.get(`/api/v1/work-items/${item}/lights`).expect(200)).body;
    expect(seen.units.find((u: { unitName: string }) => u.unitName === '兴庆区')).toMatchObject({ light: 'green', reasons: [{ code: 'COMPLETED' }] });

    // The office returns a lead's report signed off above: that lead's light no longer counts it as completed.
    const [signed] = await t.prisma.$queryRaw<{ id: string; version: number; work_item_id: string; unit_name: string }[]>`
      SELECT r.id::text, r.version, r.work_item_id::text, n.name AS unit_name FROM progress_reports r JOIN units n ON n.id = r.unit_id
      WHERE r.period_id = ${periodId}::uuid AND r.kind = 'report' AND r.state = 'submitted' ORDER BY r.id LIMIT 1`;
    const leadLight = async () =>
      ((await office.get(`/api/v1/work-items/${signed.work_item_id}/lights`).expect(200)).body.units as { unitName: string; role: string; reasons: { code: string }[] }[]).find(
        (u) => u.unitName === signed.unit_name && u.role === 'lead',
      )!;
    expect((await leadLight()).reasons.map((r) => r.code)).toEqual(['COMPLETED']);
    await office.post(`/api/v1/reports/${signed.id}/return`, { version: signed.version, reason: '请补充完成情况的佐证' }).expect(200);
    expect((await leadLight()).reasons.map((r) => r.code)).not.toContain('COMPLETED');

    // What the narrowed recomputations stored is what recomputing every light of the plan gives.
    expect((await lights.recomputePlan(planId)).changed).toBe(0);
  });

  it('the whole plan and single items asked for at once: every call answers, and with nothing changed nothing is rewritten', async () => {
    const lights = t.app.get(LightsService);
    const items = await t.prisma.workItem.findMany({ where: { planId }, select: { id: true }, take: 6 });
    const [whole, ...parts] = await Promise.all([lights.recomputePlan(planId), ...items.map((i) => lights.recomputeItems([i.id]))]);
    const count = await t.prisma.workItem.count({ where: { planId } });
    expect(whole.items).toBe(count);
    // Each answer covers at least its own item (the later ones may share a batch; which one is timing).
    for (const p of parts) expect(p.items).toBeGreaterThanOrEqual(1);
    // Nothing changed since the sign-offs, so no computation wrote a light.
    expect([whole, ...parts].every((r) => r.changed === 0)).toBe(true);
    expect(await lights.recomputeItems([])).toEqual({ items: 0, changed: 0 });
  });
});
