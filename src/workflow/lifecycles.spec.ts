import type { Role } from '../generated/prisma/enums.js';
import { PLAN_WIDE_ROLES } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { appealLifecycle, type AppealRow } from '../assessment/appeal.lifecycle.js';
import { roundLifecycle, type RoundRow } from '../assessment/round.lifecycle.js';
import { extensionLifecycle, type ExtensionRow } from '../extensions/extension.lifecycle.js';
import { noticeLifecycle, type NoticeRow } from '../notices/notice.lifecycle.js';
import { periodLifecycle, type PeriodRow } from '../reporting/period.lifecycle.js';
import { reportLifecycle } from '../reporting/report.lifecycle.js';
import type { ReportRow } from '../reporting/report-view.js';
import { annualReportLifecycle } from '../year-end/annual-report.lifecycle.js';
import type { AnnualReportRow } from '../year-end/annual-report-view.js';
import { actualLifecycle, type ActualRow } from '../indicators/actual.lifecycle.js';
import { planReviewLifecycle, type PlanReviewRow } from '../plan-reviews/plan-review.lifecycle.js';
import { checkTransition, type LifecycleRow, type LifecycleSpec } from './lifecycle.js';

// Units: 兴庆区 leads the item; 市发改委 supports it; 金凤区 has nothing to do with it.
const LEAD = 'u-xingqing';
const SUPPORT = 'u-fgw';
const OTHER = 'u-jinfeng';
const who = (roles: Role[], unitId: string): Principal => ({
  userId: `user-${unitId}-${roles.join()}`,
  username: 'u',
  displayName: 'u',
  unitId,
  unitName: unitId,
  roles,
  mustChangePassword: false,
  planWide: roles.some((r) => PLAN_WIDE_ROLES.includes(r)),
  scopeUnitIds: [unitId],
});
const ACTORS = {
  office: who(['office_admin'], 'u-office'),
  leader: who(['leader'], 'u-city'),
  'lead head': who(['unit_head'], LEAD),
  'lead reporter': who(['unit_reporter'], LEAD),
  'support head': who(['unit_head'], SUPPORT),
  'support reporter': who(['unit_reporter'], SUPPORT),
  'other head': who(['unit_head'], OTHER),
};
type Actor = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as Actor[];
const ctx = (p: Principal) => ({ now: new Date('2026-04-05T02:00:00Z'), principal: p });

/** '✓' allowed; otherwise the status and code the runner answers with. */
function outcome<R extends LifecycleRow>(spec: LifecycleSpec<R>, transition: string, actor: Actor, row: R): string {
  const refusal = checkTransition(spec, transition, ACTORS[actor], row, { id: row.id, version: row.version, reason: '说明原因', input: undefined }, ctx(ACTORS[actor]));
  return refusal ? `${refusal.status} ${refusal.code}` : '✓';
}

/** A table: one line per state, one column per actor (in ACTOR_NAMES order). */
function expectTable<R extends LifecycleRow>(spec: LifecycleSpec<R>, transition: string, rowIn: (state: string) => R, table: Record<string, string[]>) {
  for (const [state, expected] of Object.entries(table)) {
    it(`${transition} from ${state}`, () => {
      expect(ACTOR_NAMES.map((a) => outcome(spec, transition, a, rowIn(state)))).toEqual(expected);
    });
  }
}

const F = '403 AUTH.FORBIDDEN';
const filled = { status: 'on_track', percent: 30, done: '完成项目选址', problems: null, nextSteps: null } as const;
const reportRow = (kind: 'report' | 'contribution') => (state: string) =>
  ({
    id: 'r1',
    version: 3,
    state,
    kind,
    unitId: kind === 'report' ? LEAD : SUPPORT,
    workItemId: 'w1',
    periodId: 'p1',
    firstSubmittedAt: null,
    ...filled,
    period: { label: '2026年第1季度', dueDate: new Date('2026-04-10'), status: 'open' },
    workItem: { seq: '1', itemNo: 1, text: '建成屋顶光伏项目', assignments: [{ unitId: LEAD }] },
    assignment: { endedAt: null },
    evidence: [],
  }) as unknown as ReportRow;

