import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/**
 * A hand-computed year on fixed dates. Plan 2026–2030, five items (targets in the work text):
 *   1  能源  市发改委 leads, 兴庆区 supports   due 2026-12-31   装机 ≥ 500 万千瓦 (2026), ≥ 800 万千瓦 (2030)
 *   2  能源  兴庆区 leads, 市发改委 supports   due 2026-06-30   煤炭消费比重 ≤ 55%
 *   3  能源  金凤区 leads                      due 2026-12-31   二氧化碳排放比 2025 年下降 4%
 *   4  交通  金凤区 leads                      持续推进          非化石能源消费比重 20% 左右
 *   5  工业  金凤区 leads                      due 2026-12-31   能耗完成自治区下达目标
 * Obligated for 2026: 市发改委, 兴庆区, 金凤区 (each has a current assignment) → three annual reports.
 * Third quarter: 市发改委's report on item 1 accepted (60%); 兴庆区's on item 2 signed off, not accepted (100%).
 */
const TABLE = [
  '序号,重点领域,主要工作,牵头单位,配合单位,完成时限',
  '1,一、能源,建成屋顶光伏项目。到2026年，新能源发电装机容量达到500万千瓦以上，到2030年达到800万千瓦以上。,市发改委,兴庆区,2026年12月31日',
  '2,一、能源,完成公共建筑节能改造。到2026年，煤炭消费比重控制在55%以下。,兴庆区,市发改委,2026年6月30日',
  '3,一、能源,到2026年，单位地区生产总值二氧化碳排放比2025年下降4%。,金凤区,,2026年12月31日',
  '4,二、交通,持续推进新能源公交替换。到2026年，非化石能源消费比重达到20%左右。,金凤区,,持续推进',
  '5,三、工业,到2026年，全市单位地区生产总值能耗完成自治区下达目标。,金凤区,,2026年12月31日',
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
        text: '建成屋顶光伏项目。到2026年，新能源发电装机容量达到500万千瓦以上，到2030年达到800万千瓦以上。',
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
    expect(jf.items.map((i: { seq: string; status: string | null; source: object | null }) => [i.seq, i.status, i.source])).toEqual([
      ['3', null, null],
      ['4', null, null],
      ['5', null, null],
    ]);
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
    // One item twice in one save: refused by name, not the last one silently kept.
    const twice = await as('fgw')
      .put(`/api/v1/annual-reports/${id}`, { version: 4, items: [{ workItemId: itemId, percent: 50 }, { workItemId: itemId, percent: 60 }] })
      .expect(400);
    expect(twice.body.errors).toEqual([{ field: 'items', message: '同一事项只能出现一次' }]);
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
    // The report's history through the audit API: its own unit and the office read it, another county does not.
    const trail = (await as('fgw').get(`/api/v1/audit-events?entityType=AnnualReport&entityId=${id}`).expect(200)).body;
    expect(trail.map((e: { action: string }) => e.action)).toContain('annual_report.returned');
    await as('xingqing').get(`/api/v1/audit-events?entityType=AnnualReport&entityId=${id}`).expect(404);
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

  const indicators: Record<string, string> = {};
  it('indicators: a catalogue, links suggested from the names and confirmed by the office, an allocation recorded', async () => {
    const make = async (name: string, unit: string, direction: string, synonyms: string[] = []) =>
      (indicators[name] = (await as('office').post(`/api/v1/plans/${planId}/indicators`, { name, unit, direction, synonyms }).expect(201)).body.id);
    await make('新能源发电装机容量', '万千瓦', 'higher', ['新能源发电装机规模']);
    await make('煤炭消费比重', '%', 'lower');
    await make('单位地区生产总值二氧化碳排放', '吨/万元', 'lower');
    await make('非化石能源消费比重', '%', 'higher');
    await make('单位地区生产总值能耗', '吨标准煤/万元', 'lower');
    const dup = await as('office').post(`/api/v1/plans/${planId}/indicators`, { name: '新能源发电装机规模', direction: 'higher' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'INDICATOR.EXISTS', errors: [{ field: 'name' }] });
    await as('fgw-head').post(`/api/v1/plans/${planId}/indicators`, { name: '森林覆盖率', direction: 'higher' }).expect(403);
    const coalId = indicators['煤炭消费比重'];
    const renamed = await as('office').patch(`/api/v1/indicators/${coalId}`, { synonyms: ['煤炭占能源消费总量比重'] }).expect(200);
    expect(renamed.body).toMatchObject({ name: '煤炭消费比重', synonyms: ['煤炭占能源消费总量比重'], unit: '%', direction: 'lower' });
    const taken = await as('office').patch(`/api/v1/indicators/${coalId}`, { synonyms: ['新能源发电装机规模'] }).expect(409);
    expect(taken.body).toMatchObject({ code: 'INDICATOR.EXISTS', errors: [{ field: 'synonyms' }] });

    const suggested = (await as('office').post(`/api/v1/plans/${planId}/indicators/suggest-links`).expect(200)).body as {
      targetId: string; seq: string; comparator: string; value: number | null; year: number; indicatorName: string | null; linkStatus: string | null;
    }[];
    // The 2030 clause (「到2030年达到800万千瓦以上」) does not name its indicator: no suggestion, the office links it by hand.
    expect(suggested.map((t) => [t.seq, t.comparator, t.value, t.year, t.indicatorName, t.linkStatus])).toEqual([
      ['1', 'at_least', 500, 2026, '新能源发电装机容量', 'suggested'],
      ['1', 'at_least', 800, 2030, null, null],
      ['2', 'at_most', 55, 2026, '煤炭消费比重', 'suggested'],
      ['3', 'reduce_by', 4, 2026, '单位地区生产总值二氧化碳排放', 'suggested'],
      ['4', 'about', 20, 2026, '非化石能源消费比重', 'suggested'],
      ['5', 'assigned', null, 2026, '单位地区生产总值能耗', 'suggested'],
    ]);
    // Suggestions are not evaluated until confirmed.
    expect((await as('office').get(`/api/v1/plans/${planId}/indicator-evaluation?year=2026`).expect(200)).body).toEqual([]);
    const bad = await as('office').put(`/api/v1/targets/${suggested[0].targetId}/indicator-link`, { indicatorId: indicators['新能源发电装机容量'], assignedValue: 600 }).expect(400);
    expect(bad.body.errors[0].field).toBe('assignedValue');
    for (const t of suggested) {
      const indicatorId = t.indicatorName ? indicators[t.indicatorName] : indicators['新能源发电装机容量'];
      const linked = await as('office').put(`/api/v1/targets/${t.targetId}/indicator-link`, { indicatorId }).expect(200);
      expect(linked.body).toMatchObject({ linkStatus: 'confirmed', indicatorId });
    }
    const energy = suggested[5].targetId;
    const before = (await as('office').get(`/api/v1/plans/${planId}/indicator-evaluation?year=2026`).expect(200)).body;
    expect(before.find((e: { targetId: string }) => e.targetId === energy)).toMatchObject({ outcome: 'unknown', explanation: '上级下达的目标值尚未录入', value: null });
    const allocated = await as('office').put(`/api/v1/targets/${energy}/indicator-link`, { indicatorId: indicators['单位地区生产总值能耗'], assignedValue: 0.4 }).expect(200);
    expect(allocated.body).toMatchObject({ assignedValue: 0.4 });
  });

  it('actuals: recorded, verified or disputed by the office, each target evaluated with its arithmetic', async () => {
    const record = async (name: string, year: number, value: number) =>
      (await as('office').post(`/api/v1/indicators/${indicators[name]}/actuals`, { year, value, source: 'statistics', note: '市统计局年报' }).expect(201)).body;
    const verify = (a: { id: string; version: number }) => as('office').post(`/api/v1/indicator-actuals/${a.id}/verify`, { version: a.version, verification: 'verified' }).expect(200);
    const capacity = await record('新能源发电装机容量', 2026, 512);
    expect(capacity).toMatchObject({ unitName: '银川市', value: 512, unit: '万千瓦', source: 'statistics', verification: 'unverified', version: 1 });
    await verify(capacity);
    await verify(await record('煤炭消费比重', 2026, 56.5));
    await verify(await record('单位地区生产总值二氧化碳排放', 2025, 1.25)); // the baseline year: allowed though before the plan
    await verify(await record('单位地区生产总值二氧化碳排放', 2026, 1.19));
    await verify(await record('非化石能源消费比重', 2026, 19.6));
    const energy = await record('单位地区生产总值能耗', 2026, 0.39);
    await as('office').post(`/api/v1/indicator-actuals/${energy.id}/verify`, { version: 1, verification: 'disputed' }).expect(400);
    const disputed = await as('office').post(`/api/v1/indicator-actuals/${energy.id}/verify`, { version: 1, verification: 'disputed', reason: '与自治区反馈口径不一致' }).expect(200);
    expect(disputed.body).toMatchObject({ verification: 'disputed', verificationReason: '与自治区反馈口径不一致', version: 2 });
    await as('fgw-head').post(`/api/v1/indicator-actuals/${energy.id}/verify`, { version: 2, verification: 'verified' }).expect(403);

    const evaluation = async () =>
      ((await as('leader').get(`/api/v1/plans/${planId}/indicator-evaluation?year=2026`).expect(200)).body as { seq: string; value: number; actual: number; outcome: string; explanation: string }[]).map((e) => [e.seq, e.value, e.actual, e.outcome, e.explanation]);
    const rows = await evaluation();
    expect(rows).toEqual([
      ['1', 500, 512, 'achieved', '实际 512 万千瓦 ≥ 目标 500 万千瓦'],
      ['1', 800, 512, 'unknown', '目标年份为 2030 年，尚未到期'],
      ['2', 55, 56.5, 'not_achieved', '实际 56.5% > 目标 55%'],
      // (1.25 − 1.19) ÷ 1.25 = 4.8% ≥ 4%
      ['3', 4, 1.19, 'achieved', '较 2025 年 1.25 降低 4.8%（(1.25 − 1.19) ÷ 1.25）≥ 目标降低 4%'],
      // 20% × (1 ± 5%) = 19%～21%
      ['4', 20, 19.6, 'achieved', '实际 19.6% 在目标 20% 左右（±5%，即 19%～21%）范围内'],
      ['5', 0.4, 0.39, 'unknown', '2026 年实际值 0.39 吨标准煤/万元 存在争议，待核实'],
    ]);
    await verify({ id: energy.id, version: 2 });
    expect((await evaluation())[5]).toEqual(['5', 0.4, 0.39, 'achieved', '实际 0.39 吨标准煤/万元 ≤ 目标 0.4 吨标准煤/万元']);
  });

  it('a unit records its own actuals only; bad values and years outside the plan are refused and nothing is written', async () => {
    const url = `/api/v1/indicators/${indicators['新能源发电装机容量']}/actuals`;
    const before = await t.prisma.indicatorActual.count();
    const words = await as('fgw').post(url, { year: 2026, value: '五百', source: 'self_reported' }).expect(400);
    expect(words.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(words.body.errors).toEqual([expect.objectContaining({ field: 'value', message: expect.stringContaining('须为数值') })]);
    const outside = await as('fgw').post(url, { year: 2035, value: 2, source: 'self_reported' }).expect(422);
    expect(outside.body).toMatchObject({ code: 'ACTUAL.YEAR_OUTSIDE_PLAN', errors: [{ field: 'year' }] });
    await as('fgw').post(url, { year: 2026, value: 2, source: '单位自报' }).expect(400);
    await as('fgw').post(url, { year: 2026, value: 2, source: 'self_reported', unitId: units['兴庆区'] }).expect(403);
    expect(await t.prisma.indicatorActual.count()).toBe(before);

    const own = await as('fgw').post(url, { year: 2026, value: 1.6, source: 'self_reported' }).expect(201);
    expect(own.body).toMatchObject({ unitName: '市发改委', value: 1.6, verification: 'unverified' });
    expect((await as('fgw').get(url).expect(200)).body.map((a: { unitName: string }) => a.unitName)).toEqual(['市发改委']);
    expect((await as('xingqing').get(url).expect(200)).body).toEqual([]);
    expect((await as('office').get(url).expect(200)).body).toHaveLength(2);
    // The unit's annual report shows its actuals for the year.
    const report = (await as('fgw').get(`/api/v1/annual-reports/${annual['市发改委']}`).expect(200)).body;
    expect(report.actuals).toEqual([{ indicatorId: indicators['新能源发电装机容量'], indicatorName: '新能源发电装机容量', unit: '万千瓦', value: 1.6, source: 'self_reported', verification: 'unverified' }]);
    // Evidence behind the figure: type read from the bytes, served only to those who may read the figure.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('装机容量统计表')]);
    const attach = (who: string, name: string, body: Buffer) => request(t.http).post(`/api/v1/indicator-actuals/${own.body.id}/evidence`).set('authorization', tok[who]).attach('file', body, name);
    await attach('fgw', '统计表.exe', Buffer.from('MZ\x90\x00')).expect(415);
    await attach('xingqing', '统计表.pdf', pdf).expect(404);
    const attached = await attach('fgw', '统计表.pdf', pdf).expect(201);
    expect(attached.body.evidence).toEqual({ fileName: '统计表.pdf', mimeType: 'application/pdf', sha256: (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex') });
    const got = await download('office', `/api/v1/indicator-actuals/${own.body.id}/evidence`);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    await download('xingqing', `/api/v1/indicator-actuals/${own.body.id}/evidence`, 404);
    // Accepted before the figure was reported: the accepted version kept the actuals as they then stood (none).
    expect(report.history.at(-1)).toMatchObject({ action: 'annual_report.accepted', content: { actuals: [] } });
  });

  it('the consolidated summary, number by number; commentary; finalised = frozen with its data', async () => {
    // The year's supervision notices: one 催办 still open, one 督办 escalated once and closed, one 挂牌督办
    // acknowledged; one numbered in another year, which this year's summary leaves out.
    const item = await t.prisma.workItem.findFirstOrThrow({ where: { planId }, orderBy: { sortKey: 'asc' } });
    const office = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    const fgwUnit = await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委' } });
    const notice = (number: number, year: number, level: 'urge' | 'supervise' | 'listed', state: 'issued' | 'acknowledged' | 'closed', escalations = 0) =>
      t.prisma.supervisionNotice.create({
        data: { planId, year, number, numberText: `〔${year}〕第${number}号`, workItemId: item.id, unitId: fgwUnit.id, level, state, escalations, reason: '进度滞后', requestedAction: '报送整改措施', replyDeadline: new Date(`${year}-12-20`), issuedById: office.id, issuedAt: new Date(`${year}-11-01`) },
      });
    await notice(1, 2026, 'urge', 'issued');
    await notice(2, 2026, 'supervise', 'closed', 1);
    await notice(3, 2026, 'listed', 'acknowledged');
    await notice(1, 2025, 'listed', 'closed');
    const got = (await as('leader').get(`/api/v1/year-end-cycles/${cycleId}/summary`).expect(200)).body;
    await as('xingqing').get(`/api/v1/year-end-cycles/${cycleId}/summary`).expect(403);
    const s = got.summary;
    // Item 1: 市发改委 accepted, on track at 80%, but due 2026-12-31 → overdue. Item 2: 兴庆区 accepted, completed.
    // Items 3–5: 金凤区 never signed off → not reported.
    expect(s.areas).toEqual([
      { area: '能源', items: 3, completed: 1, onTrack: 0, behind: 0, overdue: 1, notReported: 1 },
      { area: '交通', items: 1, completed: 0, onTrack: 0, behind: 0, overdue: 0, notReported: 1 },
      { area: '工业', items: 1, completed: 0, onTrack: 0, behind: 0, overdue: 0, notReported: 1 },
    ]);
    expect(s.totals).toEqual({ items: 5, completed: 1, onTrack: 0, behind: 0, overdue: 1, notReported: 3 });
    expect(s.indicators).toMatchObject({ achieved: 4, notAchieved: 1, unknown: 1 });
    // Obliged: 市发改委, 兴庆区, 金凤区 (restored), 市统计局 (added). 兴庆区 signed off on 2027-01-05, after 2026-12-31.
    expect({ ...s.units, missing: [...s.units.missing].sort() }).toEqual({ obliged: 4, accepted: 2, awaitingReview: 0, late: ['兴庆区'], missing: ['市统计局', '金凤区'].sort(), dropped: [] });
    const lights = { green: 0, yellow: 0, red: 0, none: 0 } as Record<string, number>;
    for (const w of await t.prisma.workItem.findMany({ where: { planId } })) lights[(await as('office').get(`/api/v1/work-items/${w.id}/lights`).expect(200)).body.light ?? 'none']++;
    expect(s.lights).toEqual(lights);
    expect(Object.values(s.lights).reduce((a: number, b) => a + (b as number), 0)).toBe(5);
    expect(s.notices).toEqual({ issued: 3, urge: 1, supervise: 1, listed: 1, escalated: 1, closed: 1, open: 2 });

    await as('office').put(`/api/v1/year-end-cycles/${cycleId}/summary`, { version: got.version + 1, commentary: '旧版本' }).expect(409);
    const commented = await as('office').put(`/api/v1/year-end-cycles/${cycleId}/summary`, { version: got.version, commentary: '全市碳达峰工作总体有序推进，煤炭消费比重仍高于目标。' }).expect(200);
    expect(commented.body.summary.commentary).toBe('全市碳达峰工作总体有序推进，煤炭消费比重仍高于目标。');
    const final = await as('office').post(`/api/v1/year-end-cycles/${cycleId}/summary/finalise`, { version: commented.body.version }).expect(200);
    expect(final.body.hash).toBe((await import('node:crypto')).createHash('sha256').update(JSON.stringify(final.body.summary)).digest('hex'));
    expect(final.body.finalisedAt).toBe(at('2027-01-05').toISOString());

    // Later changes do not move the final summary.
    const coal = await t.prisma.indicatorActual.findFirstOrThrow({ where: { indicatorId: indicators['煤炭消费比重'] } });
    await as('office').post(`/api/v1/indicators/${indicators['煤炭消费比重']}/actuals`, { year: 2026, value: 54, source: 'statistics' }).expect(201);
    await verifyLater(coal.id);
    const frozen = (await as('office').get(`/api/v1/year-end-cycles/${cycleId}/summary`).expect(200)).body;
    expect(frozen.summary).toEqual(final.body.summary);
    expect(frozen.summary.indicators).toMatchObject({ achieved: 4, notAchieved: 1 });
    const again = await as('office').put(`/api/v1/year-end-cycles/${cycleId}/summary`, { version: final.body.version, commentary: '修改意见' }).expect(409);
    expect(again.body.code).toBe('YEAR_END.FINALISED');
  });

  const download = async (who: string, url: string, status = 200) => {
    const res = await as(who)
      .get(url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(status);
    return res;
  };
  const sheet = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as never);
    return wb.worksheets[0];
  };
  const docxText = async (body: Buffer) => {
    const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
    return { xml, text: text.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&') };
  };

  it('documents: 工作台账 (scoped), indicator table, annual report and summary — read back, every download audited', async () => {
    const audited = () => t.prisma.auditEvent.count({ where: { action: 'document.downloaded' } });
    const before = await audited();
    const lightOf = async (seq: string) => {
      const w = await t.prisma.workItem.findFirstOrThrow({ where: { planId, seq } });
      return (await as('office').get(`/api/v1/work-items/${w.id}/lights`).expect(200)).body.light as string | null;
    };

    const ledgerRes = await download('office', `/api/v1/plans/${planId}/documents/ledger.xlsx`);
    expect(ledgerRes.headers['content-type']).toContain('spreadsheetml');
    const ledger = await sheet(ledgerRes.body);
    expect(String(ledger.getCell('A1').value)).toMatch(/^年度示例方案工作台账/);
    expect(ledger.getRow(2).values).toEqual([undefined, '序号', '重点领域', '主要工作', '牵头单位', '配合单位', '完成时限', '目标', '最新进展', '灯', '存在问题']);
    expect(ledger.rowCount).toBe(2 + 5);
    const one = ledger.getRow(3).values as unknown[];
    expect(one.slice(1, 9)).toEqual([
      '1',
      '一、能源',
      '建成屋顶光伏项目。到2026年，新能源发电装机容量达到500万千瓦以上，到2030年达到800万千瓦以上。',
      '市发改委',
      '兴庆区',
      '2026年12月31日',
      expect.stringContaining('新能源发电装机容量达到500万千瓦以上'),
      '（2026年第3季度）按计划推进，完成 60%：已建成屋顶光伏 1.2 万千瓦',
    ]);
    expect(one[10]).toBe('并网审批慢');
    const names: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };
    const fills: Record<string, string> = { green: 'FF63BE7B', yellow: 'FFFFEB84', red: 'FFF8696B' };
    for (const [row, seq] of [[3, '1'], [4, '2'], [5, '3'], [6, '4'], [7, '5']] as const) {
      const light = await lightOf(seq);
      expect(ledger.getCell(row, 9).value).toBe(light ? names[light] : '—');
      if (light) expect((ledger.getCell(row, 9).fill as { fgColor: { argb: string } }).fgColor.argb).toBe(fills[light]);
    }
    // 能源 (items 1–3) merged down its rows; the title across the columns.
    expect(ledger.model.merges.sort()).toEqual(['A1:J1', 'B3:B5']);
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ledger.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ledger.autoFilter).toBeTruthy();

    // 兴庆区 exports only the items it leads or supports: 1 and 2.
    const mine = await sheet((await download('xingqing', `/api/v1/plans/${planId}/documents/ledger.xlsx`)).body);
    expect([3, 4].map((r) => mine.getCell(r, 1).value)).toEqual(['1', '2']);
    expect(mine.rowCount).toBe(4);

    const table = await sheet((await download('leader', `/api/v1/plans/${planId}/documents/indicators.xlsx?year=2026`)).body);
    expect(table.getRow(2).values).toEqual([undefined, '指标', '计量单位', '方向', '事项序号', '目标', '实际值', '核实状态', '评价', '算式说明']);
    expect((table.getRow(5).values as unknown[]).slice(1)).toEqual(['煤炭消费比重', '%', '越小越好', '2', '煤炭消费比重控制在55%以下', '54%', '已核实', '已完成', '实际 54% ≤ 目标 55%']);
    expect((table.getRow(3).values as unknown[]).slice(1)).toEqual(['新能源发电装机容量', '万千瓦', '越大越好', '1', '新能源发电装机容量达到500万千瓦以上', '512 万千瓦', '已核实', '已完成', '实际 512 万千瓦 ≥ 目标 500 万千瓦']);

    const annualDoc = await docxText((await download('fgw', `/api/v1/annual-reports/${annual['市发改委']}/document.docx`)).body);
    for (const text of ['市发改委2026年度碳达峰工作情况报告', '报送：银川市碳达峰碳中和工作领导小组办公室', '一、主要成效', '全年新增屋顶光伏 1.2 万千瓦', '二、重点任务推进情况', '（一）能源', '1.', '完成 80%。全年建成 1.6 万千瓦', '三、指标完成情况', '新能源发电装机容量', '1.6 万千瓦', '单位自报', '四、存在问题', '五、下一年工作打算', '2027 年再建 1 万千瓦']) {
      expect(annualDoc.text).toContain(text);
    }
    for (const font of ['方正小标宋简体', '黑体', '楷体_GB2312', '仿宋_GB2312']) expect(annualDoc.xml).toContain(`w:eastAsia="${font}"`);
    await download('xingqing', `/api/v1/annual-reports/${annual['市发改委']}/document.docx`, 404);

    const summaryDoc = await docxText((await download('office', `/api/v1/year-end-cycles/${cycleId}/summary.docx`)).body);
    for (const text of [
      '年度示例方案2026年度落实情况总结',
      '方案共有工作事项 5 项，其中已完成 1 项、按计划推进 0 项、滞后 0 项、逾期未完成 1 项、未纳入已采纳年度报告 3 项。',
      '1.能源：共 3 项，已完成 1 项，按计划推进 0 项，滞后 0 项，逾期 1 项，未报告 1 项。',
      '纳入评价的目标 6 个，已完成 4 个，未完成 1 个，暂无法评价 1 个。',
      '本年度发出督办单 3 件（催办 1 件，督办 1 件，挂牌督办 1 件），其中自动升级 1 件；已办结 1 件，未办结 2 件。',
      '实际 512 万千瓦 ≥ 目标 500 万千瓦',
      '实际 56.5% > 目标 55%', // the frozen figures, not the later correction
      '逾期报送：兴庆区',
      '六、督办情况', '七、办公室意见',
      '全市碳达峰工作总体有序推进，煤炭消费比重仍高于目标。',
    ]) {
      expect(summaryDoc.text).toContain(text);
    }
    const { hash } = (await as('office').get(`/api/v1/year-end-cycles/${cycleId}/summary`).expect(200)).body;
    expect(summaryDoc.text).toContain(`本总结已定稿，所依据数据的校验值（SHA-256）：${hash}`);
    await download('xingqing', `/api/v1/year-end-cycles/${cycleId}/summary.docx`, 403);

    expect(await audited()).toBe(before + 5);
    const last = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: 'document.downloaded' }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ entityType: 'YearEndCycle', entityId: cycleId, after: expect.objectContaining({ document: 'summary', finalised: true }) });
  });

  it('imports yearly actuals from a spreadsheet: a dry run reports every row; a commit with any bad row writes nothing', async () => {
    const csv = (third: string) =>
      Buffer.from(['指标,年份,单位,实际值（万千瓦）,数据来源,备注', '新能源发电装机规模,2027,,530,统计部门,', '非化石能源消费比重,2026,银川市,19.6,统计部门,', third].join('\n'));
    const upload = (body: Buffer, dryRun: boolean) => request(t.http).post(`/api/v1/plans/${planId}/indicator-actuals/import?dryRun=${dryRun}`).set('authorization', tok.office).attach('file', body, 'actuals.csv');
    const before = await t.prisma.indicatorActual.count();

    const dry = (await upload(csv('煤炭消费比重,2027,兴庆区,五十,单位自报,'), true).expect(200)).body;
    expect(dry.rows.map((r: { line: number; indicator: string; year: number; unit: string; value: number | null; action: string }) => [r.line, r.indicator, r.year, r.unit, r.value, r.action])).toEqual([
      [2, '新能源发电装机容量', 2027, '银川市', 530, 'create'],
      [3, '非化石能源消费比重', 2026, '银川市', 19.6, 'unchanged'],
      [4, '煤炭消费比重', 2027, '兴庆区', null, 'invalid'],
    ]);
    expect(dry.errors).toEqual([{ line: 4, field: '实际值', message: '第 4 行「实际值」须为数值，读到「五十」' }]);
    expect(dry).toMatchObject({ create: 1, replace: 0, unchanged: 1 });

    const refused = await upload(csv('煤炭消费比重,2035,兴庆区,50,单位自报,'), false).expect(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'ACTUAL_IMPORT.INVALID', errors: [{ line: 4, field: '年份' }] });
    expect(await t.prisma.indicatorActual.count()).toBe(before);
    await request(t.http).post(`/api/v1/plans/${planId}/indicator-actuals/import?dryRun=false`).set('authorization', tok['fgw-head']).attach('file', csv('煤炭消费比重,2027,兴庆区,50,单位自报,'), 'a.csv').expect(403);

    const done = (await upload(csv('煤炭消费比重,2027,兴庆区,50,单位自报,'), false).expect(200)).body;
    expect(done).toMatchObject({ dryRun: false, create: 2, replace: 0, unchanged: 1, errors: [] });
    expect(await t.prisma.indicatorActual.count()).toBe(before + 2);
    const coal = (await as('xingqing').get(`/api/v1/indicators/${indicators['煤炭消费比重']}/actuals`).expect(200)).body;
    expect(coal).toEqual([expect.objectContaining({ year: 2027, unitName: '兴庆区', value: 50, source: 'self_reported', verification: 'unverified', note: '导入自 actuals.csv', reportedBy: '领导小组办公室管理员' })]);
  });

  let countyPlan: string;
  it('cascade: a county plan that sets a weaker target for the same indicator than the city’s shows the gap', async () => {
    const county = (countyPlan = (await as('office').post('/api/v1/plans', { title: '兴庆区碳达峰实施方案', jurisdictionId: units['兴庆区'], parentPlanId: planId, horizonStartYear: 2026, horizonEndYear: 2030 }).expect(201)).body.id);
    const table = [
      '序号,重点领域,主要工作,牵头单位,配合单位,完成时限',
      '1,一、能源,到2026年，新能源发电装机规模达到300万千瓦以上。,兴庆区,,2026年12月31日',
      '2,一、能源,到2026年，煤炭消费比重控制在50%以下。,兴庆区,,2026年12月31日',
    ].join('\n');
    await request(t.http).post(`/api/v1/plans/${county}/imports?dryRun=false`).set('authorization', tok.office).attach('file', Buffer.from(table), 'county.csv').expect(201);
    // The county names its indicators its own way; the synonym ties them to the city's.
    await as('office').post(`/api/v1/plans/${county}/indicators`, { name: '新能源发电装机规模', unit: '万千瓦', direction: 'higher' }).expect(201);
    await as('office').post(`/api/v1/plans/${county}/indicators`, { name: '煤炭消费比重', unit: '%', direction: 'lower' }).expect(201);
    const links = (await as('office').post(`/api/v1/plans/${county}/indicators/suggest-links`).expect(200)).body;
    for (const l of links) await as('office').put(`/api/v1/targets/${l.targetId}/indicator-link`, { indicatorId: l.indicatorId }).expect(200);
    const gaps = (await as('leader').get(`/api/v1/plans/${planId}/indicator-cascade`).expect(200)).body;
    // 300 < 500: weaker. 50% ≤ 55%: stricter, no gap.
    expect(gaps).toEqual([
      {
        indicatorName: '新能源发电装机容量',
        childPlanId: county,
        childPlanTitle: '兴庆区碳达峰实施方案',
        childTarget: '新能源发电装机规模达到300万千瓦以上',
        parentTarget: '新能源发电装机容量达到500万千瓦以上',
        explanation: '下级方案目标 300 万千瓦 低于上级方案目标 500 万千瓦',
      },
    ]);
  });

  it('审核: the county submits its own plan, the office returns it with remarks, then approves it and the plan is issued', async () => {
    const children = async () => (await as('office').get(`/api/v1/plans/${planId}/child-plan-reviews`).expect(200)).body as { unitName: string; planId: string | null; state: string }[];
    const before = await children();
    expect(before.find((c) => c.unitName === '兴庆区')).toMatchObject({ planId: countyPlan, state: 'draft' });
    expect(before.find((c) => c.unitName === '金凤区')).toMatchObject({ planId: null, state: 'no_plan' });
    expect(before.filter((c) => c.unitName !== '兴庆区').every((c) => c.state === 'no_plan')).toBe(true);
    await as('xingqing').get(`/api/v1/plans/${planId}/child-plan-reviews`).expect(403);

    expect((await as('xingqing-head').get(`/api/v1/plans/${countyPlan}/review`).expect(200)).body).toMatchObject({ state: 'draft', version: 1, planStatus: 'draft', jurisdiction: '兴庆区' });
    await as('jinfeng').get(`/api/v1/plans/${countyPlan}/review`).expect(404);
    await as('xingqing').post(`/api/v1/plans/${countyPlan}/review/submit`, { version: 1 }).expect(403);
    await as('fgw-head').post(`/api/v1/plans/${countyPlan}/review/submit`, { version: 1 }).expect(404); // not its plan: hidden
    await as('office').post(`/api/v1/plans/${countyPlan}/review/submit`, { version: 1 }).expect(403);
    const submitted = await as('xingqing-head').post(`/api/v1/plans/${countyPlan}/review/submit`, { version: 1 }).expect(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', version: 2, submittedAt: at('2027-01-05').toISOString() });
    await as('xingqing-head').post(`/api/v1/plans/${countyPlan}/review/approve`, { version: 2 }).expect(403);
    await as('office').post(`/api/v1/plans/${countyPlan}/review/return`, { version: 2 }).expect(400);
    const returned = await as('office').post(`/api/v1/plans/${countyPlan}/review/return`, { version: 2, reason: '新能源装机目标低于全市目标，请补充说明' }).expect(200);
    expect(returned.body).toMatchObject({ state: 'returned', remarks: '新能源装机目标低于全市目标，请补充说明', version: 3 });
    expect((await children()).find((c) => c.unitName === '兴庆区')!.state).toBe('returned');

    await as('xingqing-head').post(`/api/v1/plans/${countyPlan}/review/submit`, { version: 3 }).expect(200);
    const approved = await as('office').post(`/api/v1/plans/${countyPlan}/review/approve`, { version: 4 }).expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', planStatus: 'issued', version: 5 });
    expect((await as('office').get(`/api/v1/plans/${countyPlan}`).expect(200)).body.status).toBe('issued');
    const again = await as('office').post(`/api/v1/plans/${countyPlan}/review/approve`, { version: 5 }).expect(409);
    expect(again.body.code).toBe('PLAN_REVIEW.BAD_STATE');
    expect((await children()).find((c) => c.unitName === '兴庆区')!.state).toBe('approved');
    const actions = (await t.prisma.auditEvent.findMany({ where: { entityType: 'Plan', entityId: countyPlan, action: { startsWith: 'plan' } }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions.filter((a) => a !== 'plan.created')).toEqual(['plan_review.submitted', 'plan_review.returned', 'plan_review.submitted', 'plan.issued', 'plan_review.approved']);
  });

  async function verifyLater(id: string) {
    const row = await t.prisma.indicatorActual.findUniqueOrThrow({ where: { id } });
    await as('office').post(`/api/v1/indicator-actuals/${id}/verify`, { version: row.version, verification: 'verified' }).expect(200);
  }
});
