import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { seedAssessmentDemo } from '../src/assessment/assessment-demo.js';
import { hashPassword } from '../src/auth/passwords.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

/**
 * A hand-computed annual assessment on a small plan among the Yinchuan demo units, year 2026, looked at on
 * 2027-01-10 (the cutoff is the end of 2026, Shanghai time).
 *
 * Items (lead / supporting, deadline):
 *   I1 市发改委 / 兴庆区, 2026-06-30 — 市发改委 reports it completed on 2026-10-08; 兴庆区's assignment shows a red light
 *   I2 市发改委 / 金凤区, 2026-09-30 — not completed: overdue at year end
 *   I3 兴庆区 / 市发改委, 2026-12-31 — extension approved on 2026-11-01 to 2027-06-30: not due in 2026
 *   I4 金凤区 alone,      2026-12-31 — completed on 2026-12-20
 * One reporting period (Q3, due 2026-10-10):
 *   市发改委: I1 report on time (10-08), I2 report late (10-15), I3 contribution never sent   → on time 1/3
 *   兴庆区:   I1 contribution on time (10-09), I3 report on the due day (10:00), returned once → on time 2/2
 *   金凤区:   I2 contribution 00:40 the day after the due day (late), I4 report on time      → on time 1/2
 *
 * Scheme: base 90, total cap 100; parts 「重点任务推进」 work 70 % and 「工作质量」 quality 30 %.
 *   on_time      按时报送率, points 10                  市发改委 10×(1/3−1) = −6.67   兴庆区 0     金凤区 10×(1/2−1) = −5
 *   completion   完成率, points 20 (lead items due)      市发改委 1/2 → −10           兴庆区 0/0 → 0  金凤区 1/1 → 0
 *   overdue      逾期或红灯 −10 lead / −6 supp, cap −8   市发改委 I2 −10 → −8         兴庆区 I1 red −6  金凤区 I2 −6
 *   completed    完成事项 +4 lead / +2 supp, cap +3      市发改委 I1 +4 → +3          兴庆区 I1 +2     金凤区 I4 +4 → +3
 *   returned     退回 −1 lead / −0.5 supp                兴庆区 −1
 *   extensions   获批延期 −1                             兴庆区 −1
 *   work part:   市发改委 90−6.67−10−8+3 = 68.33   兴庆区 90−6+2−1−1 = 84   金凤区 90−5−6+3 = 82
 *   quality      judged −10…10, cap +5: 市发改委 8 → 5 (95); 兴庆区 6, adjusted by the office to 3 (93); 金凤区 2 (92)
 *   emission     judged veto 「碳排放控制目标未完成」: set by the office for 市发改委
 *   overdue_veto computed veto: 3 overdue items → not triggered for anyone
 * Totals: 市发改委 0.7×68.33 + 0.3×95 = 47.831 + 28.5 = 76.33, vetoed → 不合格, ranked last (3)
 *         兴庆区   0.7×84 + 0.3×93 = 58.8 + 27.9 = 86.7 → 良好, rank 1
 *         金凤区   0.7×82 + 0.3×92 = 57.4 + 27.6 = 85 → 良好, rank 2
 * Appeals: 市发改委 against the veto — rejected; 金凤区 against quality — accepted at 4: 0.7×82 + 0.3×94 = 85.6.
 * After the freeze, a correction removes 兴庆区's extension deduction: work 85, total 0.7×85 + 27.9 = 87.4 (version 2).
 */