describe('report lifecycle truth table (a lead unit’s report)', () => {
  const row = reportRow('report');
  const S = (state: string) => `409 REPORT.${state}`;
  // columns: office, leader, lead head, lead reporter, support head, support reporter, other head
  const L = S('LOCKED');
  const B = S('BAD_STATE');
  expectTable(reportLifecycle, 'save', row, {
    pending: [F, F, '✓', '✓', F, F, F],
    draft: [F, F, '✓', '✓', F, F, F],
    submitted: [F, F, L, L, F, F, F],
    returned: [F, F, '✓', '✓', F, F, F],
    accepted: [F, F, L, L, F, F, F],
  });
  expectTable(reportLifecycle, 'signOff', row, {
    pending: [F, F, '✓', F, F, F, F],
    draft: [F, F, '✓', F, F, F, F],
    submitted: [F, F, B, F, F, F, F],
    returned: [F, F, '✓', F, F, F, F],
    accepted: [F, F, B, F, F, F, F],
  });
  for (const t of ['accept', 'return']) {
    expectTable(reportLifecycle, t, row, {
      pending: [B, F, F, F, F, F, F],
      draft: [B, F, F, F, F, F, F],
      submitted: ['✓', F, F, F, F, F, F],
      returned: [B, F, F, F, F, F, F],
      accepted: [B, F, F, F, F, F, F],
    });
  }
  expectTable(reportLifecycle, 'reopen', row, {
    pending: [B, F, F, F, F, F, F],
    draft: [B, F, F, F, F, F, F],
    submitted: [B, F, F, F, F, F, F],
    returned: [B, F, F, F, F, F, F],
    accepted: ['✓', F, F, F, F, F, F],
  });
});

describe('report lifecycle truth table (a supporting unit’s contribution)', () => {
  const row = reportRow('contribution');
  const L = '409 REPORT.LOCKED';
  const B = '409 REPORT.BAD_STATE';
  expectTable(reportLifecycle, 'save', row, {
    pending: [F, F, F, F, '✓', '✓', F],
    draft: [F, F, F, F, '✓', '✓', F],
    submitted: [F, F, F, F, L, L, F],
    returned: [F, F, F, F, '✓', '✓', F],
    accepted: [F, F, F, F, L, L, F],
  });
  expectTable(reportLifecycle, 'signOff', row, {
    pending: [F, F, F, F, '✓', F, F],
    draft: [F, F, F, F, '✓', F, F],
    submitted: [F, F, F, F, B, F, F],
    returned: [F, F, F, F, '✓', F, F],
    accepted: [F, F, F, F, B, F, F],
  });
  // Received or sent back by the head of the lead unit, or by the office.
  for (const t of ['accept', 'return']) {
    expectTable(reportLifecycle, t, row, {
      pending: [B, F, B, F, F, F, F],
      draft: [B, F, B, F, F, F, F],
      submitted: ['✓', F, '✓', F, F, F, F],
      returned: [B, F, B, F, F, F, F],
      accepted: [B, F, B, F, F, F, F],
    });
  }
  expectTable(reportLifecycle, 'reopen', row, {
    pending: [B, F, B, F, F, F, F],
    draft: [B, F, B, F, F, F, F],
    submitted: [B, F, B, F, F, F, F],
    returned: [B, F, B, F, F, F, F],
    accepted: ['✓', F, '✓', F, F, F, F],
  });
});

