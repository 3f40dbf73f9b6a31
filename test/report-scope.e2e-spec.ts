import { defineAbilityFor, reportScope, reportScopeSql } from '../src/access/abilities.js';
import { JwtStrategy } from '../src/auth/jwt.strategy.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

/**
 * The write path loads reports with one SQL statement whose read rule is written in SQL (reportScopeSql); every
 * other read uses the CASL rule. Both must let each account read exactly the same reports.
 */
describe('the report read rule in SQL says what the CASL rule says', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: new TestClock(new Date('2026-04-05T10:00:00+08:00')) });
    const { planId } = await seedDemo(t.app);
    const office = asUser(t, await tokenFor(t, 'office'));
    await office.put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(201);
  });
  afterAll(() => t.close());

  it('for every account of the demo, the same reports, contributions included', async () => {
    const strategy = t.app.get(JwtStrategy);
    const users = await t.prisma.user.findMany({ select: { id: true, username: true, sessionVersion: true } });
    const total = await t.prisma.progressReport.count();
    expect(await t.prisma.progressReport.count({ where: { kind: 'contribution' } })).toBeGreaterThan(0);
    let partial = 0;
    for (const user of users) {
      const p = await strategy.validate({ sub: user.id, ver: user.sessionVersion } as never);
      if (!p) continue;
      const viaCasl = (await t.prisma.progressReport.findMany({ where: reportScope(defineAbilityFor(p)), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await t.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id::text FROM progress_reports r WHERE ${reportScopeSql(p)}`)).map((r) => r.id).sort();
      expect({ user: user.username, ids: viaSql }).toEqual({ user: user.username, ids: viaCasl });
      if (viaCasl.length > 0 && viaCasl.length < total) partial++;
    }
    // Units that read some reports but not all: the rule was exercised, not only its plan-wide branch.
    expect(partial).toBeGreaterThan(10);
  });
});
