import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { IS_PUBLIC, PERMISSION } from '../src/access/decorators.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, tokenFor, type TestApp } from './app.js';

type Who = 'anonymous' | 'office' | 'leader' | 'fgw' | 'fgw-head' | 'xingqing' | 'xingqing-head';
const WHO: Who[] = ['anonymous', 'office', 'leader', 'fgw', 'fgw-head', 'xingqing', 'xingqing-head'];

/** Expected status per caller; `all` fills the signed-in callers not named. Anonymous is 401 unless said. */
function expectStatus(all: number, overrides: Partial<Record<Who, number>> = {}): Record<Who, number> {
  return Object.fromEntries(WHO.map((w) => [w, overrides[w] ?? (w === 'anonymous' ? 401 : all)])) as Record<Who, number>;
}

describe('the role matrix through HTTP', () => {
  let t: TestApp;
  let planId: string;
  let unitId: string;
  let fgwUnit: string;
  let fgwOnlyItem: string;
  let fgwUser: string;
  let resetTarget: string;
  let periodId: string;
  let fgwReport: string;
  let fgwReport2: string;
  let fgwReport3: string;
  let evidenceId: string;
  let pendingExt: string[];
  let proposals: string[];
  let fgwNotification: string;
  let deadDelivery: string;
  let muteId: string;
  let notices: string[];
  let cycleId: string;
  let fgwAnnual: string;
  let xingqingAnnual: string;
  let dropUnitId: string;
  let extraUnitId: string;
  let indicatorId: string;
  let targetId: string;
  let actualId: string;
  let countyPlan: string;
  let countyPlanToApprove: string;
  // Assessment: one round per state the routes need (see the setup below), each its own year.
  const rounds: Record<'lifecycle' | 'selfAssessment' | 'review' | 'appeal' | 'frozen', string> = { lifecycle: '', selfAssessment: '', review: '', appeal: '', frozen: '' };
  let schemeId: string;
  let xingqingUnit: string;
  let appeals: string[];
  let evaluatorId: string;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ({ planId } = await seedDemo(t.app));
    for (const w of WHO) if (w !== 'anonymous') tokens[w] = await tokenFor(t, w);
    fgwUnit = (await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委' } })).id;
    unitId = (await t.prisma.unit.findFirstOrThrow({ where: { name: '市统计局' } })).id;
    fgwUser = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'fgw' } })).id;
    // A work item only 市发改委 is responsible for: no county sees it.
    fgwOnlyItem = (
      await t.prisma.workItem.create({
        data: { planId, seq: '98', itemNo: 1, sortKey: 998, text: '市发改委专项', assignments: { create: [{ unitId: fgwUnit, role: 'lead', principal: true, source: 'table', position: 0 }] } },
      })
    ).id;
    resetTarget = (
      await t.prisma.user.create({ data: { username: 'fgw-temp', displayName: '临时', unitId: fgwUnit, roles: ['unit_reporter'], passwordHash: 'x' } })
    ).id;
    await t.prisma.deadline.create({ data: { workItemId: fgwOnlyItem, kind: 'dated', date: new Date('2030-12-31'), basis: 'column', text: '2030年底前' } });
    await request(t.http).put(`/api/v1/plans/${planId}/reporting-schedule`).set('authorization', tokens.office!).send({ cadence: 'quarterly', dueDay: 5 }).expect(200);
    periodId = (await request(t.http).post(`/api/v1/plans/${planId}/periods`).set('authorization', tokens.office!).send({ year: 2026, index: 1, confirm: true, reason: '补开第一季度调度' }).expect(201)).body.id;
    const fgwReports = await t.prisma.progressReport.findMany({ where: { periodId, unitId: fgwUnit, kind: 'report' }, orderBy: { workItem: { sortKey: 'asc' } } });
    [fgwReport, fgwReport2, fgwReport3] = fgwReports.map((r) => r.id);
    await t.prisma.progressReport.update({ where: { id: fgwReport2 }, data: { state: 'submitted', status: 'on_track', percent: 20, done: '已开展', firstSubmittedAt: new Date() } });
    evidenceId = (
      await t.prisma.evidenceFile.create({ data: { reportId: fgwReport3, fileName: '证明.pdf', mimeType: 'application/pdf', size: 8, sha256: 'x', content: new Uint8Array(Buffer.from('%PDF-1.4')) } })
    ).id;
    const fgwLead = await t.prisma.workItem.findFirstOrThrow({ where: { planId, seq: '1' } });
    const fgwAssignment = await t.prisma.assignment.findFirstOrThrow({ where: { workItemId: fgwLead.id, unitId: fgwUnit } });
    proposals = await Promise.all(
      ['请补充职责说明', '建议明确牵头处室'].map(async (remark) => (await t.prisma.assignmentProposal.create({ data: { assignmentId: fgwAssignment.id, kind: 'comment', remark } })).id),
    );
    fgwNotification = (
      await t.prisma.notification.create({ data: { rule: 'report_due', subjectKey: 'access-test', recipientId: fgwUser, occurrence: '2026-04-01', day: new Date('2026-04-01'), title: '报送提醒', body: '测试' } })
    ).id;
    deadDelivery = (await t.prisma.notificationDelivery.create({ data: { channel: 'wecom', target: fgwUnit, day: new Date('2026-04-01'), status: 'dead', subject: '测试', body: '测试', attempts: 5 } })).id;
    muteId = (await t.prisma.reminderMute.create({ data: { planId, unitId: fgwUnit, rule: 'report_due', reason: '测试' } })).id;
    const officeUser = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    notices = await Promise.all(
      (['issued', 'acknowledged', 'replied', 'replied'] as const).map(
        async (state, i) =>
          (
            await t.prisma.supervisionNotice.create({
              data: { planId, year: 2025, number: i + 1, numberText: `〔2025〕第${i + 1}号`, workItemId: fgwOnlyItem, unitId: fgwUnit, level: 'urge', state, reason: '进度滞后', requestedAction: '报送整改措施', replyDeadline: new Date('2030-12-31'), issuedById: officeUser.id, issuedAt: new Date() },
            })
          ).id,
      ),
    );
    xingqingUnit = (await t.prisma.unit.findFirstOrThrow({ where: { name: '兴庆区' } })).id;
    const scheme = (year: number, judged: boolean) => ({
      year,
      name: `${year}年度考核方案`,
      baseScore: 100,
      totalCap: 100,
      parts: [{ key: 'work', name: '重点任务推进', weight: 100 }],
      criteria: [
        { key: 'overdue', partKey: 'work', name: '逾期事项', type: 'computed', basis: 'system_data', kind: 'overdue_or_red', params: { lead: -5, supporting: -3 } },
        ...(judged ? [{ key: 'quality', partKey: 'work', name: '工作质量', type: 'judged', basis: 'work_quality', rangeMin: 0, rangeMax: 10 }] : []),
        { key: 'emission', partKey: 'work', name: '碳排放控制目标未完成', type: 'veto', basis: 'target' },
      ],
    });
    const officeReq = (r: request.Test) => r.set('authorization', tokens.office!);
    for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
      const res = await officeReq(request(t.http).post(`/api/v1/plans/${planId}/assessment-schemes`).send(scheme(year, year !== 2026)));
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      if (year === 2026) schemeId = res.body.id;
    }
    const years = { lifecycle: 2026, selfAssessment: 2025, review: 2024, appeal: 2023, frozen: 2022 } as const;
    for (const [k, year] of Object.entries(years) as [keyof typeof rounds, number][]) {
      rounds[k] = (await officeReq(request(t.http).post(`/api/v1/plans/${planId}/assessment-rounds`).send({ year })).expect(201)).body.id;
    }
    await t.prisma.assessmentRound.update({ where: { id: rounds.selfAssessment }, data: { state: 'self_assessment' } });
    await t.prisma.assessmentRound.update({ where: { id: rounds.review }, data: { state: 'review' } });
    await t.prisma.assessmentRound.update({ where: { id: rounds.appeal }, data: { state: 'appeal', appealDeadline: new Date('2099-12-31') } });
    await t.prisma.assessmentRound.update({ where: { id: rounds.frozen }, data: { state: 'frozen', resultVersion: 1 } });
    const fgwAppealSheet = await t.prisma.assessmentSheet.findFirstOrThrow({ where: { roundId: rounds.appeal, unitId: fgwUnit } });
    appeals = await Promise.all(
      ['overdue', 'quality'].map(async (criterionKey) => (await t.prisma.assessmentAppeal.create({ data: { sheetId: fgwAppealSheet.id, criterionKey, reason: '数据有误', filedById: fgwUser } })).id),
    );
    evaluatorId = (await t.prisma.user.create({ data: { username: 'access-evaluator', displayName: '第三方评估', unitId: fgwUnit, roles: ['evaluator'], passwordHash: 'x' } })).id;
    pendingExt = await Promise.all(
      [1, 2].map(async () => {
        const e = await t.prisma.extensionRequest.create({
          data: { workItemId: fgwLead.id, unitId: fgwUnit, requestedById: fgwUser, reason: '资金未到位', originalDate: new Date('2030-12-31'), requestedDate: new Date('2031-06-30') },
        });
        return e.id;
      }),
    );
    // The year-end cycle: 市发改委's annual report filled in (so its head can sign it off), 兴庆区's submitted.
    cycleId = (await request(t.http).post(`/api/v1/plans/${planId}/year-end-cycles`).set('authorization', tokens.office!).send({ year: 2026 }).expect(201)).body.id;
    const annualReports = await t.prisma.annualReport.findMany({ where: { cycleId } });
    xingqingUnit = (await t.prisma.unit.findFirstOrThrow({ where: { name: '兴庆区' } })).id;
    fgwAnnual = annualReports.find((r) => r.unitId === fgwUnit)!.id;
    xingqingAnnual = annualReports.find((r) => r.unitId === xingqingUnit)!.id;
    dropUnitId = annualReports.find((r) => ![fgwUnit, xingqingUnit].includes(r.unitId))!.unitId;
    await t.prisma.annualReport.update({ where: { id: fgwAnnual }, data: { achievements: '成效', problems: '问题', nextYearPlans: '打算' } });
    await t.prisma.annualReport.update({ where: { id: xingqingAnnual }, data: { state: 'submitted', achievements: '成效', problems: '问题', nextYearPlans: '打算', firstSubmittedAt: new Date() } });
    indicatorId = (await t.prisma.indicator.create({ data: { planId, name: '专项指标', unit: '个', direction: 'higher' } })).id;
    targetId = (await t.prisma.target.create({ data: { workItemId: fgwOnlyItem, comparator: 'at_least', value: 10, unit: '个', year: 2026, text: '专项指标达到10个', position: 0 } })).id;
    actualId = (await t.prisma.indicatorActual.create({ data: { indicatorId, year: 2025, unitId: fgwUnit, value: 8, source: 'self_reported' } })).id;
    const xingqingId = (await t.prisma.unit.findFirstOrThrow({ where: { name: '兴庆区' } })).id;
    countyPlan = (await t.prisma.plan.create({ data: { title: '兴庆区碳达峰实施方案', jurisdictionId: xingqingId, parentPlanId: planId } })).id;
    countyPlanToApprove = (await t.prisma.plan.create({ data: { title: '兴庆区碳达峰实施方案（修订）', jurisdictionId: xingqingId, parentPlanId: planId, review: { create: { state: 'submitted' } } } })).id;
    extraUnitId = (await t.prisma.unit.create({ data: { name: '市能源数据中心', kind: 'department', parentId: (await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } })).id } })).id;
  });
  afterAll(() => t.close());

  let seq = 0;
  const unique = () => `${Date.now().toString(36)}${seq++}`;

  // One entry per route: how to call it, and what each caller gets.
  const version = async (id: string) => (await t.prisma.progressReport.findUniqueOrThrow({ where: { id } })).version;
  const content = { status: 'on_track', percent: 30, done: '已完成方案编制', problems: '无', nextSteps: '推进实施' };
  // `versionOf` reads the current version the call must name (before each caller's attempt).
  const rowVersion = async (model: 'plan' | 'unit' | 'user', id: string) =>
    ((await (t.prisma[model] as unknown as { findUniqueOrThrow: (a: object) => Promise<{ rowVersion: number }> }).findUniqueOrThrow({ where: { id } })).rowVersion);
  const annualVersion = async (id: string) => (await t.prisma.annualReport.findUniqueOrThrow({ where: { id } })).version;
  const matrix: Record<string, { versionOf?: () => Promise<number>; call: (r: ReturnType<typeof request>, version: number) => request.Test; expect: () => Record<Who, number> }> = {
    'GET /api/v1/plans': { call: (r) => r.get('/api/v1/plans'), expect: () => expectStatus(200) },
    'GET /api/v1/plans/:id': { call: (r) => r.get(`/api/v1/plans/${planId}`), expect: () => expectStatus(200) },
    'GET /api/v1/plans/:id/structure': { call: (r) => r.get(`/api/v1/plans/${planId}/structure`), expect: () => expectStatus(200) },
    'POST /api/v1/plans': {
      call: (r) => r.post('/api/v1/plans').send({ title: `方案${unique()}`, jurisdictionId: unitId }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'PATCH /api/v1/plans/:id': {
      versionOf: () => rowVersion('plan', planId),
      call: (r, v) => r.patch(`/api/v1/plans/${planId}`).send({ rowVersion: v, documentNumber: `文号${unique()}` }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/imports': {
      call: (r) => r.post(`/api/v1/plans/${planId}/imports?dryRun=true`).attach('file', Buffer.from('序号,主要工作,牵头单位\n1,推进节能,市发改委\n'), 't.csv'),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'POST /api/v1/plans/:planId/accounts': { call: (r) => r.post(`/api/v1/plans/${planId}/accounts`).send({}), expect: () => expectStatus(403, { office: 201 }) },
    'GET /api/v1/plans/:planId/imports': { call: (r) => r.get(`/api/v1/plans/${planId}/imports`), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/plans/:planId/assignment-proposals': { call: (r) => r.get(`/api/v1/plans/${planId}/assignment-proposals`), expect: () => expectStatus(200) },
    'POST /api/v1/assignment-proposals/:id/accept': { call: (r) => r.post(`/api/v1/assignment-proposals/${proposals[0]}/accept`).send({ version: 1 }), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/assignment-proposals/:id/reject': {
      call: (r) => r.post(`/api/v1/assignment-proposals/${proposals[1]}/reject`).send({ version: 1, reason: '职责已明确' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/units': { call: (r) => r.get('/api/v1/units'), expect: () => expectStatus(200) },
    'GET /api/v1/units/:id': { call: (r) => r.get(`/api/v1/units/${unitId}`), expect: () => expectStatus(200) },
    'POST /api/v1/units': { call: (r) => r.post('/api/v1/units').send({ name: `市测试局${unique()}`, kind: 'department' }), expect: () => expectStatus(403, { office: 201 }) },
    'PATCH /api/v1/units/:id': {
      versionOf: () => rowVersion('unit', unitId),
      call: (r, v) => r.patch(`/api/v1/units/${unitId}`).send({ rowVersion: v, aliases: ['统计局', `别名${unique()}`] }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/work-items': { call: (r) => r.get('/api/v1/work-items'), expect: () => expectStatus(200) },
    'GET /api/v1/work-items/:id': {
      call: (r) => r.get(`/api/v1/work-items/${fgwOnlyItem}`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    'GET /api/v1/users': { call: (r) => r.get('/api/v1/users'), expect: () => expectStatus(403, { office: 200, 'fgw-head': 200, 'xingqing-head': 200 }) },
    'GET /api/v1/users/:id': { call: (r) => r.get(`/api/v1/users/${fgwUser}`), expect: () => expectStatus(403, { office: 200, 'fgw-head': 200, 'xingqing-head': 404 }) },
    'POST /api/v1/users': {
      call: (r) => r.post('/api/v1/users').send({ username: `u${unique()}`, displayName: '新填报员', unitId: fgwUnit, roles: ['unit_reporter'], password: 'Initial-pass-2026' }),
      expect: () => expectStatus(403, { office: 201, 'fgw-head': 201 }),
    },
    'PATCH /api/v1/users/:id': {
      versionOf: () => rowVersion('user', resetTarget),
      call: (r, v) => r.patch(`/api/v1/users/${resetTarget}`).send({ rowVersion: v, displayName: `临时${unique()}` }),
      expect: () => expectStatus(403, { office: 200, 'fgw-head': 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/users/:id/reset-password': {
      call: (r) => r.post(`/api/v1/users/${resetTarget}/reset-password`).send({ password: `Reset-pass-${unique()}` }),
      expect: () => expectStatus(403, { office: 204, 'fgw-head': 204, 'xingqing-head': 404 }),
    },
    'GET /api/v1/audit-events': { call: (r) => r.get(`/api/v1/audit-events?entityType=Plan&entityId=${planId}`), expect: () => expectStatus(200) },
    'GET /api/v1/audit-events/verify': { call: (r) => r.get('/api/v1/audit-events/verify'), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/audit-events/search': { call: (r) => r.get('/api/v1/audit-events/search?entityType=Plan'), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/audit-events/export': { call: (r) => r.get('/api/v1/audit-events/export?format=csv&entityType=Plan'), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/audit-events/checkpoint': { call: (r) => r.get('/api/v1/audit-events/checkpoint'), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/auth/me': { call: (r) => r.get('/api/v1/auth/me'), expect: () => expectStatus(200) },
    'PUT /api/v1/plans/:planId/reporting-schedule': {
      call: (r) => r.put(`/api/v1/plans/${planId}/reporting-schedule`).send({ cadence: 'quarterly', dueDay: 5 }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/periods': { call: (r) => r.post(`/api/v1/plans/${planId}/periods`).send({ year: 2026, index: 2, confirm: true, reason: '补开第二季度调度' }), expect: () => expectStatus(403, { office: 201 }) },
    'GET /api/v1/plans/:planId/periods': { call: (r) => r.get(`/api/v1/plans/${planId}/periods`), expect: () => expectStatus(200) },
    'POST /api/v1/periods/:periodId/close': {
      versionOf: async () => (await t.prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).version,
      call: (r, v) => r.post(`/api/v1/periods/${periodId}/close`).send({ version: v, reason: '本期调度结束' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/periods/:periodId/reopen': {
      versionOf: async () => (await t.prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } })).version,
      call: (r, v) => r.post(`/api/v1/periods/${periodId}/reopen`).send({ version: v, reason: '补报' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/periods/:periodId/reports': { call: (r) => r.get(`/api/v1/periods/${periodId}/reports`), expect: () => expectStatus(200) },
    'GET /api/v1/my-periods': { call: (r) => r.get('/api/v1/my-periods'), expect: () => expectStatus(200, { leader: 403 }) },
    'GET /api/v1/periods/:periodId/my-reports': { call: (r) => r.get(`/api/v1/periods/${periodId}/my-reports`), expect: () => expectStatus(200, { leader: 403 }) },
    'POST /api/v1/periods/:periodId/my-reports': {
      call: (r) => r.post(`/api/v1/periods/${periodId}/my-reports`).send({ items: [{ reportId: resetTarget, version: 1, ...content }] }),
      expect: () => expectStatus(404, { leader: 403 }),
    },
    'GET /api/v1/reports/:id': { call: (r) => r.get(`/api/v1/reports/${fgwReport}`), expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }) },
    'PUT /api/v1/reports/:id': {
      versionOf: () => version(fgwReport),
      call: (r, v) => r.put(`/api/v1/reports/${fgwReport}`).send({ ...content, version: v }),
      expect: () => expectStatus(404, { office: 403, leader: 403, fgw: 200, 'fgw-head': 200 }),
    },
    'POST /api/v1/reports/:id/sign-off': {
      versionOf: () => version(fgwReport),
      call: (r, v) => r.post(`/api/v1/reports/${fgwReport}/sign-off`).send({ version: v }),
      expect: () => expectStatus(403, { 'fgw-head': 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/reports/:id/accept': {
      versionOf: () => version(fgwReport),
      call: (r, v) => r.post(`/api/v1/reports/${fgwReport}/accept`).send({ version: v }),
      // A unit head may receive contributions to items its unit leads; another unit's report is hidden from 兴庆区.
      expect: () => expectStatus(403, { office: 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/reports/:id/return': {
      versionOf: () => version(fgwReport2),
      call: (r, v) => r.post(`/api/v1/reports/${fgwReport2}/return`).send({ version: v, reason: '数据不完整' }),
      expect: () => expectStatus(403, { office: 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/reports/:id/reopen': {
      versionOf: () => version(fgwReport),
      call: (r, v) => r.post(`/api/v1/reports/${fgwReport}/reopen`).send({ version: v, reason: '数据需更正' }),
      expect: () => expectStatus(403, { office: 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/reports/:reportId/evidence': {
      call: (r) => r.post(`/api/v1/reports/${fgwReport3}/evidence`).attach('file', Buffer.from('%PDF-1.4 evidence'), '会议纪要.pdf'),
      expect: () => expectStatus(404, { office: 403, leader: 403, fgw: 201, 'fgw-head': 201 }),
    },
    'GET /api/v1/reports/:reportId/evidence/:evidenceId': {
      call: (r) => r.get(`/api/v1/reports/${fgwReport3}/evidence/${evidenceId}`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    'GET /api/v1/work-items/:id/lights': { call: (r) => r.get(`/api/v1/work-items/${fgwOnlyItem}/lights`), expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }) },
    'GET /api/v1/plans/:planId/light-rules': { call: (r) => r.get(`/api/v1/plans/${planId}/light-rules`), expect: () => expectStatus(200) },
    'PUT /api/v1/plans/:planId/light-rules': {
      call: (r) => r.put(`/api/v1/plans/${planId}/light-rules`).send({ dueSoonDays: 30, behindYellow: 10, behindRed: 30, missingYellow: 1, missingRed: 2 }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/lights/recompute': { call: (r) => r.post(`/api/v1/plans/${planId}/lights/recompute`), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/work-items/:id/extensions': {
      call: (r) => r.post(`/api/v1/work-items/${fgwOnlyItem}/extensions`).send({ reason: '资金下达推迟，需要延期', requestedDate: '2031-06-30' }),
      expect: () => expectStatus(404, { office: 403, leader: 403, fgw: 201, 'fgw-head': 409 }),
    },
    'GET /api/v1/extensions': { call: (r) => r.get('/api/v1/extensions'), expect: () => expectStatus(200) },
    'POST /api/v1/extensions/:id/approve': { call: (r) => r.post(`/api/v1/extensions/${pendingExt[0]}/approve`).send({ version: 1 }), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/extensions/:id/reject': {
      call: (r) => r.post(`/api/v1/extensions/${pendingExt[1]}/reject`).send({ version: 1, reason: '理由不充分' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/notifications': { call: (r) => r.get('/api/v1/notifications'), expect: () => expectStatus(200) },
    'GET /api/v1/notifications/unread-count': { call: (r) => r.get('/api/v1/notifications/unread-count'), expect: () => expectStatus(200) },
    // A user's own message only: another's is missing.
    'POST /api/v1/notifications/:id/read': { call: (r) => r.post(`/api/v1/notifications/${fgwNotification}/read`), expect: () => expectStatus(404, { fgw: 200 }) },
    'POST /api/v1/notifications/read-all': { call: (r) => r.post('/api/v1/notifications/read-all'), expect: () => expectStatus(200) },
    'GET /api/v1/notifications/settings': { call: (r) => r.get('/api/v1/notifications/settings'), expect: () => expectStatus(200) },
    'PUT /api/v1/notifications/settings': { call: (r) => r.put('/api/v1/notifications/settings').send({ emailOptOut: true }), expect: () => expectStatus(200) },
    'GET /api/v1/units/:id/channels': { call: (r) => r.get(`/api/v1/units/${fgwUnit}/channels`), expect: () => expectStatus(403, { office: 200 }) },
    'PUT /api/v1/units/:id/channels': {
      call: (r) => r.put(`/api/v1/units/${fgwUnit}/channels`).send({ wecomWebhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/notification-deliveries': { call: (r) => r.get('/api/v1/notification-deliveries?status=dead'), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/notification-deliveries/:id/retry': { call: (r) => r.post(`/api/v1/notification-deliveries/${deadDelivery}/retry`), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/reminders/preview': { call: (r) => r.get(`/api/v1/reminders/preview?planId=${planId}&at=2026-04-01`), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/plans/:planId/reminder-rules': { call: (r) => r.get(`/api/v1/plans/${planId}/reminder-rules`), expect: () => expectStatus(403, { office: 200 }) },
    'PUT /api/v1/plans/:planId/reminder-rules': {
      call: (r) =>
        r.put(`/api/v1/plans/${planId}/reminder-rules`).send({
          sendHour: 9,
          reportDue: { enabled: true, daysBefore: [7, 3, 1] },
          reportLate: { enabled: true, daysAfter: [1, 3, 7], repeatEveryDays: 7, officeFromDay: 7 },
          deadline: { enabled: true, daysBefore: [30, 7, 1], daysAfter: [1, 7], repeatEveryDays: 30 },
          lightRed: { enabled: true },
        }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/reminders/scan': { call: (r) => r.post(`/api/v1/plans/${planId}/reminders/scan`), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/plans/:planId/reminder-mutes': { call: (r) => r.get(`/api/v1/plans/${planId}/reminder-mutes`), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/plans/:planId/reminder-mutes': {
      call: (r) => r.post(`/api/v1/plans/${planId}/reminder-mutes`).send({ unitId, rule: 'report_late', reason: '统计口径调整' }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'POST /api/v1/reminder-mutes/:id/lift': { call: (r) => r.post(`/api/v1/reminder-mutes/${muteId}/lift`).send({ reason: '恢复提醒' }), expect: () => expectStatus(403, { office: 204 }) },
    'POST /api/v1/notices': {
      call: (r) => r.post('/api/v1/notices').send({ workItemId: fgwOnlyItem, unitId: fgwUnit, level: 'supervise', reason: '项目推进滞后', requestedAction: '请报送整改措施', replyDeadline: '2030-12-31' }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'GET /api/v1/notices': { call: (r) => r.get('/api/v1/notices'), expect: () => expectStatus(200) },
    'GET /api/v1/notices/:id': { call: (r) => r.get(`/api/v1/notices/${notices[0]}`), expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }) },
    // Only the addressed unit's head answers: the office is refused by the actor rule, another unit finds nothing.
    'POST /api/v1/notices/:id/acknowledge': { call: (r) => r.post(`/api/v1/notices/${notices[0]}/acknowledge`).send({ version: 1 }), expect: () => expectStatus(403, { 'fgw-head': 200, 'xingqing-head': 404 }) },
    'POST /api/v1/notices/:id/reply': {
      call: (r) => r.post(`/api/v1/notices/${notices[1]}/reply`).send({ version: 1, reply: '已制定整改方案并开始实施' }),
      expect: () => expectStatus(403, { 'fgw-head': 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/notices/:id/return': { call: (r) => r.post(`/api/v1/notices/${notices[2]}/return`).send({ version: 1, reason: '请补充资金情况' }), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/notices/:id/close': { call: (r) => r.post(`/api/v1/notices/${notices[3]}/close`).send({ version: 1 }), expect: () => expectStatus(403, { office: 200 }) },
    'PUT /api/v1/plans/:planId/notice-pattern': { call: (r) => r.put(`/api/v1/plans/${planId}/notice-pattern`).send({ pattern: '〔{year}〕第{n}号' }), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/plans/:planId/notice-proposals': { call: (r) => r.get(`/api/v1/plans/${planId}/notice-proposals`), expect: () => expectStatus(403, { office: 200 }) },
    // System administrators only (none among these callers): see queue-dashboard.e2e-spec.ts.
    'POST /api/v1/admin/queue-dashboard/session': { call: (r) => r.post('/api/v1/admin/queue-dashboard/session'), expect: () => expectStatus(403) },
    'GET /api/v1/calendar-days': { call: (r) => r.get('/api/v1/calendar-days?year=2026'), expect: () => expectStatus(403, { office: 200 }) },
    'PUT /api/v1/calendar-days/:day': { call: (r) => r.put('/api/v1/calendar-days/2026-12-31').send({ workday: true, name: '年底调休上班' }), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/dashboard': { call: (r) => r.get(`/api/v1/dashboard?planId=${planId}`), expect: () => expectStatus(200) },
    'POST /api/v1/plans/:planId/year-end-cycles': { call: (r) => r.post(`/api/v1/plans/${planId}/year-end-cycles`).send({ year: 2027 }), expect: () => expectStatus(403, { office: 201 }) },
    'GET /api/v1/plans/:planId/year-end-cycles': { call: (r) => r.get(`/api/v1/plans/${planId}/year-end-cycles`), expect: () => expectStatus(200) },
    'GET /api/v1/year-end-cycles/:id': { call: (r) => r.get(`/api/v1/year-end-cycles/${cycleId}`), expect: () => expectStatus(200) },
    'GET /api/v1/year-end-cycles/:id/my-report': { call: (r) => r.get(`/api/v1/year-end-cycles/${cycleId}/my-report`), expect: () => expectStatus(200, { office: 404, leader: 404 }) },
    'POST /api/v1/year-end-cycles/:id/units': {
      call: (r) => r.post(`/api/v1/year-end-cycles/${cycleId}/units`).send({ unitId: extraUnitId, reason: '提供能耗数据' }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'POST /api/v1/year-end-cycles/:id/units/:unitId/drop': {
      call: (r) => r.post(`/api/v1/year-end-cycles/${cycleId}/units/${dropUnitId}/drop`).send({ reason: '职能调整' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/annual-reports/:id': { call: (r) => r.get(`/api/v1/annual-reports/${fgwAnnual}`), expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }) },
    'PUT /api/v1/annual-reports/:id': {
      versionOf: () => annualVersion(fgwAnnual),
      call: (r, v) => r.put(`/api/v1/annual-reports/${fgwAnnual}`).send({ version: v, achievements: '全年新增光伏 2 万千瓦' }),
      expect: () => expectStatus(404, { office: 403, leader: 403, fgw: 200, 'fgw-head': 200 }),
    },
    'POST /api/v1/annual-reports/:id/sign-off': {
      versionOf: () => annualVersion(fgwAnnual),
      call: (r, v) => r.post(`/api/v1/annual-reports/${fgwAnnual}/sign-off`).send({ version: v }),
      expect: () => expectStatus(403, { 'fgw-head': 200, 'xingqing-head': 404 }),
    },
    'POST /api/v1/annual-reports/:id/accept': {
      versionOf: () => annualVersion(fgwAnnual),
      call: (r, v) => r.post(`/api/v1/annual-reports/${fgwAnnual}/accept`).send({ version: v }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/annual-reports/:id/reopen': {
      versionOf: () => annualVersion(fgwAnnual),
      call: (r, v) => r.post(`/api/v1/annual-reports/${fgwAnnual}/reopen`).send({ version: v, reason: '数据需更正' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/annual-reports/:id/return': {
      versionOf: () => annualVersion(xingqingAnnual),
      call: (r, v) => r.post(`/api/v1/annual-reports/${xingqingAnnual}/return`).send({ version: v, reason: '请补充数据' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/indicators': {
      call: (r) => r.post(`/api/v1/plans/${planId}/indicators`).send({ name: `指标${unique()}`, direction: 'higher' }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'PATCH /api/v1/indicators/:id': { call: (r) => r.patch(`/api/v1/indicators/${indicatorId}`).send({ synonyms: ['专项指标数量'] }), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/plans/:planId/indicators': { call: (r) => r.get(`/api/v1/plans/${planId}/indicators`), expect: () => expectStatus(200) },
    'POST /api/v1/plans/:planId/indicators/suggest-links': { call: (r) => r.post(`/api/v1/plans/${planId}/indicators/suggest-links`), expect: () => expectStatus(403, { office: 200 }) },
    'GET /api/v1/plans/:planId/target-links': { call: (r) => r.get(`/api/v1/plans/${planId}/target-links`), expect: () => expectStatus(200) },
    'PUT /api/v1/targets/:targetId/indicator-link': { call: (r) => r.put(`/api/v1/targets/${targetId}/indicator-link`).send({ indicatorId }), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/indicators/:id/actuals': {
      call: (r) => r.post(`/api/v1/indicators/${indicatorId}/actuals`).send({ year: 2026, value: 12, source: 'self_reported' }),
      expect: () => expectStatus(201, { leader: 403 }),
    },
    'GET /api/v1/indicators/:id/actuals': { call: (r) => r.get(`/api/v1/indicators/${indicatorId}/actuals`), expect: () => expectStatus(200) },
    'POST /api/v1/indicator-actuals/:id/verify': {
      versionOf: async () => (await t.prisma.indicatorActual.findUniqueOrThrow({ where: { id: actualId } })).version,
      call: (r, v) => r.post(`/api/v1/indicator-actuals/${actualId}/verify`).send({ version: v, verification: 'disputed', reason: '口径不一致' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/plans/:planId/indicator-evaluation': { call: (r) => r.get(`/api/v1/plans/${planId}/indicator-evaluation?year=2026`), expect: () => expectStatus(200) },
    'GET /api/v1/plans/:planId/indicator-cascade': { call: (r) => r.get(`/api/v1/plans/${planId}/indicator-cascade`), expect: () => expectStatus(200) },
    'GET /api/v1/year-end-cycles/:id/summary': { call: (r) => r.get(`/api/v1/year-end-cycles/${cycleId}/summary`), expect: () => expectStatus(403, { office: 200, leader: 200 }) },
    'PUT /api/v1/year-end-cycles/:id/summary': {
      versionOf: async () => (await t.prisma.yearEndCycle.findUniqueOrThrow({ where: { id: cycleId } })).version,
      call: (r, v) => r.put(`/api/v1/year-end-cycles/${cycleId}/summary`).send({ version: v, commentary: '总体有序推进' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/plans/:planId/documents/ledger.xlsx': { call: (r) => r.get(`/api/v1/plans/${planId}/documents/ledger.xlsx`), expect: () => expectStatus(200) },
    'GET /api/v1/plans/:planId/documents/indicators.xlsx': { call: (r) => r.get(`/api/v1/plans/${planId}/documents/indicators.xlsx?year=2026`), expect: () => expectStatus(200) },
    'GET /api/v1/annual-reports/:id/document.docx': {
      call: (r) => r.get(`/api/v1/annual-reports/${fgwAnnual}/document.docx`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    'GET /api/v1/year-end-cycles/:id/summary.docx': { call: (r) => r.get(`/api/v1/year-end-cycles/${cycleId}/summary.docx`), expect: () => expectStatus(403, { office: 200, leader: 200 }) },
    'POST /api/v1/plans/:planId/indicator-actuals/import': {
      call: (r) => r.post(`/api/v1/plans/${planId}/indicator-actuals/import?dryRun=true`).attach('file', Buffer.from('指标,年份,实际值\n专项指标,2026,9\n'), 'a.csv'),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/plans/:planId/review': {
      call: (r) => r.get(`/api/v1/plans/${countyPlan}/review`),
      expect: () => expectStatus(200, { fgw: 404, 'fgw-head': 404 }),
    },
    'POST /api/v1/plans/:planId/review/submit': {
      versionOf: async () => (await t.prisma.planReview.findUnique({ where: { planId: countyPlan } }))?.version ?? 1,
      call: (r, v) => r.post(`/api/v1/plans/${countyPlan}/review/submit`).send({ version: v }),
      expect: () => expectStatus(403, { 'fgw-head': 404, 'xingqing-head': 200 }),
    },
    'POST /api/v1/plans/:planId/review/return': {
      versionOf: async () => (await t.prisma.planReview.findUniqueOrThrow({ where: { planId: countyPlan } })).version,
      call: (r, v) => r.post(`/api/v1/plans/${countyPlan}/review/return`).send({ version: v, reason: '请补充分年度目标' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/review/approve': {
      versionOf: async () => (await t.prisma.planReview.findUniqueOrThrow({ where: { planId: countyPlanToApprove } })).version,
      call: (r, v) => r.post(`/api/v1/plans/${countyPlanToApprove}/review/approve`).send({ version: v }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/plans/:planId/child-plan-reviews': { call: (r) => r.get(`/api/v1/plans/${planId}/child-plan-reviews`), expect: () => expectStatus(403, { office: 200, leader: 200 }) },
    'POST /api/v1/indicator-actuals/:id/evidence': {
      call: (r) => r.post(`/api/v1/indicator-actuals/${actualId}/evidence`).attach('file', Buffer.from('%PDF-1.4 统计'), '统计表.pdf'),
      expect: () => expectStatus(404, { office: 201, leader: 403, fgw: 201, 'fgw-head': 201 }),
    },
    'GET /api/v1/indicator-actuals/:id/evidence': {
      call: (r) => r.get(`/api/v1/indicator-actuals/${actualId}/evidence`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    // Last of the year-end routes: finalising closes the cycle.
    'POST /api/v1/year-end-cycles/:id/summary/finalise': {
      versionOf: async () => (await t.prisma.yearEndCycle.findUniqueOrThrow({ where: { id: cycleId } })).version,
      call: (r, v) => r.post(`/api/v1/year-end-cycles/${cycleId}/summary/finalise`).send({ version: v }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'GET /api/v1/assessment-criterion-kinds': { call: (r) => r.get(`/api/v1/assessment-criterion-kinds?planId=${planId}&year=2026`), expect: () => expectStatus(200) },
    'GET /api/v1/plans/:planId/assessment-schemes': { call: (r) => r.get(`/api/v1/plans/${planId}/assessment-schemes`), expect: () => expectStatus(200) },
    'POST /api/v1/plans/:planId/assessment-schemes/copy': {
      call: (r) => r.post(`/api/v1/plans/${planId}/assessment-schemes/copy`).send({ fromYear: 2025, toYear: 2018 }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'POST /api/v1/plans/:planId/assessment-schemes': {
      call: (r) =>
        r.post(`/api/v1/plans/${planId}/assessment-schemes`).send({
          year: 2017,
          name: '2017年度考核方案',
          baseScore: 100,
          totalCap: 100,
          parts: [{ key: 'work', name: '重点任务推进', weight: 100 }],
          criteria: [{ key: 'quality', partKey: 'work', name: '工作质量', type: 'judged', basis: 'work_quality', rangeMin: 0, rangeMax: 10 }],
        }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'GET /api/v1/assessment-schemes/:id': { call: (r) => r.get(`/api/v1/assessment-schemes/${schemeId}`), expect: () => expectStatus(200) },
    'PUT /api/v1/assessment-schemes/:id': {
      versionOf: async () => (await t.prisma.assessmentScheme.findUniqueOrThrow({ where: { id: schemeId } })).rowVersion,
      call: (r, v) =>
        r.put(`/api/v1/assessment-schemes/${schemeId}`).send({
          rowVersion: v,
          name: '2026年度考核方案（修订）',
          baseScore: 100,
          totalCap: 100,
          parts: [{ key: 'work', name: '重点任务推进', weight: 100 }],
          criteria: [{ key: 'overdue', partKey: 'work', name: '逾期事项', type: 'computed', basis: 'system_data', kind: 'overdue_or_red', params: { lead: -5, supporting: -3 } }],
        }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/plans/:planId/assessment-rounds': { call: (r) => r.post(`/api/v1/plans/${planId}/assessment-rounds`).send({ year: 2019 }), expect: () => expectStatus(403, { office: 201 }) },
    'GET /api/v1/plans/:planId/assessment-rounds': { call: (r) => r.get(`/api/v1/plans/${planId}/assessment-rounds`), expect: () => expectStatus(200) },
    'GET /api/v1/plans/:planId/assessment-grades': { call: (r) => r.get(`/api/v1/plans/${planId}/assessment-grades`), expect: () => expectStatus(403, { office: 200, leader: 200 }) },
    'GET /api/v1/assessment-rounds/:id': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.lifecycle}`), expect: () => expectStatus(200) },
    ...Object.fromEntries(
      ['start-self-assessment', 'start-review', 'publish', 'open-appeals', 'freeze'].map((step) => [
        `POST /api/v1/assessment-rounds/:id/${step}`,
        {
          versionOf: async () => (await t.prisma.assessmentRound.findUniqueOrThrow({ where: { id: rounds.lifecycle } })).version,
          call: (r: ReturnType<typeof request>, v: number) => r.post(`/api/v1/assessment-rounds/${rounds.lifecycle}/${step}`).send({ version: v }),
          // The appeal window has just opened: the office may not freeze yet.
          expect: () => expectStatus(403, { office: step === 'freeze' ? 422 : 200 }),
        },
      ]),
    ),
    'GET /api/v1/assessment-rounds/:id/sheets': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.selfAssessment}/sheets`), expect: () => expectStatus(200) },
    'GET /api/v1/assessment-rounds/:id/sheets/:unitId': {
      call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.selfAssessment}/sheets/${fgwUnit}`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    'GET /api/v1/assessment-rounds/:id/sheets/:unitId/criteria/:key/trace': {
      call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.selfAssessment}/sheets/${fgwUnit}/criteria/overdue/trace`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    'PUT /api/v1/assessment-rounds/:id/sheets/:unitId/criteria/:key/self-assessment': {
      call: (r) => r.put(`/api/v1/assessment-rounds/${rounds.selfAssessment}/sheets/${xingqingUnit}/criteria/quality/self-assessment`).send({ score: 8, reason: '开展碳普惠试点' }),
      expect: () => expectStatus(404, { office: 403, leader: 403, xingqing: 200, 'xingqing-head': 200 }),
    },
    'PUT /api/v1/assessment-rounds/:id/sheets/:unitId/criteria/:key/evaluation': {
      call: (r) => r.put(`/api/v1/assessment-rounds/${rounds.selfAssessment}/sheets/${xingqingUnit}/criteria/quality/evaluation`).send({ score: 7, reason: '试点有成效' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    // An evaluator's own list: every role that may evaluate gets its own (the office's is empty).
    'GET /api/v1/assessment-rounds/:id/my-evaluations': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.selfAssessment}/my-evaluations`), expect: () => expectStatus(403, { office: 200 }) },
    'POST /api/v1/assessment-rounds/:id/evaluators': {
      call: (r) => r.post(`/api/v1/assessment-rounds/${rounds.selfAssessment}/evaluators`).send({ userId: evaluatorId, unitIds: [xingqingUnit], criterionKeys: ['quality'] }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'PUT /api/v1/assessment-rounds/:id/sheets/:unitId/criteria/:key/adjustment': {
      call: (r) => r.put(`/api/v1/assessment-rounds/${rounds.review}/sheets/${fgwUnit}/criteria/quality/adjustment`).send({ score: 6, reason: '复核调整' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/assessment-rounds/:id/sheets/:unitId/criteria/:key/appeals': {
      call: (r) => r.post(`/api/v1/assessment-rounds/${rounds.appeal}/sheets/${xingqingUnit}/criteria/overdue/appeals`).send({ reason: '逾期系上级原因造成' }),
      // The second caller of 兴庆区 finds the first one's appeal pending.
      expect: () => expectStatus(404, { office: 403, leader: 403, xingqing: 201, 'xingqing-head': 409 }),
    },
    'GET /api/v1/assessment-rounds/:id/appeals': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.appeal}/appeals`), expect: () => expectStatus(200) },
    'POST /api/v1/assessment-appeals/:id/accept': {
      call: (r) => r.post(`/api/v1/assessment-appeals/${appeals[0]}/accept`).send({ version: 1, reason: '情况属实', score: -2 }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/assessment-appeals/:id/reject': {
      call: (r) => r.post(`/api/v1/assessment-appeals/${appeals[1]}/reject`).send({ version: 1, reason: '理由不成立' }),
      expect: () => expectStatus(403, { office: 200 }),
    },
    'POST /api/v1/assessment-rounds/:id/corrections': {
      call: (r) => r.post(`/api/v1/assessment-rounds/${rounds.frozen}/corrections`).send({ unitId: fgwUnit, criterionKey: 'quality', score: 9, reason: '更正评分' }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'GET /api/v1/assessment-rounds/:id/versions': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.frozen}/versions`), expect: () => expectStatus(200) },
    'POST /api/v1/assessment-rounds/:id/outcomes': {
      call: (r) => r.post(`/api/v1/assessment-rounds/${rounds.frozen}/outcomes`).send({ unitId: fgwUnit, kind: 'interview', note: '约谈主要负责人' }),
      expect: () => expectStatus(403, { office: 201 }),
    },
    'GET /api/v1/assessment-rounds/:id/export/ranking': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.frozen}/export/ranking`), expect: () => expectStatus(403, { office: 200, leader: 200 }) },
    'GET /api/v1/assessment-rounds/:id/export/bulletin': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.frozen}/export/bulletin`), expect: () => expectStatus(403, { office: 200, leader: 200 }) },
    'GET /api/v1/assessment-rounds/:id/sheets/:unitId/export': {
      call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.frozen}/sheets/${fgwUnit}/export`),
      expect: () => expectStatus(200, { xingqing: 404, 'xingqing-head': 404 }),
    },
    'GET /api/v1/assessment-rounds/:id/outcomes': { call: (r) => r.get(`/api/v1/assessment-rounds/${rounds.frozen}/outcomes`), expect: () => expectStatus(200) },
  };
  // Routes whose effect on the caller's own session is tested in auth.e2e-spec.ts, and public routes.
  const elsewhere = ['POST /api/v1/auth/login', 'POST /api/v1/auth/refresh', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password', 'GET /health/live', 'GET /health/ready'];

  function routes() {
    const found: { route: string; isPublic: boolean; permission?: string }[] = [];
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    for (const wrapper of controllers) {
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object));
      const proto = Object.getPrototypeOf(wrapper.instance);
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (name === 'constructor' || path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = `/${[base, path].filter((p) => p && p !== '/').join('/')}`;
        const prefix = full.startsWith('/health') ? '' : '/api/v1';
        found.push({
          route: `${method} ${prefix}${full}`,
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, wrapper.metatype as object)),
          permission: Reflect.getMetadata(PERMISSION, handler),
        });
      }
    }
    return found;
  }

  it('every route declares a permission or is public, and the matrix covers every route', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((r) => !r.isPublic && !r.permission).map((r) => r.route)).toEqual([]);
    expect(all.filter((r) => r.isPublic).map((r) => r.route).sort()).toEqual(['GET /health/live', 'GET /health/ready', 'POST /api/v1/auth/login', 'POST /api/v1/auth/refresh']);
    const covered = new Set([...Object.keys(matrix), ...elsewhere]);
    expect(all.map((r) => r.route).filter((r) => !covered.has(r))).toEqual([]);
  });

  /**
   * Every id a response carries must be one the caller may read, by a rule computed here from the database
   * independently of the application's own scope code: a unit reads what it or a unit below it is (or was)
   * assigned, its own reports, contributions to what it leads, its own extension requests; users per role.
   */
  async function leaks(who: Exclude<Who, 'anonymous'>, body: unknown): Promise<string[]> {
    const ids = [...new Set(JSON.stringify(body ?? null).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])];
    if (ids.length === 0) return [];
    const rows = await t.prisma.$queryRawUnsafe<{ id: string; kind: string; visible: boolean }[]>(
      `WITH me AS (SELECT id, unit_id, roles FROM users WHERE username = $1),
            wide AS (SELECT (roles && ARRAY['system_admin','office_admin','leader','evaluator']::"Role"[]) AS yes FROM me),
            sub AS (WITH RECURSIVE s AS (SELECT unit_id AS id FROM me UNION ALL SELECT u.id FROM units u JOIN s ON u.parent_id = s.id) SELECT id FROM s),
            x AS (SELECT unnest($2::uuid[]) AS id)
       SELECT x.id::text, 'work_item' AS kind,
              (SELECT yes FROM wide) OR EXISTS (SELECT 1 FROM assignments a WHERE a.work_item_id = w.id AND a.unit_id IN (SELECT id FROM sub)) AS visible
         FROM x JOIN work_items w ON w.id = x.id
       UNION ALL
       SELECT x.id::text, 'report', (SELECT yes FROM wide) OR r.unit_id IN (SELECT id FROM sub)
              OR (r.kind = 'contribution' AND EXISTS (SELECT 1 FROM assignments a WHERE a.work_item_id = r.work_item_id AND a.role = 'lead' AND a.unit_id IN (SELECT id FROM sub)))
         FROM x JOIN progress_reports r ON r.id = x.id
       UNION ALL
       SELECT x.id::text, 'evidence', (SELECT yes FROM wide) OR r.unit_id IN (SELECT id FROM sub)
              OR (r.kind = 'contribution' AND EXISTS (SELECT 1 FROM assignments a WHERE a.work_item_id = r.work_item_id AND a.role = 'lead' AND a.unit_id IN (SELECT id FROM sub)))
         FROM x JOIN evidence_files e ON e.id = x.id JOIN progress_reports r ON r.id = e.report_id
       UNION ALL
       SELECT x.id::text, 'extension', (SELECT yes FROM wide) OR e.unit_id IN (SELECT id FROM sub)
         FROM x JOIN extension_requests e ON e.id = x.id
       UNION ALL
       SELECT x.id::text, 'user', (SELECT roles && ARRAY['system_admin','office_admin']::"Role"[] FROM me)
              OR u.id = (SELECT id FROM me) OR ((SELECT 'unit_head' = ANY(roles) FROM me) AND u.unit_id = (SELECT unit_id FROM me))
         FROM x JOIN users u ON u.id = x.id
       UNION ALL
       SELECT x.id::text, 'proposal', (SELECT yes FROM wide) OR a.unit_id IN (SELECT id FROM sub)
         FROM x JOIN assignment_proposals p ON p.id = x.id JOIN assignments a ON a.id = p.assignment_id
       UNION ALL
       SELECT x.id::text, 'annual_report', (SELECT yes FROM wide) OR a.unit_id IN (SELECT id FROM sub)
         FROM x JOIN annual_reports a ON a.id = x.id
       UNION ALL
       SELECT x.id::text, 'actual', (SELECT yes FROM wide) OR a.unit_id IN (SELECT id FROM sub)
         FROM x JOIN indicator_actuals a ON a.id = x.id
       UNION ALL
       SELECT x.id::text, 'import', (SELECT yes FROM wide) FROM x JOIN import_runs i ON i.id = x.id`,
      who,
      ids,
    );
    return rows.filter((r) => !r.visible).map((r) => `${r.kind} ${r.id}`);
  }

  for (const [route, entry] of Object.entries(matrix)) {
    const { call, expect: expected } = entry;
    it(route, async () => {
      const got: Partial<Record<Who, number>> = {};
      const leaked: Partial<Record<Who, string[]>> = {};
      for (const who of WHO) {
        const req = call(request(t.http), entry.versionOf ? await entry.versionOf() : 0);
        if (tokens[who as Exclude<Who, 'anonymous'>]) req.set('authorization', tokens[who as Exclude<Who, 'anonymous'>]!);
        const res = await req;
        got[who] = res.status;
        if (who !== 'anonymous' && res.status < 300) {
          const found = await leaks(who, res.body);
          if (found.length) leaked[who] = found;
        }
      }
      expect(got).toEqual(expected());
      expect(leaked).toEqual({});
    });
  }

  it('an item’s history lists the events of its reports and extension requests only to those who may read them', async () => {
    // Run after the matrix: item 1 (市发改委 leads, the counties support) has extension decisions and reports by now.
    const fgwLead = await t.prisma.workItem.findFirstOrThrow({ where: { planId, seq: '1' } });
    const history = async (who: Exclude<Who, 'anonymous'>) =>
      (await request(t.http).get(`/api/v1/audit-events?entityType=WorkItem&entityId=${fgwLead.id}`).set('authorization', tokens[who]!).expect(200)).body as { entityType: string; entityId: string }[];
    const office = await history('office');
    expect(office.map((e) => e.entityType)).toEqual(expect.arrayContaining(['ExtensionRequest']));
    for (const who of ['xingqing', 'xingqing-head'] as const) {
      const seen = await history(who);
      expect(seen.filter((e) => e.entityType === 'ExtensionRequest')).toEqual([]);
      expect(await leaks(who, seen)).toEqual([]);
    }
    expect((await history('fgw')).map((e) => e.entityType)).toEqual(expect.arrayContaining(['ExtensionRequest']));
  });

  it('an expired or forged token is refused (401)', async () => {
    const office = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    const expired = await t.app.get(JwtService).signAsync({ sub: office.id, ver: office.sessionVersion }, { expiresIn: -10 });
    await request(t.http).get('/api/v1/work-items').set('authorization', `Bearer ${expired}`).expect(401);
    const forged = await new JwtService({ secret: 'another-secret-of-at-least-32-characters' }).signAsync({ sub: office.id, ver: office.sessionVersion });
    await request(t.http).get('/api/v1/work-items').set('authorization', `Bearer ${forged}`).expect(401);
  });

  it('a county lists only its own work; another county’s item is missing even when named in a filter', async () => {
    const jinfeng = await t.prisma.unit.findFirstOrThrow({ where: { name: '金凤区' } });
    const item = await t.prisma.workItem.create({
      data: { planId, seq: '99', itemNo: 1, sortKey: 999, text: '金凤区专项', assignments: { create: [{ unitId: jinfeng.id, role: 'lead', principal: true, source: 'table', position: 0 }] } },
    });
    const list = await request(t.http).get(`/api/v1/work-items?planId=${planId}&pageSize=200`).set('authorization', tokens.xingqing!).expect(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    // Every Yinchuan row names the counties through 各县(市)区人民政府; the two special items do not name 兴庆区.
    expect(list.body.total).toBe(43);
    expect(ids).not.toContain(item.id);
    expect(ids).not.toContain(fgwOnlyItem);
    for (const id of ids.slice(0, 5)) await request(t.http).get(`/api/v1/work-items/${id}`).set('authorization', tokens.xingqing!).expect(200);
    const filtered = await request(t.http).get(`/api/v1/work-items?unitId=${jinfeng.id}&pageSize=200`).set('authorization', tokens.xingqing!).expect(200);
    expect(filtered.body.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    const office = await request(t.http).get(`/api/v1/work-items?planId=${planId}&pageSize=200`).set('authorization', tokens.office!).expect(200);
    expect(office.body.total).toBe(45);
  });

  it('the office cannot take over the system administrator: no role change, no disabling, no password reset', async () => {
    const admin = await t.prisma.user.create({
      data: { username: `sysadmin${unique()}`, displayName: '系统管理员', unitId: (await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } })).unitId, roles: ['system_admin'], passwordHash: 'x' },
    });
    const before = await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    const office = (r: request.Test) => r.set('authorization', tokens.office!);
    expect((await office(request(t.http).patch(`/api/v1/users/${admin.id}`).send({ rowVersion: 1, roles: ['unit_reporter'] }))).status).toBe(403);
    expect((await office(request(t.http).patch(`/api/v1/users/${admin.id}`).send({ rowVersion: 1, disabled: true }))).status).toBe(403);
    expect((await office(request(t.http).post(`/api/v1/users/${admin.id}/reset-password`).send({ password: 'Takeover-pass-2026' }))).status).toBe(403);
    expect((await office(request(t.http).post('/api/v1/users').send({ username: `peer${unique()}`, displayName: '另一管理员', unitId: admin.unitId, roles: ['office_admin'], password: 'Initial-pass-2026' }))).status).toBe(403);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toEqual(before);
    // Nor can it make itself one.
    const me = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    expect((await office(request(t.http).patch(`/api/v1/users/${me.id}`).send({ rowVersion: me.rowVersion, roles: ['system_admin'] }))).status).toBe(403);
  });

  it('a unit head cannot create users in another unit or grant office roles', async () => {
    const body = { username: `x${unique()}`, displayName: '越权', password: 'Initial-pass-2026' };
    const xingqing = await t.prisma.unit.findFirstOrThrow({ where: { name: '兴庆区' } });
    await request(t.http).post('/api/v1/users').set('authorization', tokens['fgw-head']!).send({ ...body, unitId: xingqing.id, roles: ['unit_reporter'] }).expect(403);
    await request(t.http).post('/api/v1/users').set('authorization', tokens['fgw-head']!).send({ ...body, unitId: fgwUnit, roles: ['office_admin'] }).expect(403);
    expect(await t.prisma.user.count({ where: { username: body.username } })).toBe(0);
  });

  it('a plan, unit or user edit based on an old version is refused with 409 and the current version', async () => {
    const plan = await rowVersion('plan', planId);
    await request(t.http).patch(`/api/v1/plans/${planId}`).set('authorization', tokens.office!).send({ rowVersion: plan, title: '甲改的标题' }).expect(200);
    const stale = await request(t.http).patch(`/api/v1/plans/${planId}`).set('authorization', tokens.office!).send({ rowVersion: plan, title: '乙改的标题' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: plan + 1, current: { title: '甲改的标题' } });
    const unit = await rowVersion('unit', unitId);
    await request(t.http).patch(`/api/v1/units/${unitId}`).set('authorization', tokens.office!).send({ rowVersion: unit - 1, aliases: ['统计局'] }).expect(409);
    const user = await rowVersion('user', resetTarget);
    await request(t.http).patch(`/api/v1/users/${resetTarget}`).set('authorization', tokens.office!).send({ rowVersion: user + 5, displayName: 'x' }).expect(409);
    await request(t.http).patch(`/api/v1/plans/${planId}`).set('authorization', tokens.office!).send({ title: '没有版本号' }).expect(400);
  });

  it('me shows the unit and roles of the session, never the password hash', async () => {
    const res = await request(t.http).get('/api/v1/auth/me').set('authorization', tokens.xingqing!).expect(200);
    expect(res.body).toMatchObject({ username: 'xingqing', roles: ['unit_reporter'], planWide: false });
    expect(res.body).not.toHaveProperty('passwordHash');
  });
});