describe('report guards', () => {
  const row = reportRow('report');
  const head = ACTORS['lead head'];
  const check = (r: ReportRow, t: string, reason?: string) => checkTransition(reportLifecycle, t, head, r, { id: r.id, version: r.version, reason }, ctx(head));
  it('a sign-off needs status, percent and 已完成工作 filled in', () => {
    expect(check({ ...row('draft'), done: '  ' }, 'signOff')).toMatchObject({ status: 422, code: 'REPORT.INCOMPLETE', field: 'done' });
    expect(check({ ...row('pending'), status: null, percent: null, done: null }, 'signOff')).toMatchObject({ status: 422, code: 'REPORT.INCOMPLETE' });
  });
  it('nothing is written in a closed period, nor on an assignment a re-import ended', () => {
    const closed = { ...row('draft'), period: { ...row('draft').period, status: 'closed' } } as ReportRow;
    expect(check(closed, 'save')).toMatchObject({ status: 409, code: 'PERIOD.CLOSED' });
    expect(check(closed, 'signOff')).toMatchObject({ status: 409, code: 'PERIOD.CLOSED' });
    const ended = { ...row('draft'), assignment: { endedAt: new Date() } } as ReportRow;
    expect(check(ended, 'save')).toMatchObject({ status: 409, code: 'REPORT.ASSIGNMENT_ENDED' });
  });
  it('a stale version is refused with the current one; a return needs a reason', () => {
    const r = row('submitted');
    const office = ACTORS.office;
    expect(checkTransition(reportLifecycle, 'return', office, r, { id: r.id, version: 2, reason: 'x' }, ctx(office))).toMatchObject({ status: 409, code: 'REPORT.VERSION_CONFLICT', extra: { currentVersion: 3 } });
    expect(checkTransition(reportLifecycle, 'return', office, r, { id: r.id, version: 3, reason: ' ' }, ctx(office))).toMatchObject({ status: 400, field: 'reason' });
  });
});

describe('period lifecycle truth table', () => {
  const row = (state: string) => ({ id: 'p1', version: 1, state, status: state }) as unknown as PeriodRow;
  const B = '409 PERIOD.BAD_STATE';
  expectTable(periodLifecycle, 'close', row, { open: ['✓', F, F, F, F, F, F], closed: [B, F, F, F, F, F, F] });
  expectTable(periodLifecycle, 'reopen', row, { open: [B, F, F, F, F, F, F], closed: ['✓', F, F, F, F, F, F] });
});

describe('extension lifecycle truth table', () => {
  const row = (state: string) => ({ id: 'e1', version: 1, state, status: state, unitId: LEAD }) as unknown as ExtensionRow;
  const D = '409 EXTENSION.DECIDED';
  for (const t of ['approve', 'reject']) {
    expectTable(extensionLifecycle, t, row, { pending: ['✓', F, F, F, F, F, F], approved: [D, F, F, F, F, F, F], rejected: [D, F, F, F, F, F, F] });
  }
});

describe('supervision notice lifecycle truth table', () => {
  // The notice is addressed to the lead unit (兴庆区): only its head acknowledges and answers.
  const row = (state: string) => ({ id: 'n1', version: 1, state, unitId: LEAD }) as unknown as NoticeRow;
  const N = '403 NOTICE.NOT_ADDRESSEE';
  const B = '409 NOTICE.BAD_STATE';
  expectTable(noticeLifecycle, 'acknowledge', row, { issued: [N, F, '✓', F, N, F, N], acknowledged: [N, F, B, F, N, F, N], closed: [N, F, B, F, N, F, N] });
  // The table's requests carry no reply text: the guard answers for the one actor who gets that far.
  expectTable(noticeLifecycle, 'reply', row, { issued: [N, F, B, F, N, F, N], acknowledged: [N, F, '400 VALIDATION', F, N, F, N], replied: [N, F, B, F, N, F, N] });
  expectTable(noticeLifecycle, 'return', row, { replied: ['✓', F, F, F, F, F, F], acknowledged: [B, F, F, F, F, F, F], closed: [B, F, F, F, F, F, F] });
  expectTable(noticeLifecycle, 'close', row, { replied: ['✓', F, F, F, F, F, F], issued: [B, F, F, F, F, F, F], closed: [B, F, F, F, F, F, F] });
});

