import { seedDemo } from '../src/demo/demo-seed.js';
import { seedYearEndDemo } from '../src/demo/year-end-demo.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

describe('the demo’s year-end round', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: new TestClock(new Date('2026-12-15T10:00:00+08:00')) });
  });
  afterAll(() => t.close());

  it('opens the year on the Yinchuan plan with 市发改委’s annual report accepted, and can run again', async () => {
    const { planId } = await seedDemo(t.app);
    const cycleId = await seedYearEndDemo(t.app, planId, 2026);
    expect(await seedYearEndDemo(t.app, planId, 2026)).toBe(cycleId);
    const office = asUser(t, await tokenFor(t, 'office'));
    const cycle = (await office.get(`/api/v1/year-end-cycles/${cycleId}`).expect(200)).body;
    expect(cycle).toMatchObject({ year: 2026, status: 'open', dueDate: '2026-12-31' });
    const states = Object.fromEntries(cycle.reports.map((r: { unitName: string; state: string }) => [r.unitName, r.state]));
    expect(states['市发改委']).toBe('accepted');
    expect(Object.values(states).filter((s) => s === 'accepted')).toHaveLength(1);
    // Every county obliged through 各县(市)区人民政府, never the collective itself.
    expect(states['兴庆区']).toBe('draft');
    expect(states['各县(市)区人民政府']).toBeUndefined();
    const fgw = (await asUser(t, await tokenFor(t, 'fgw')).get(`/api/v1/year-end-cycles/${cycleId}/my-report`).expect(200)).body;
    expect(fgw.items.length).toBe(await t.prisma.workItem.count({ where: { planId, assignments: { some: { unitId: fgw.unitId, role: 'lead', endedAt: null } } } }));
    expect(fgw.history.map((h: { action: string }) => h.action)).toEqual(['annual_report.created', 'annual_report.saved', 'annual_report.signed_off', 'annual_report.accepted']);
  });
});