describe('annual assessment (年度考核)', () => {
  const clock = new TestClock(new Date('2027-01-10T02:00:00Z'));
  let t: TestApp;
  let planId: string;
  const unit: Record<'fgw' | 'xingqing' | 'jinfeng', string> = { fgw: '', xingqing: '', jinfeng: '' };
  const reports: Record<string, string> = {};
  let office: ReturnType<typeof asUser>;
  let roundId: string;
  let demoPlanId: string;

  const scheme = {
    year: 2026,
    name: '2026年度碳达峰工作考核方案',
    baseScore: 90,
    totalCap: 100,
    parts: [
      { key: 'work', name: '重点任务推进', weight: 70 },
      { key: 'quality', name: '工作质量', weight: 30 },
    ],
    criteria: [
      { key: 'on_time', partKey: 'work', name: '按时报送', type: 'computed', basis: 'system_data', kind: 'on_time_reporting', params: { points: 10 } },
      { key: 'completion', partKey: 'work', name: '到期事项完成', type: 'computed', basis: 'system_data', kind: 'completion_rate', params: { points: 20 } },
      { key: 'overdue', partKey: 'work', name: '逾期或红灯事项', type: 'computed', basis: 'system_data', kind: 'overdue_or_red', params: { lead: -10, supporting: -6 }, capMin: -8 },
      { key: 'completed', partKey: 'work', name: '完成事项', type: 'computed', basis: 'system_data', kind: 'completed_items', params: { lead: 4, supporting: 2 }, capMax: 3 },
      { key: 'returned', partKey: 'work', name: '报告被退回', type: 'computed', basis: 'system_data', kind: 'returned_reports', params: { lead: -1, supporting: -0.5 } },
      { key: 'extensions', partKey: 'work', name: '申请延期', type: 'computed', basis: 'system_data', kind: 'extensions', params: { lead: -1, supporting: 0 } },
      { key: 'quality', partKey: 'quality', name: '工作质量与创新', type: 'judged', basis: 'work_quality', rangeMin: -10, rangeMax: 10, capMax: 5 },
      { key: 'emission', partKey: 'work', name: '碳排放控制目标未完成', type: 'veto', basis: 'target' },
      { key: 'overdue_veto', partKey: 'work', name: '逾期事项过多', type: 'veto', basis: 'system_data', kind: 'overdue_or_red', params: { threshold: 3 } },
    ],
    excellentMaxShare: 0.34,
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const demo = await seedDemo(t.app);
    demoPlanId = demo.planId;
    const city = await t.prisma.plan.findUniqueOrThrow({ where: { id: demo.planId } });
    for (const [k, name] of [['fgw', '市发改委'], ['xingqing', '兴庆区'], ['jinfeng', '金凤区']] as const) unit[k] = (await t.prisma.unit.findFirstOrThrow({ where: { name } })).id;
    planId = (await t.prisma.plan.create({ data: { title: '考核测试方案', jurisdictionId: city.jurisdictionId, status: 'issued' } })).id;
    const item = async (seq: string, lead: string, supporting: string | null, deadline: string) => {
      const w = await t.prisma.workItem.create({
        data: {
          planId, seq, sortKey: Number(seq), text: `考核测试事项${seq}`,
          assignments: { create: [{ unitId: lead, role: 'lead', principal: true, source: 'table', position: 0 }, ...(supporting ? [{ unitId: supporting, role: 'supporting' as const, source: 'table' as const, position: 1 }] : [])] },
          deadlines: { create: [{ kind: 'dated', date: new Date(`${deadline}T00:00:00Z`), basis: 'column', text: deadline }] },
        },
        include: { assignments: true },
      });
      return { id: w.id, a: Object.fromEntries(w.assignments.map((x) => [x.unitId, x.id])) as Record<string, string> };
    };
    const i1 = await item('1', unit.fgw, unit.xingqing, '2026-06-30');
    const i2 = await item('2', unit.fgw, unit.jinfeng, '2026-09-30');
    const i3 = await item('3', unit.xingqing, unit.fgw, '2026-12-31');
    const i4 = await item('4', unit.jinfeng, null, '2026-12-31');
    const period = await t.prisma.reportingPeriod.create({
      data: { planId, cadence: 'quarterly', label: '2026年第三季度', startDate: new Date('2026-07-01'), endDate: new Date('2026-09-30'), dueDate: new Date('2026-10-10') },
    });
    const report = async (name: string, it: { id: string; a: Record<string, string> }, unitId: string, kind: 'report' | 'contribution', data: object) => {
      reports[name] = (await t.prisma.progressReport.create({ data: { periodId: period.id, workItemId: it.id, assignmentId: it.a[unitId], unitId, kind, ...data } })).id;
    };
    const at = (s: string) => new Date(s);
    await report('fgwI1', i1, unit.fgw, 'report', { state: 'accepted', status: 'completed', percent: 100, firstSubmittedAt: at('2026-10-08T02:00:00Z'), submittedAt: at('2026-10-08T02:00:00Z') });
    await report('fgwI2', i2, unit.fgw, 'report', { state: 'submitted', status: 'delayed', percent: 40, firstSubmittedAt: at('2026-10-15T02:00:00Z'), submittedAt: at('2026-10-15T02:00:00Z') });
    await report('fgwI3', i3, unit.fgw, 'contribution', {});
    await report('xqI1', i1, unit.xingqing, 'contribution', { state: 'submitted', status: 'on_track', firstSubmittedAt: at('2026-10-09T02:00:00Z'), submittedAt: at('2026-10-09T02:00:00Z') });
    await report('xqI3', i3, unit.xingqing, 'report', { state: 'returned', status: 'on_track', percent: 50, firstSubmittedAt: at('2026-10-10T02:00:00Z'), submittedAt: at('2026-10-10T02:00:00Z') });
    await report('jfI2', i2, unit.jinfeng, 'contribution', { state: 'submitted', status: 'on_track', firstSubmittedAt: at('2026-10-10T16:40:00Z'), submittedAt: at('2026-10-10T16:40:00Z') });
    await report('jfI4', i4, unit.jinfeng, 'report', { state: 'accepted', status: 'completed', percent: 100, firstSubmittedAt: at('2026-10-05T02:00:00Z'), submittedAt: at('2026-12-20T02:00:00Z') });
    await t.prisma.reportRevision.create({ data: { reportId: reports.xqI3, version: 2, action: 'report.returned', state: 'returned', content: {}, reason: '数据不完整', createdAt: at('2026-10-12T02:00:00Z') } });
    const requester = await t.prisma.user.findUniqueOrThrow({ where: { username: 'xingqing' } });
    await t.prisma.extensionRequest.create({
      data: { workItemId: i3.id, unitId: unit.xingqing, requestedById: requester.id, reason: '上级政策调整', originalDate: new Date('2026-12-31'), requestedDate: new Date('2027-06-30'), status: 'approved', decidedAt: at('2026-11-01T02:00:00Z') },
    });
    await t.prisma.lightState.create({ data: { workItemId: i1.id, assignmentKey: i1.a[unit.xingqing], unitId: unit.xingqing, light: 'red', reasons: [], computedAt: at('2026-11-01T02:00:00Z') } });
    const officeUnit = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } })).unitId;
    await t.prisma.user.create({ data: { username: 'pinggu', displayName: '第三方评估机构', unitId: officeUnit, roles: ['evaluator'], passwordHash: await hashPassword('Evaluator-2026-pass') } });
    office = asUser(t, await tokenFor(t, 'office'));
  });
  afterAll(() => t.close());

  const as = async (who: string, password?: string) => asUser(t, await tokenFor(t, who, password));
  const version = async () => (await t.prisma.assessmentRound.findUniqueOrThrow({ where: { id: roundId } })).version;
  const sheetOf = async (who: ReturnType<typeof asUser>, unitId: string) => (await who.get(`/api/v1/assessment-rounds/${roundId}/sheets/${unitId}`).expect(200)).body;
  const criterion = (sheet: { criteria: { key: string; points: number }[] }, key: string) => sheet.criteria.find((c) => c.key === key)!;

  it('refuses every criterion that scores leaders’ instructions, publicity, photos or forms, citing the rule', async () => {
    const base = { ...scheme, year: 2030 };
    const bad = [
      { name: '领导批示件数', basis: 'other' },
      { name: '获得肯定', basis: 'leader_instruction' },
      { name: '媒体报道篇数', basis: 'work_quality' },
      { name: '经验交流', description: '在省级以上媒体刊发宣传稿件的加分', basis: 'other' },
      { name: '亮点展示', basis: 'publicity' },
      { name: '工作照片数量', basis: 'other' },
      { name: '过程留痕', basis: 'other' },
      { name: '佐证材料', basis: 'photos_traces' },
      { name: '填报表格份数', basis: 'other' },
      { name: '报表报送次数', basis: 'system_data' },
      { name: '资料报送', basis: 'forms_count' },
    ];
    for (const b of bad) {
      const res = await office.post(`/api/v1/plans/${planId}/assessment-schemes`, {
        ...base,
        criteria: [...base.criteria, { key: 'banned', partKey: 'quality', type: 'judged', rangeMin: 0, rangeMax: 5, ...b }],
      });
      expect([b.name, res.status, res.body.code]).toEqual([b.name, 422, 'ASSESSMENT.FORMALISM']);
      expect(res.body.detail ?? res.body.title ?? '').toContain('整治形式主义为基层减负若干规定');
      expect(res.body.errors[0].field).toMatch(/^criteria\[9\]\.(basis|name|description)$/);
      expect(res.body.errors[0].message).toContain('整治形式主义为基层减负若干规定');
    }
    expect(await t.prisma.assessmentScheme.count({ where: { planId } })).toBe(0);
  });

  it('validates a scheme on save: weights add up, ranges make sense, no data the plan lacks', async () => {
    const res = await office.post(`/api/v1/plans/${planId}/assessment-schemes`, {
      ...scheme,
      parts: [{ key: 'work', name: '重点任务推进', weight: 70 }, { key: 'quality', name: '工作质量', weight: 20 }],
      criteria: scheme.criteria.map((c) => (c.key === 'quality' ? { ...c, rangeMin: 5, rangeMax: 5 } : c)),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'parts', message: '各部分权重合计须为 100，现为 90' },
        { field: 'criteria[6].rangeMax', message: '分值区间上限 5 须高于下限 5' },
      ]),
    );
    // 2031 has no reporting period in this plan: the reporting criteria cannot be computed.
    const noData = await office.post(`/api/v1/plans/${planId}/assessment-schemes`, { ...scheme, year: 2031 });
    expect(noData.status).toBe(400);
    expect(noData.body.errors).toContainEqual({ field: 'criteria[0].kind', message: '「按时报送率」不可用：该方案本年度没有调度期次，无法计算报送情况' });
  });

  it('saves the scheme, shows each formula, and copies it to the next year in one request', async () => {
    const created = await office.post(`/api/v1/plans/${planId}/assessment-schemes`, scheme).expect(201);
    expect(created.body.criteria[2].formula).toContain('牵头单位每项 -10 分，配合单位每项 -6 分');
    expect(created.body.bands).toEqual({ excellent: 90, good: 80, pass: 60 });
    expect(created.body.appealDays).toBe(10);
    const xq = await as('xingqing');
    expect((await xq.get(`/api/v1/plans/${planId}/assessment-schemes`).expect(200)).body).toHaveLength(1);
    const kinds = (await xq.get(`/api/v1/assessment-criterion-kinds?planId=${planId}&year=2031`).expect(200)).body;
    expect(kinds.find((k: { kind: string }) => k.kind === 'on_time_reporting')).toMatchObject({ available: false });
    await office.post(`/api/v1/plans/${planId}/assessment-schemes/copy`, { fromYear: 2026, toYear: 2031 }).expect(400);
    await t.prisma.reportingPeriod.create({ data: { planId, cadence: 'quarterly', label: '2027年第一季度', startDate: new Date('2027-01-01'), endDate: new Date('2027-03-31'), dueDate: new Date('2027-04-10') } });
    const copy = await office.post(`/api/v1/plans/${planId}/assessment-schemes/copy`, { fromYear: 2026, toYear: 2027 }).expect(201);
    expect(copy.body).toMatchObject({ year: 2027, name: '2027年度碳达峰工作考核方案', baseScore: 90 });
    expect(copy.body.criteria.map((c: { key: string }) => c.key)).toEqual(scheme.criteria.map((c) => c.key));
    await office.post(`/api/v1/plans/${planId}/assessment-schemes/copy`, { fromYear: 2026, toYear: 2027 }).expect(409);
  });

  it('opens the round and scores every obligated unit from the data, number by number', async () => {
    await office.post(`/api/v1/plans/${planId}/assessment-rounds`, { year: 2026 }).expect(201).then((r) => (roundId = r.body.id));
    const round = (await office.get(`/api/v1/assessment-rounds/${roundId}`).expect(200)).body;
    expect(round).toMatchObject({ state: 'open', cutoff: '2026-12-31T16:00:00.000Z', unscoredJudged: 3 });
    const sheets = (await office.get(`/api/v1/assessment-rounds/${roundId}/sheets`).expect(200)).body;
    expect(sheets.map((s: { unitId: string }) => s.unitId).sort()).toEqual(Object.values(unit).sort());
    const computed = (unitId: string) => Object.fromEntries(sheets.find((s: { unitId: string }) => s.unitId === unitId).criteria.map((c: { key: string; computed: number | null; points: number }) => [c.key, [c.computed, c.points]]));
    expect(computed(unit.fgw)).toMatchObject({ on_time: [-6.67, -6.67], completion: [-10, -10], overdue: [-10, -8], completed: [4, 3], returned: [0, 0], extensions: [0, 0] });
    expect(computed(unit.xingqing)).toMatchObject({ on_time: [0, 0], completion: [0, 0], overdue: [-6, -6], completed: [2, 2], returned: [-1, -1], extensions: [-1, -1] });
    expect(computed(unit.jinfeng)).toMatchObject({ on_time: [-5, -5], completion: [0, 0], overdue: [-6, -6], completed: [4, 3], returned: [0, 0], extensions: [0, 0] });
    const fgw = sheets.find((s: { unitId: string }) => s.unitId === unit.fgw);
    expect(fgw.parts.map((p: { score: number }) => p.score)).toEqual([68.33, 90]);
    expect(fgw.criteria.find((c: { key: string }) => c.key === 'overdue_veto').vetoTriggered).toBe(false);
    // The console hides 评分 on what data decides: a veto with a kind is as unscorable as a computed criterion.
    expect(Object.fromEntries(fgw.criteria.map((c: { key: string; kind: string | null }) => [c.key, c.kind]))).toMatchObject({ overdue_veto: 'overdue_or_red', emission: null, on_time: 'on_time_reporting' });
  });

  it('traces a computed criterion back to the reports behind it', async () => {
    const trace = (await office.get(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/on_time/trace`).expect(200)).body;
    expect(trace).toMatchObject({ name: '按时报送', computed: -6.67, met: 1, due: 3 });
    expect(trace.records.map((r: { type: string; id: string; counted: boolean; role: string }) => [r.type, r.id, r.counted, r.role])).toEqual([
      ['ProgressReport', reports.fgwI1, true, 'lead'],
      ['ProgressReport', reports.fgwI2, false, 'lead'],
      ['ProgressReport', reports.fgwI3, false, 'supporting'],
    ]);
    expect(trace.records[1].note).toBe('期限 2026-10-10，逾期报送');
    expect(trace.formula).toContain('按时报送率');
    const overdue = (await office.get(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/overdue/trace`).expect(200)).body;
    expect(overdue.records).toEqual([expect.objectContaining({ type: 'WorkItem', role: 'supporting', note: '红灯' })]);
    // Another unit's trace does not exist for 兴庆区.
    await (await as('xingqing')).get(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/on_time/trace`).expect(404);
  });

  it('self-assessment: a unit scores its own judged criteria with reason and evidence, nothing else', async () => {
    const xq = await as('xingqing');
    const early = await xq.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/self-assessment`, { score: 8, reason: '创新开展碳普惠试点' });
    expect([early.status, early.body.code]).toEqual([409, 'ASSESSMENT.BAD_STATE']);
    await office.post(`/api/v1/assessment-rounds/${roundId}/start-self-assessment`, { version: await version() }).expect(200);
    const own = await xq.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/self-assessment`, { score: 8, reason: '创新开展碳普惠试点', evidence: '见第三季度报告' }).expect(200);
    expect(criterion(own.body, 'quality')).toMatchObject({ selfScore: 8, selfReason: '创新开展碳普惠试点', selfEvidence: '见第三季度报告', evaluatorScore: null });
    // Before publication the unit does not see totals, grades or ranks.
    expect(own.body).toMatchObject({ total: null, grade: null, rank: null });
    await xq.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/quality/self-assessment`, { score: 8, reason: '越权自评' }).expect(404);
    await xq.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/on_time/self-assessment`, { score: 8, reason: '计算类' }).expect(422);
    const out = await xq.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/self-assessment`, { score: 11, reason: '超出区间' });
    expect([out.status, out.body.errors]).toEqual([400, [{ field: 'score', message: '「工作质量与创新」的分数须在 -10 至 10 之间' }]]);
  });

  it('evaluators score only the criteria and units assigned to them, and see only those units', async () => {
    const pinggu = await t.prisma.user.findUniqueOrThrow({ where: { username: 'pinggu' } });
    await office.post(`/api/v1/assessment-rounds/${roundId}/evaluators`, { userId: pinggu.id, unitIds: [unit.fgw, unit.jinfeng], criterionKeys: ['quality'] }).expect(201);
    const fgwUser = await t.prisma.user.findUniqueOrThrow({ where: { username: 'fgw' } });
    await office.post(`/api/v1/assessment-rounds/${roundId}/evaluators`, { userId: fgwUser.id, unitIds: [unit.fgw], criterionKeys: ['quality'] }).expect(422);
    const ev = await as('pinggu', 'Evaluator-2026-pass');
    const seen = (await ev.get(`/api/v1/assessment-rounds/${roundId}/sheets`).expect(200)).body;
    expect(seen.map((s: { unitId: string }) => s.unitId).sort()).toEqual([unit.fgw, unit.jinfeng].sort());
    // Its own list names exactly what it was assigned (the 否决 criterion of the same units is not on it).
    const mine = (await ev.get(`/api/v1/assessment-rounds/${roundId}/my-evaluations`).expect(200)).body;
    expect(mine).toEqual([unit.fgw, unit.jinfeng].sort().map((unitId) => ({ unitId, criterionKey: 'quality' })));
    expect((await office.get(`/api/v1/assessment-rounds/${roundId}/my-evaluations`).expect(200)).body).toEqual([]);
    await ev.get(`/api/v1/assessment-rounds/00000000-0000-4000-8000-000000000000/my-evaluations`).expect(404);
    await ev.get(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}`).expect(404);
    await ev.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/evaluation`, { score: 5, reason: '未指定' }).expect(404);
    await ev.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/emission/evaluation`, { triggered: true, reason: '未指定' }).expect(403);
    await ev.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/quality/evaluation`, { score: 8, reason: '工作扎实，创新突出' }).expect(200);
    await ev.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.jinfeng}/criteria/quality/evaluation`, { score: 2, reason: '常规推进' }).expect(200);
    // A unit cannot evaluate at all; the office may score any unit.
    await (await as('xingqing-head')).put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/evaluation`, { score: 10, reason: '自己评' }).expect(403);
    await office.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/evaluation`, { score: 6, reason: '试点有成效' }).expect(200);
  });

  it('review: the office adjusts any score with a reason; publication gives totals, grades and ranks', async () => {
    await office.post(`/api/v1/assessment-rounds/${roundId}/start-review`, { version: await version() }).expect(200);
    await office.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/adjustment`, { score: 3 }).expect(400);
    const adj = await office.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/adjustment`, { score: 3, reason: '试点尚未形成可推广经验' }).expect(200);
    expect(criterion(adj.body, 'quality')).toMatchObject({ evaluatorScore: 6, adjustedScore: 3, adjustReason: '试点尚未形成可推广经验', points: 3 });
    await office.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/emission/adjustment`, { triggered: true, reason: '2026年碳排放强度下降目标未完成' }).expect(200);
    await office.post(`/api/v1/assessment-rounds/${roundId}/publish`, { version: await version() }).expect(200);
    const table = (await office.get(`/api/v1/assessment-rounds/${roundId}/sheets`).expect(200)).body;
    expect(table.map((s: { unitName: string; total: number; grade: string; rank: number; vetoed: boolean }) => [s.unitName, s.total, s.grade, s.rank, s.vetoed])).toEqual([
      ['兴庆区', 86.7, 'good', 1, false],
      ['金凤区', 85, 'good', 2, false],
      ['市发改委', 76.33, 'fail', 3, true],
    ]);
    expect(table[0].parts.map((p: { score: number }) => p.score)).toEqual([84, 93]);
    expect(table[2].parts.map((p: { score: number }) => p.score)).toEqual([68.33, 95]);
    // A unit sees its own sheet only.
    const xq = await as('xingqing');
    const mine = (await xq.get(`/api/v1/assessment-rounds/${roundId}/sheets`).expect(200)).body;
    expect(mine.map((s: { unitId: string; total: number; gradeName: string }) => [s.unitId, s.total, s.gradeName])).toEqual([[unit.xingqing, 86.7, '良好']]);
    await xq.get(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}`).expect(404);
  });

  it('appeals within the window: one rejected (kept), one accepted (adjusted), both with reasons; then the freeze', async () => {
    await (await as('fgw-head')).post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/emission/appeals`, { reason: '排放数据尚未最终核定' }).expect(409);
    const opened = await office.post(`/api/v1/assessment-rounds/${roundId}/open-appeals`, { version: await version() }).expect(200);
    expect(opened.body.appealDeadline).toBe('2027-01-20');
    const fgwAppeal = (await (await as('fgw-head')).post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/emission/appeals`, { reason: '排放数据尚未最终核定' }).expect(201)).body;
    await (await as('fgw')).post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/criteria/emission/appeals`, { reason: '再次申诉同一项' }).expect(409);
    await (await as('fgw')).post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.jinfeng}/criteria/quality/appeals`, { reason: '替别的单位申诉' }).expect(404);
    const jf = await as('jinfeng');
    const jfAppeal = (await jf.post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.jinfeng}/criteria/quality/appeals`, { reason: '园区循环化改造已验收，评分偏低' }).expect(201)).body;
    expect((await jf.get(`/api/v1/assessment-rounds/${roundId}/appeals`).expect(200)).body.map((a: { id: string }) => a.id)).toEqual([jfAppeal.id]);
    const early = await office.post(`/api/v1/assessment-rounds/${roundId}/freeze`, { version: await version() });
    expect([early.status, early.body.code]).toEqual([422, 'ASSESSMENT.APPEALS_PENDING']);

    await office.post(`/api/v1/assessment-appeals/${fgwAppeal.id}/reject`, { version: 1 }).expect(400);
    const rejected = await office.post(`/api/v1/assessment-appeals/${fgwAppeal.id}/reject`, { version: 1, reason: '统计部门已出具核定数据' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '统计部门已出具核定数据' });
    await office.post(`/api/v1/assessment-appeals/${jfAppeal.id}/accept`, { version: 1, reason: '验收材料属实', score: 20 }).expect(400);
    const accepted = await office.post(`/api/v1/assessment-appeals/${jfAppeal.id}/accept`, { version: 1, reason: '验收材料属实', score: 4 }).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedScore: 4 });
    await office.post(`/api/v1/assessment-appeals/${jfAppeal.id}/reject`, { version: 2, reason: '再次处理' }).expect(409);
    const jfSheet = await sheetOf(office, unit.jinfeng);
    expect([jfSheet.total, jfSheet.rank, criterion(jfSheet, 'quality')]).toEqual([85.6, 2, expect.objectContaining({ adjustedScore: 4, adjustReason: '申诉采纳：验收材料属实' })]);
    expect((await sheetOf(office, unit.fgw)).grade).toBe('fail');

    const windowOpen = await office.post(`/api/v1/assessment-rounds/${roundId}/freeze`, { version: await version() });
    expect([windowOpen.status, windowOpen.body.code]).toEqual([422, 'ASSESSMENT.APPEAL_WINDOW_OPEN']);
    clock.set(new Date('2027-01-21T02:00:00Z'));
    const late = await jf.post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.jinfeng}/criteria/on_time/appeals`, { reason: '申诉期后才提出' });
    expect([late.status, late.body.code]).toEqual([422, 'ASSESSMENT.APPEAL_WINDOW_CLOSED']);
    const frozen = await office.post(`/api/v1/assessment-rounds/${roundId}/freeze`, { version: await version() }).expect(200);
    expect(frozen.body).toMatchObject({ state: 'frozen', resultVersion: 1 });
    const [v1] = (await office.get(`/api/v1/assessment-rounds/${roundId}/versions`).expect(200)).body;
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'AssessmentRound', entityId: roundId, action: 'assessment.frozen' } });
    expect((audit.after as { hash: string }).hash).toBe(v1.hash);
  });

  it('after the freeze: every write is refused; a correction with a reason makes a new version', async () => {
    const adjust = await office.put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/adjustment`, { score: 5, reason: '锁定后调整' });
    expect([adjust.status, adjust.body.code]).toEqual([409, 'ASSESSMENT.BAD_STATE']);
    await (await as('xingqing')).put(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/self-assessment`, { score: 5, reason: '锁定后自评' }).expect(409);
    await (await as('xingqing')).post(`/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/criteria/quality/appeals`, { reason: '锁定后申诉的理由' }).expect(409);
    await office.post(`/api/v1/assessment-rounds/${roundId}/open-appeals`, { version: await version() }).expect(409);
    await office.post(`/api/v1/assessment-rounds/${roundId}/corrections`, { unitId: unit.xingqing, criterionKey: 'extensions', score: 0 }).expect(400);
    const v2 = await office.post(`/api/v1/assessment-rounds/${roundId}/corrections`, { unitId: unit.xingqing, criterionKey: 'extensions', score: 0, reason: '延期系上级政策调整所致，不予扣分' }).expect(201);
    expect(v2.body).toMatchObject({ number: 2, reason: '延期系上级政策调整所致，不予扣分' });
    expect((await sheetOf(office, unit.xingqing)).total).toBe(87.4);
    const versions = (await office.get(`/api/v1/assessment-rounds/${roundId}/versions`).expect(200)).body;
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(versions[0].hash).not.toBe(versions[1].hash);
    const stored = await t.prisma.assessmentResultVersion.findFirstOrThrow({ where: { roundId, number: 1 } });
    expect((stored.results as { sheets: { unitName: string; total: number }[] }).sheets.map((s) => [s.unitName, s.total])).toEqual([['兴庆区', 86.7], ['金凤区', 85.6], ['市发改委', 76.33]]);
  });

  it('consequences: a 不合格 unit owes a rectification plan within a month; outcomes are seen by the unit and the office', async () => {
    await office.post(`/api/v1/assessment-rounds/${roundId}/outcomes`, { unitId: unit.fgw, kind: 'praise', note: '表扬' }).expect(422);
    await office.post(`/api/v1/assessment-rounds/${roundId}/outcomes`, { unitId: unit.fgw, kind: 'rectification', note: '整改', dueDate: '2027-03-31' }).expect(400);
    await office.post(`/api/v1/assessment-rounds/${roundId}/outcomes`, { unitId: unit.xingqing, kind: 'praise', note: '通报表扬：按时报送率100%' }).expect(201);
    await office.post(`/api/v1/assessment-rounds/${roundId}/outcomes`, { unitId: unit.fgw, kind: 'interview', note: '约谈主要负责人' }).expect(201);
    const all = (await office.get(`/api/v1/assessment-rounds/${roundId}/outcomes`).expect(200)).body;
    expect(all.map((o: { unitName: string; kindName: string; dueDate: string | null }) => [o.unitName, o.kindName, o.dueDate])).toEqual([
      ['市发改委', '整改', '2027-02-21'],
      ['兴庆区', '通报表扬', null],
      ['市发改委', '约谈问责', null],
    ]);
    const fgw = (await (await as('fgw')).get(`/api/v1/assessment-rounds/${roundId}/outcomes`).expect(200)).body;
    expect(fgw.map((o: { kind: string }) => o.kind)).toEqual(['rectification', 'interview']);
    expect((await (await as('jinfeng')).get(`/api/v1/assessment-rounds/${roundId}/outcomes`).expect(200)).body).toEqual([]);
  });

  it('outputs: the ranking table, a unit’s own sheet and the 通报 read back; each download is audited', async () => {
    const download = async (who: string, url: string, status = 200, password?: string) =>
      request(t.http)
        .get(url)
        .set('authorization', await tokenFor(t, who, password))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(status);
    const ranking = await download('office', `/api/v1/assessment-rounds/${roundId}/export/ranking`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ranking.body as never);
    const ws = wb.getWorksheet('考核排名')!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[1]).toEqual(['单位', '重点任务推进（70%）', '工作质量（30%）', '按时报送', '到期事项完成', '逾期或红灯事项', '完成事项', '报告被退回', '申请延期', '工作质量与创新', '总分', '等次', '名次', '否决：碳排放控制目标未完成', '否决：逾期事项过多']);
    expect(rows.slice(2)).toEqual([
      ['兴庆区', 85, 93, 0, 0, -6, 2, -1, 0, 3, 87.4, '良好', 1, '', ''],
      ['金凤区', 82, 94, -5, 0, -6, 3, 0, 0, 4, 85.6, '良好', 2, '', ''],
      ['市发改委', 68.33, 95, -6.67, -10, -8, 3, 0, 0, 5, 76.33, '不合格', 3, '否决', ''],
    ]);
    await download('xingqing', `/api/v1/assessment-rounds/${roundId}/export/ranking`, 403);

    const own = await download('xingqing', `/api/v1/assessment-rounds/${roundId}/sheets/${unit.xingqing}/export`);
    const sheetWb = new ExcelJS.Workbook();
    await sheetWb.xlsx.load(own.body as never);
    const sheet = sheetWb.getWorksheet('评分表')!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['总分', 87.4, '等次', '良好', '名次', 1]);
    expect((sheet.getRow(10).values as unknown[]).slice(1, 4)).toEqual(['申请延期', '数据计算', expect.stringContaining('获批延期')]);
    await download('xingqing', `/api/v1/assessment-rounds/${roundId}/sheets/${unit.fgw}/export`, 404);

    const docx = await download('leader', `/api/v1/assessment-rounds/${roundId}/export/bulletin`);
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('关于2026年度碳达峰工作考核结果的通报');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('良好（2个）：兴庆区、金凤区。');
    expect(xml).toContain('实行一票否决的单位：市发改委（碳排放控制目标未完成）。');
    expect(xml).toContain('市发改委：整改。');
    expect(await t.prisma.auditEvent.count({ where: { entityId: roundId, action: 'assessment.exported' } })).toBe(3);
  });

  it('the demo: last year’s scheme copied to this year, and last year’s round frozen with its outcomes', async () => {
    const seeded = await seedAssessmentDemo(t.app, demoPlanId);
    expect(seeded).toMatchObject({ year: 2026 });
    expect(await seedAssessmentDemo(t.app, demoPlanId)).toBeNull();
    const years = (await office.get(`/api/v1/plans/${demoPlanId}/assessment-schemes`).expect(200)).body.map((s: { year: number }) => s.year);
    expect(years).toEqual([2027, 2026]);
    const [round] = (await office.get(`/api/v1/plans/${demoPlanId}/assessment-rounds`).expect(200)).body;
    expect(round).toMatchObject({ year: 2026, state: 'frozen', resultVersion: 1 });
    const table = (await office.get(`/api/v1/assessment-rounds/${round.id}/sheets`).expect(200)).body;
    expect(table.length).toBe(seeded!.units);
    const jinfeng = table.find((s: { unitName: string }) => s.unitName === '金凤区');
    expect(jinfeng).toMatchObject({ grade: 'fail', vetoed: true });
    const outcomes = (await office.get(`/api/v1/assessment-rounds/${round.id}/outcomes`).expect(200)).body;
    expect(outcomes.filter((o: { unitName: string }) => o.unitName === '金凤区').map((o: { kind: string }) => o.kind)).toEqual(['rectification', 'interview']);
    const grades = (await (await as('leader')).get(`/api/v1/plans/${demoPlanId}/assessment-grades`).expect(200)).body;
    expect(grades).toEqual([{ year: 2026, state: 'frozen', units: table.length, ...Object.fromEntries(['excellent', 'good', 'pass', 'fail'].map((g) => [g, table.filter((s: { grade: string }) => s.grade === g).length])) }]);
    await (await as('xingqing')).get(`/api/v1/plans/${demoPlanId}/assessment-grades`).expect(403);
    // At most 30 % 优秀.
    expect(table.filter((s: { grade: string }) => s.grade === 'excellent').length).toBeLessThanOrEqual(Math.floor(table.length * 0.3));
  });

  it('supervision notices as criteria: received and escalated, per the unit’s role on the item, traced to each notice', async () => {
    // A plan of its own: 市发改委 leads the item, 兴庆区 supports it. Notices of 2026: 〔2026〕第1号 to 市发改委,
    // escalated once; 〔2026〕第2号 to 兴庆区. 〔2025〕第1号 to 市发改委 belongs to another year.
    // Scheme: base 100; received −2 lead / −1 supporting; escalated −3 lead / −2 supporting.
    // 市发改委 100 − 2 − 3 = 95; 兴庆区 100 − 1 = 99.
    const city = await t.prisma.plan.findUniqueOrThrow({ where: { id: planId } });
    const plan = (await t.prisma.plan.create({ data: { title: '督办考核测试方案', jurisdictionId: city.jurisdictionId, status: 'issued' } })).id;
    const item = await t.prisma.workItem.create({
      data: {
        planId: plan, seq: '1', sortKey: 1, text: '督办测试事项',
        assignments: { create: [{ unitId: unit.fgw, role: 'lead', principal: true, source: 'table', position: 0 }, { unitId: unit.xingqing, role: 'supporting', source: 'table', position: 1 }] },
        deadlines: { create: [{ kind: 'dated', date: new Date('2026-12-31T00:00:00Z'), basis: 'column', text: '2026年底前' }] },
      },
    });
    const officeUser = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    const notice = (year: number, number: number, unitId: string, escalations: number) =>
      t.prisma.supervisionNotice.create({
        data: { planId: plan, year, number, numberText: `〔${year}〕第${number}号`, workItemId: item.id, unitId, level: escalations ? 'supervise' : 'urge', escalations, reason: '进度滞后', requestedAction: '报送整改措施', replyDeadline: new Date(`${year}-12-20`), issuedById: officeUser.id, issuedAt: new Date(`${year}-11-01T02:00:00Z`) },
      });
    const escalated = await notice(2026, 1, unit.fgw, 1);
    await notice(2026, 2, unit.xingqing, 0);
    await notice(2025, 1, unit.fgw, 0);
    await office
      .post(`/api/v1/plans/${plan}/assessment-schemes`, {
        year: 2026, name: '督办考核方案', baseScore: 100, totalCap: 100,
        parts: [{ key: 'work', name: '督办落实', weight: 100 }],
        criteria: [
          { key: 'received', partKey: 'work', name: '收到督办单', type: 'computed', basis: 'system_data', kind: 'notices_received', params: { lead: -2, supporting: -1 } },
          { key: 'escalated', partKey: 'work', name: '督办单被升级', type: 'computed', basis: 'system_data', kind: 'notices_escalated', params: { lead: -3, supporting: -2 } },
        ],
      })
      .expect(201);
    const round = (await office.post(`/api/v1/plans/${plan}/assessment-rounds`, { year: 2026 }).expect(201)).body.id;
    const sheets = (await office.get(`/api/v1/assessment-rounds/${round}/sheets`).expect(200)).body;
    const points = (unitId: string) => Object.fromEntries(sheets.find((x: { unitId: string }) => x.unitId === unitId).criteria.map((c: { key: string; points: number }) => [c.key, c.points]));
    expect(points(unit.fgw)).toEqual({ received: -2, escalated: -3 });
    expect(points(unit.xingqing)).toEqual({ received: -1, escalated: 0 });
    const trace = (await office.get(`/api/v1/assessment-rounds/${round}/sheets/${unit.fgw}/criteria/escalated/trace`).expect(200)).body;
    expect(trace.records).toEqual([expect.objectContaining({ type: 'SupervisionNotice', id: escalated.id, role: 'lead', counted: true, label: '〔2026〕第1号 第 1 项', note: '督办，升级 1 次' })]);
    expect(trace.formula).toContain('自动升级');
  });
});