describe('annual report lifecycle truth table (兴庆区’s annual report)', () => {
  const row = (state: string) =>
    ({
      id: 'a1',
      version: 2,
      state,
      unitId: LEAD,
      cycleId: 'c1',
      items: [],
      achievements: '建成光伏 2 万千瓦',
      problems: '资金不足',
      nextYearPlans: '继续推进',
      droppedAt: null,
      firstSubmittedAt: null,
      unit: { name: '兴庆区' },
      cycle: { planId: 'p1', year: 2026, dueDate: new Date('2026-12-31'), recipient: '办公室', status: 'open' },
    }) as unknown as AnnualReportRow;
  const L = '409 ANNUAL_REPORT.LOCKED';
  const B = '409 ANNUAL_REPORT.BAD_STATE';
  const unitWrites = ['✓', '✓'];
  expectTable(annualReportLifecycle, 'save', row, {
    draft: [F, F, ...unitWrites, F, F, F],
    returned: [F, F, ...unitWrites, F, F, F],
    submitted: [F, F, L, L, F, F, F],
    accepted: [F, F, L, L, F, F, F],
  });
  expectTable(annualReportLifecycle, 'signOff', row, {
    draft: [F, F, '✓', F, F, F, F],
    returned: [F, F, '✓', F, F, F, F],
    submitted: [F, F, B, F, F, F, F],
    accepted: [F, F, B, F, F, F, F],
  });
  for (const t of ['accept', 'return']) {
    expectTable(annualReportLifecycle, t, row, { draft: [B, F, F, F, F, F, F], submitted: ['✓', F, F, F, F, F, F], accepted: [B, F, F, F, F, F, F] });
  }
  expectTable(annualReportLifecycle, 'reopen', row, { submitted: [B, F, F, F, F, F, F], accepted: ['✓', F, F, F, F, F, F] });
  it('a sign-off needs the three free sections; a dropped obligation is read-only', () => {
    const head = ACTORS['lead head'];
    const empty = { ...row('draft'), nextYearPlans: ' ' } as AnnualReportRow;
    expect(checkTransition(annualReportLifecycle, 'signOff', head, empty, { id: 'a1', version: 2 }, ctx(head))).toMatchObject({ status: 422, field: 'nextYearPlans' });
    const dropped = { ...row('draft'), droppedAt: new Date(), dropReason: '职能划转' } as AnnualReportRow;
    expect(checkTransition(annualReportLifecycle, 'save', head, dropped, { id: 'a1', version: 2 }, ctx(head))).toMatchObject({ status: 409, code: 'ANNUAL_REPORT.DROPPED' });
  });
});

describe('indicator actual verification truth table (the office alone)', () => {
  const row = (state: string) => ({ id: 'x1', version: 1, state, verification: state, unitId: LEAD }) as unknown as ActualRow;
  const B = '409 ACTUAL.BAD_STATE';
  expectTable(actualLifecycle, 'verify', row, { unverified: ['✓', F, F, F, F, F, F], disputed: ['✓', F, F, F, F, F, F], verified: [B, F, F, F, F, F, F] });
  expectTable(actualLifecycle, 'dispute', row, { unverified: ['✓', F, F, F, F, F, F], verified: ['✓', F, F, F, F, F, F], disputed: [B, F, F, F, F, F, F] });
});

describe('plan review (审核) truth table: 兴庆区’s own plan', () => {
  const row = (state: string, parentPlanId: string | null = 'city-plan') =>
    ({ id: 'pr1', version: 1, state, planId: 'p2', remarks: null, submittedById: null, submittedAt: null, plan: { id: 'p2', title: '兴庆区方案', status: 'draft', jurisdictionId: LEAD, parentPlanId, jurisdiction: { name: '兴庆区' } } }) as unknown as PlanReviewRow;
  const B = '409 PLAN_REVIEW.BAD_STATE';
  expectTable(planReviewLifecycle, 'submit', (s) => row(s), { draft: [F, F, '✓', F, F, F, F], returned: [F, F, '✓', F, F, F, F], submitted: [F, F, B, F, F, F, F], approved: [F, F, B, F, F, F, F] });
  for (const t of ['approve', 'return']) {
    expectTable(planReviewLifecycle, t, (s) => row(s), { draft: [B, F, F, F, F, F, F], submitted: ['✓', F, F, F, F, F, F], approved: [B, F, F, F, F, F, F] });
  }
  it('a plan without a parent is not submitted for review', () => {
    const head = ACTORS['lead head'];
    expect(checkTransition(planReviewLifecycle, 'submit', head, row('draft', null), { id: 'pr1', version: 1 }, ctx(head))).toMatchObject({ status: 422, code: 'PLAN_REVIEW.NO_PARENT' });
  });
});

