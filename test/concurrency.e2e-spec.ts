import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
const TABLE = ['序号,重点领域,主要工作,牵头单位,配合单位,完成时限', '1,一、能源,建成屋顶光伏项目。,市发改委,,2026年12月31日'].join('\n');

/**
 * State checks happen inside the write: a request racing another one on the same record either sees the
 * other's result (and is refused by state) or wins; never does it write over a state it did not check.
 */
describe('guarded writes under concurrency', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-04-05'));
  const tok: Record<string, string> = {};
  let reportId: string;
  let planId: string;
  const as = (who: string) => asUser(t, tok[who]);
  const fill = (done: string) => ({ status: 'on_track', percent: 30, done, problems: '无', nextSteps: '继续' });
  const current = () => t.prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedDemo(t.app);
    for (const u of ['office', 'fgw', 'fgw-head']) tok[u] = await tokenFor(t, u);
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    planId = (await as('office').post('/api/v1/plans', { title: '并发示例方案', jurisdictionId: city.id, horizonStartYear: 2026, horizonEndYear: 2030 }).expect(201)).body.id;
    await request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=false`).set('authorization', tok.office).attach('file', Buffer.from(TABLE), 't.csv').expect(201);
    await as('office').put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    const periodId = (await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(201)).body.id;
    reportId = (await t.prisma.progressReport.findFirstOrThrow({ where: { periodId } })).id;
  });
  afterAll(() => t.close());

  /** Brings the report back to an editable draft (or to submitted), whatever state the last test left. */
  async function bring(to: 'draft' | 'submitted', label: string) {
    let r = await current();
    if (r.state === 'accepted') await as('office').post(`/api/v1/reports/${reportId}/reopen`, { version: r.version, reason: '再核一遍' }).expect(200);
    if (r.state === 'submitted') await as('office').post(`/api/v1/reports/${reportId}/return`, { version: r.version, reason: '重来一轮' }).expect(200);
    r = await current();
    const saved = await as('fgw').put(`/api/v1/reports/${reportId}`, { version: r.version, ...fill(label) }).expect(200);
    if (to === 'draft') return saved.body.version as number;
    return (await as('fgw-head').post(`/api/v1/reports/${reportId}/sign-off`, { version: saved.body.version }).expect(200)).body.version as number;
  }

  it('a save racing the head’s sign-off never lands on the signed-off report', async () => {
    for (let round = 0; round < 12; round++) {
      const v = await bring('draft', `第 ${round} 轮：报送前`);
      // The sign-off moves v → v+1; the save names v+1, as a client that already saw the sign-off would.
      const [signOff, save] = await Promise.all([
        as('fgw-head').post(`/api/v1/reports/${reportId}/sign-off`, { version: v }),
        as('fgw').put(`/api/v1/reports/${reportId}`, { version: v + 1, ...fill(`第 ${round} 轮：报送后改动`) }),
      ]);
      expect([signOff.status, save.status]).toEqual([200, 409]);
      expect(await current()).toMatchObject({ state: 'submitted', done: `第 ${round} 轮：报送前`, version: v + 1 });
    }
  });

  it('accept and return at adjacent versions: the second sees the first and is refused', async () => {
    for (let round = 0; round < 8; round++) {
      const v = await bring('submitted', `第 ${round} 轮`);
      const [accept, back] = await Promise.all([
        as('office').post(`/api/v1/reports/${reportId}/accept`, { version: v }),
        as('office').post(`/api/v1/reports/${reportId}/return`, { version: v + 1, reason: '数据有误' }),
      ]);
      expect([accept.status, back.status]).toEqual([200, 409]);
      expect(await current()).toMatchObject({ state: 'accepted', version: v + 1 });
    }
  });

  it('twenty uploads at once cannot pass the per-report limit', async () => {
    await bring('draft', '补充材料');
    const pdf = (i: number) => Buffer.from(`%PDF-1.4 证明材料 ${i}`);
    for (let i = 0; i < 15; i++) await request(t.http).post(`/api/v1/reports/${reportId}/evidence`).set('authorization', tok.fgw).attach('file', pdf(i), `材料${i}.pdf`).expect(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(t.http).post(`/api/v1/reports/${reportId}/evidence`).set('authorization', tok.fgw).attach('file', pdf(100 + i), `并发${i}.pdf`)),
    );
    expect(results.filter((x) => x.status === 201)).toHaveLength(5);
    expect(results.filter((x) => x.status === 422).every((x) => x.body.code === 'EVIDENCE.TOO_MANY')).toBe(true);
    expect(await t.prisma.evidenceFile.count({ where: { reportId } })).toBe(20);
  });

  it('units or indicators created at once under one name: one is created, the others are told the name is taken', async () => {
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    const units = await Promise.all(
      [1, 2, 3, 4].map((i) => as('office').post('/api/v1/units', { name: `市并发测试局${i}`, kind: 'department', parentId: city.id, aliases: ['并发共用简称'] })),
    );
    expect(units.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(units.filter((r) => r.status === 409).every((r) => r.body.code === 'UNIT.NAME_TAKEN')).toBe(true);
    expect(await t.prisma.unit.count({ where: { parentId: city.id, aliases: { has: '并发共用简称' } } })).toBe(1);

    const indicators = await Promise.all(
      [1, 2, 3, 4].map((i) => as('office').post(`/api/v1/plans/${planId}/indicators`, { name: `并发测试指标${i}`, synonyms: ['并发共用同义名'], direction: 'higher' })),
    );
    expect(indicators.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(indicators.filter((r) => r.status === 409).every((r) => r.body.code === 'INDICATOR.EXISTS')).toBe(true);
  });

  it('a unit’s first value of a year sent six times at once: recorded once, then replaced in turn, as when sent one by one', async () => {
    const indicator = (await as('office').post(`/api/v1/plans/${planId}/indicators`, { name: '并发实际值指标', direction: 'higher' }).expect(201)).body.id;
    const sent = await Promise.all([1, 2, 3, 4, 5, 6].map((v) => as('fgw').post(`/api/v1/indicators/${indicator}/actuals`, { year: 2026, value: v, source: 'self_reported' })));
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const rows = await t.prisma.indicatorActual.findMany({ where: { indicatorId: indicator } });
    expect(rows).toHaveLength(1);
    expect(rows[0].version).toBe(6);
    const events = await t.prisma.auditEvent.findMany({ where: { entityType: 'IndicatorActual', entityId: rows[0].id }, select: { action: true } });
    expect(events.map((e) => e.action).sort()).toEqual(['actual.recorded', 'actual.replaced', 'actual.replaced', 'actual.replaced', 'actual.replaced', 'actual.replaced']);
  });
});
