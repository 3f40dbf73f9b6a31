import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/**
 * A hand-computed year on fixed dates. Plan 2026–2030, three items:
 *   1  能源  市发改委 leads, 兴庆区 supports   due 2026-12-31
 *   2  能源  兴庆区 leads, 市发改委 supports   due 2026-06-30
 *   3  交通  金凤区 leads                      持续推进
 * Obligated for 2026: 市发改委, 兴庆区, 金凤区 (each has a current assignment) → three annual reports.
 * Third quarter: 市发改委's report on item 1 accepted (60%); 兴庆区's on item 2 signed off, not accepted (100%).
 */
const TABLE = [
  '序号,重点领域,主要工作,牵头单位,配合单位,完成时限',
  '1,一、能源,建成屋顶光伏项目。,市发改委,兴庆区,2026年12月31日',
  '2,一、能源,完成公共建筑节能改造。,兴庆区,市发改委,2026年6月30日',
  '3,二、交通,持续推进新能源公交替换。,金凤区,,持续推进',
].join('\n');

describe('the year-end cycle: obligations, prefilled annual reports, sign-off, return, acceptance', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-10-02'));
  const tok: Record<string, string> = {};
  let planId: string;
  let cycleId: string;
  const units: Record<string, string> = {};
  const annual: Record<string, string> = {};
  const as = (who: string) => asUser(t, tok[who]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedDemo(t.app);
    for (const u of ['office', 'leader', 'fgw', 'fgw-head', 'xingqing', 'xingqing-head', 'jinfeng']) tok[u] = await tokenFor(t, u);
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    for (const name of ['市发改委', '兴庆区', '金凤区', '市统计局']) units[name] = (await t.prisma.unit.findFirstOrThrow({ where: { name } })).id;
    planId = (await as('office').post('/api/v1/plans', { title: '年度示例方案', jurisdictionId: city.id, horizonStartYear: 2026, horizonEndYear: 2030 }).expect(201)).body.id;
    await request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=false`).set('authorization', tok.office).attach('file', Buffer.from(TABLE), 'table.csv').expect(201);
    await as('office').put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    const period = (await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 3, confirm: true, reason: '三季度调度' }).expect(201)).body.id;
    const reports = (await as('office').get(`/api/v1/periods/${period}/reports`).expect(200)).body as { id: string; workItem: { seq: string }; unitName: string; kind: string }[];
    const find = (seq: string, unit: string) => reports.find((r) => r.workItem.seq === seq && r.unitName === unit)!.id;
    const fill = (percent: number, done: string, status = 'on_track') => ({ version: 1, status, percent, done, problems: '并网审批慢', nextSteps: '协调电网公司' });
    const one = find('1', '市发改委');
    await as('fgw').put(`/api/v1/reports/${one}`, fill(60, '已建成屋顶光伏 1.2 万千瓦')).expect(200);
    await as('fgw-head').post(`/api/v1/reports/${one}/sign-off`, { version: 2 }).expect(200);
    await as('office').post(`/api/v1/reports/${one}/accept`, { version: 3 }).expect(200);
    const two = find('2', '兴庆区');
    await as('xingqing').put(`/api/v1/reports/${two}`, fill(100, '完成 12 栋公共建筑改造', 'completed')).expect(200);
    await as('xingqing-head').post(`/api/v1/reports/${two}/sign-off`, { version: 2 }).expect(200);
  });
  afterAll(() => t.close());

  it('opens 2026 once: one prefilled report per unit with a current assignment; a second opening or a year outside the plan writes nothing', async () => {
    clock.set(at('2026-12-01'));
    await as('fgw-head').post(`/api/v1/plans/${planId}/year-end-cycles`, { year: 2026 }).expect(403);
    const opened = await as('office').post(`/api/v1/plans/${planId}/year-end-cycles`, { year: 2026 }).expect(201);
    cycleId = opened.body.id;
    expect(opened.body).toMatchObject({ year: 2026, dueDate: '2026-12-31', recipient: '银川市碳达峰碳中和工作领导小组办公室', status: 'open' });
    expect(opened.body.reports.map((r: { unitName: string; state: string }) => `${r.unitName}:${r.state}`).sort()).toEqual(['兴庆区:draft', '市发改委:draft', '金凤区:draft']);
    for (const r of opened.body.reports) annual[r.unitName] = r.id;

    const again = await as('office').post(`/api/v1/plans/${planId}/year-end-cycles`, { year: 2026, dueDate: '2026-12-20' }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'YEAR_END.CYCLE_EXISTS', errors: [{ field: 'year' }] });
    expect(again.body.detail ?? again.body.title).toContain('2026 年度报告已开启');
    const outside = await as('office').post(`/api/v1/plans/${planId}/year-end-cycles`, { year: 2031 }).expect(422);
    expect(outside.body).toMatchObject({ code: 'YEAR_END.YEAR_OUTSIDE_PLAN', errors: [{ field: 'year' }] });
    const bad = await as('office').post(`/api/v1/plans/${planId}/year-end-cycles`, { year: '二〇二七' }).expect(400);
    expect(bad.body.errors[0].field).toBe('year');
    expect(await t.prisma.yearEndCycle.count()).toBe(1);
    expect(await t.prisma.annualReport.count()).toBe(3);
  });

  it('prefills each lead item with the year’s last accepted (else signed-off) progress and its light', async () => {
    const fgw = (await as('fgw').get(`/api/v1/year-end-cycles/${cycleId}/my-report`).expect(200)).body;
    const light = (await as('office').get(`/api/v1/work-items/${fgw.items[0].workItemId}/lights`).expect(200)).body.light;
    expect(fgw.items).toEqual([
      {
        workItemId: expect.any(String),
        seq: '1',
        itemNo: 1,
        area: '能源',
        text: '建成屋顶光伏项目。',
        status: 'on_track',
        percent: 60,
        done: '已建成屋顶光伏 1.2 万千瓦',
        problems: '并网审批慢',
        nextSteps: '协调电网公司',
        light,
        source: { periodLabel: '2026年第3季度', state: 'accepted' },
      },
    ]);
    const xq = (await as('xingqing').get(`/api/v1/year-end-cycles/${cycleId}/my-report`).expect(200)).body;
    expect(xq.items.map((i: { seq: string; status: string; percent: number; source: object }) => [i.seq, i.status, i.percent, i.source])).toEqual([
      ['2', 'completed', 100, { periodLabel: '2026年第3季度', state: 'submitted' }],
    ]);
    const jf = (await as('jinfeng').get(`/api/v1/year-end-cycles/${cycleId}/my-report`).expect(200)).body;
    expect(jf.items.map((i: { seq: string; status: string | null; source: object | null }) => [i.seq, i.status, i.source])).toEqual([['3', null, null]]);
  });

  it('scope: a county reads only its own annual report; another county’s answers 404 like a missing one', async () => {
    await as('xingqing').get(`/api/v1/annual-reports/${annual['金凤区']}`).expect(404);
    await as('jinfeng').get(`/api/v1/annual-reports/${annual['兴庆区']}`).expect(404);
    await as('xingqing').get(`/api/v1/annual-reports/${annual['市发改委']}`).expect(404);
    await as('leader').get(`/api/v1/annual-reports/${annual['金凤区']}`).expect(200);
    const cycle = (await as('xingqing').get(`/api/v1/year-end-cycles/${cycleId}`).expect(200)).body;
    expect(cycle.reports.map((r: { unitName: string }) => r.unitName)).toEqual(['兴庆区']);
    const none = await as('leader').get(`/api/v1/year-end-cycles/${cycleId}/my-report`).expect(404);
    expect(none.body).toMatchObject({ code: 'ANNUAL_REPORT.NO_OBLIGATION' });
    await as('xingqing').put(`/api/v1/annual-reports/${annual['金凤区']}`, { version: 1, achievements: '越权' }).expect(404);
  });

  it('市发改委: sections filled, signed off, returned with a reason, corrected, accepted, locked, every version kept', async () => {
    const id = annual['市发改委'];
    const head = 'fgw-head';
    const sign = await as(head).post(`/api/v1/annual-reports/${id}/sign-off`, { version: 1 }).expect(422);
    expect(sign.body).toMatchObject({ code: 'ANNUAL_REPORT.INCOMPLETE', errors: [{ field: 'achievements' }] });
    const unknownItem = await as('fgw').put(`/api/v1/annual-reports/${id}`, { version: 1, items: [{ workItemId: annual['兴庆区'], percent: 10 }] }).expect(400);
    expect(unknownItem.body.errors[0].field).toBe('items[0].workItemId');
    await as('fgw').put(`/api/v1/annual-reports/${id}`, { version: 1, achievements: '全年新增屋顶光伏 1.2 万千瓦', problems: '并网审批慢', nextYearPlans: '2027 年再建 1 万千瓦' }).expect(200);
    await as('fgw').post(`/api/v1/annual-reports/${id}/sign-off`, { version: 2 }).expect(403);
    await as(head).post(`/api/v1/annual-reports/${id}/accept`, { version: 2 }).expect(403);
    const signed = await as(head).post(`/api/v1/annual-reports/${id}/sign-off`, { version: 2 }).expect(200);
    expect(signed.body).toMatchObject({ state: 'submitted', firstSubmittedAt: at('2026-12-01').toISOString(), late: false });
    await as('office').post(`/api/v1/annual-reports/${id}/return`, { version: 3 }).expect(400);
    const returned = await as('office').post(`/api/v1/annual-reports/${id}/return`, { version: 3, reason: '请补充全年装机数据' }).expect(200);
    expect(returned.body).toMatchObject({ state: 'returned', returnReason: '请补充全年装机数据' });

    clock.set(at('2026-12-10'));
    const itemId = signed.body.items[0].workItemId;
    const fixed = await as('fgw').put(`/api/v1/annual-reports/${id}`, { version: 4, items: [{ workItemId: itemId, percent: 80, done: '全年建成 1.6 万千瓦' }] }).expect(200);
    expect(fixed.body.items[0]).toMatchObject({ percent: 80, done: '全年建成 1.6 万千瓦', status: 'on_track', problems: '并网审批慢' });
    expect(fixed.body.achievements).toBe('全年新增屋顶光伏 1.2 万千瓦');
    await as(head).post(`/api/v1/annual-reports/${id}/sign-off`, { version: 5 }).expect(200);
    const accepted = await as('office').post(`/api/v1/annual-reports/${id}/accept`, { version: 6 }).expect(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', returnReason: null, acceptedAt: at('2026-12-10').toISOString(), firstSubmittedAt: at('2026-12-01').toISOString() });

    const locked = await as('fgw').put(`/api/v1/annual-reports/${id}`, { version: 7, achievements: '改' }).expect(409);
    expect(locked.body.code).toBe('ANNUAL_REPORT.LOCKED');
    const stale = await as('office').post(`/api/v1/annual-reports/${id}/reopen`, { version: 6, reason: '口径调整' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'ANNUAL_REPORT.VERSION_CONFLICT', currentVersion: 7 });

    const detail = (await as('fgw').get(`/api/v1/annual-reports/${id}`).expect(200)).body;
    expect(detail.history.map((h: { version: number; action: string; state: string }) => [h.version, h.action, h.state])).toEqual([
      [1, 'annual_report.created', 'draft'],
      [2, 'annual_report.saved', 'draft'],
      [3, 'annual_report.signed_off', 'submitted'],
      [4, 'annual_report.returned', 'returned'],
      [5, 'annual_report.saved', 'draft'],
      [6, 'annual_report.signed_off', 'submitted'],
      [7, 'annual_report.accepted', 'accepted'],
    ]);
    expect(detail.history[3]).toMatchObject({ reason: '请补充全年装机数据', content: { items: [{ percent: 60 }] } });
    expect(await t.prisma.auditEvent.count({ where: { entityType: 'AnnualReport', entityId: id } })).toBe(7);
  });

  it('兴庆区 signs off after the due date: accepted, marked late', async () => {
    const id = annual['兴庆区'];
    clock.set(at('2027-01-05'));
    await as('xingqing').put(`/api/v1/annual-reports/${id}`, { version: 1, achievements: '完成 12 栋公共建筑节能改造', problems: '无', nextYearPlans: '推广到学校' }).expect(200);
    const signed = await as('xingqing-head').post(`/api/v1/annual-reports/${id}/sign-off`, { version: 2 }).expect(200);
    expect(signed.body).toMatchObject({ state: 'submitted', late: true });
    await as('office').post(`/api/v1/annual-reports/${id}/accept`, { version: 3 }).expect(200);
  });

  it('the office drops a unit with a reason (its report stays) and adds one; bad requests change nothing', async () => {
    const dropped = await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units/${units['金凤区']}/drop`, { reason: '事项已整体移交市交通局' }).expect(200);
    expect(dropped.body.reports.find((r: { unitName: string }) => r.unitName === '金凤区')).toMatchObject({ dropReason: '事项已整体移交市交通局', droppedAt: at('2027-01-05').toISOString() });
    expect((await as('jinfeng').get(`/api/v1/year-end-cycles/${cycleId}/my-report`).expect(404)).body.code).toBe('ANNUAL_REPORT.NO_OBLIGATION');
    const write = await as('jinfeng').put(`/api/v1/annual-reports/${annual['金凤区']}`, { version: 2, achievements: '补写' }).expect(409);
    expect(write.body.code).toBe('ANNUAL_REPORT.DROPPED');
    await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units/${units['金凤区']}/drop`, { reason: '再次免报' }).expect(404);
    const acceptedDrop = await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units/${units['市发改委']}/drop`, { reason: '免报' }).expect(409);
    expect(acceptedDrop.body.code).toBe('ANNUAL_REPORT.LOCKED');

    const before = await t.prisma.annualReport.count();
    await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units`, { unitId: units['市发改委'], reason: '重复' }).expect(409);
    await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units`, { unitId: units['市统计局'] }).expect(400);
    await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units`, { unitId: '00000000-0000-4000-8000-000000000000', reason: '测试' }).expect(422);
    expect(await t.prisma.annualReport.count()).toBe(before);

    const added = await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units`, { unitId: units['市统计局'], reason: '提供全市能耗统计数据' }).expect(201);
    expect(added.body.reports.find((r: { unitName: string }) => r.unitName === '市统计局')).toMatchObject({ state: 'draft', addedReason: '提供全市能耗统计数据' });
    const restored = await as('office').post(`/api/v1/year-end-cycles/${cycleId}/units`, { unitId: units['金凤区'], reason: '移交未完成，恢复报送' }).expect(201);
    expect(restored.body.reports.find((r: { unitName: string }) => r.unitName === '金凤区')).toMatchObject({ droppedAt: null, addedReason: '移交未完成，恢复报送' });
    expect(await t.prisma.annualReport.count()).toBe(before + 1);
  });
});