describe('assessment round lifecycle truth table (ctx: 2026-04-05)', () => {
  const row = (extra: Partial<RoundRow>) => (state: string) => ({ id: 'a1', version: 1, state, unscored: 0, pendingAppeals: 0, appealDeadline: null, ...extra }) as unknown as RoundRow;
  const B = '409 ASSESSMENT.BAD_STATE';
  const states = ['open', 'self_assessment', 'review', 'published', 'appeal', 'frozen'];
  // One column per actor; only the office moves a round.
  const only = (okIn: string, code = '✓') => Object.fromEntries(states.map((s) => [s, [s === okIn ? code : B, F, F, F, F, F, F]]));
  expectTable(roundLifecycle, 'start_self_assessment', row({}), only('open'));
  expectTable(roundLifecycle, 'start_review', row({}), only('self_assessment'));
  expectTable(roundLifecycle, 'publish', row({}), only('review'));
  expectTable(roundLifecycle, 'open_appeals', row({}), only('published'));
  describe('publish with judged criteria unscored', () => expectTable(roundLifecycle, 'publish', row({ unscored: 2 }), { review: ['422 ASSESSMENT.UNSCORED', F, F, F, F, F, F] }));
  describe('freeze after the window', () => expectTable(roundLifecycle, 'freeze', row({ appealDeadline: new Date('2026-04-04') }), only('appeal')));
  describe('freeze on the window’s last day', () => expectTable(roundLifecycle, 'freeze', row({ appealDeadline: new Date('2026-04-05') }), { appeal: ['422 ASSESSMENT.APPEAL_WINDOW_OPEN', F, F, F, F, F, F] }));
  describe('freeze with an appeal pending', () => expectTable(roundLifecycle, 'freeze', row({ pendingAppeals: 1, appealDeadline: new Date('2026-04-01') }), { appeal: ['422 ASSESSMENT.APPEALS_PENDING', F, F, F, F, F, F] }));
  // Writes that do not move the round: who may, and in which states. Units self-assess and appeal their own sheet (checked on the sheet).
  const unitsToo = (okIn: string[], code = '✓') => Object.fromEntries(states.map((s) => [s, okIn.includes(s) ? [code, F, code, code, code, code, code] : [B, F, B, B, B, B, B]]));
  expectTable(roundLifecycle, 'self_assess', row({}), unitsToo(['self_assessment']));
  describe('file_appeal within the window', () => expectTable(roundLifecycle, 'file_appeal', row({ appealDeadline: new Date('2026-04-05') }), unitsToo(['appeal'])));
  describe('file_appeal after the window', () => expectTable(roundLifecycle, 'file_appeal', row({ appealDeadline: new Date('2026-04-04') }), { appeal: unitsToo(['appeal'], '422 ASSESSMENT.APPEAL_WINDOW_CLOSED').appeal }));
  expectTable(roundLifecycle, 'adjust', row({}), Object.fromEntries(states.map((s) => [s, [s === 'review' ? '✓' : B, F, F, F, F, F, F]])));
  expectTable(roundLifecycle, 'correct', row({}), only('frozen'));
  expectTable(roundLifecycle, 'record_outcome', row({}), only('frozen'));
});

describe('assessment appeal lifecycle truth table', () => {
  const criterion = { key: 'quality', name: '工作质量', type: 'judged', rangeMin: 0, rangeMax: 10 };
  const row = (state: string) => ({ id: 'ap1', version: 1, state, status: state, roundState: 'appeal', criterion }) as unknown as AppealRow;
  const D = '409 ASSESSMENT_APPEAL.DECIDED';
  expectTable(appealLifecycle, 'reject', row, { pending: ['✓', F, F, F, F, F, F], accepted: [D, F, F, F, F, F, F], rejected: [D, F, F, F, F, F, F] });
  const office = who(['office_admin'], 'u-office');
  it('accepting needs a score within the criterion’s range, and the round in its appeal window', () => {
    const check = (r: AppealRow, input: unknown) => checkTransition(appealLifecycle, 'accept', office, r, { id: r.id, version: 1, reason: '属实', input }, ctx(office));
    expect(check(row('pending'), { score: 5 })).toBeNull();
    expect(check(row('pending'), { score: 11 })).toMatchObject({ status: 400, field: 'score' });
    expect(check(row('pending'), {})).toMatchObject({ status: 400, field: 'score' });
    expect(check({ ...row('pending'), roundState: 'frozen' }, { score: 5 })).toMatchObject({ status: 409, code: 'ASSESSMENT.BAD_STATE' });
  });
});
