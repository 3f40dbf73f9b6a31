import { canManage } from '../access/abilities.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { fieldOfColumn } from '../common/column-name.js';
import type { ReportState } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle, mergeWritten, type Refusal } from '../workflow/lifecycle.js';
import { loadReports } from './report-load.js';
import { contentOf, toReportView, type ReportRow } from './report-view.js';

export const STATE_NAMES: Record<ReportState, string> = { pending: '待填报', draft: '草稿', submitted: '已报送', returned: '已退回', accepted: '已采纳' };

export interface ReportContent {
  status: string;
  percent: number;
  done: string;
  problems?: string | null;
  nextSteps?: string | null;
}

const OFFICE_ROLES = ['office_admin', 'system_admin'] as const;
const isOffice = (p: Principal) => p.roles.some((r) => (OFFICE_ROLES as readonly string[]).includes(r));

/** Only the unit itself fills in and signs off its reports (the CASL manage rule); units above it read them. */
function ownUnit(p: Principal, row: ReportRow): Refusal | null {
  return canManage(p, 'ProgressReport', row) ? null : { status: 403, code: 'AUTH.FORBIDDEN', message: '只能填报本单位的进展' };
}

/**
 * A report is reviewed by the leading group's office; a supporting unit's contribution by the head of the
 * item's lead unit (who builds the report from it) or by the office.
 */
function reviewer(p: Principal, row: ReportRow): Refusal | null {
  if (isOffice(p)) return null;
  if (row.kind === 'contribution' && p.roles.includes('unit_head') && row.workItem.assignments.some((a) => a.unitId === p.unitId)) return null;
  return {
    status: 403,
    code: 'AUTH.FORBIDDEN',
    message: row.kind === 'report' ? '进展报告由领导小组办公室审核' : '协办情况由牵头单位负责人或领导小组办公室接收',
  };
}

/** What a unit may only do while the period is open and the unit is still on the item. */
function writable(row: ReportRow): Refusal | null {
  if (row.period.status !== 'open') return { status: 409, code: 'PERIOD.CLOSED', message: `「${row.period.label}」调度已结束，不能再填报；如需补报请联系领导小组办公室重新开启`, field: 'periodId' };
  if (row.assignment.endedAt) return { status: 409, code: 'REPORT.ASSIGNMENT_ENDED', message: '本单位已不再承担该事项（任务分工表已更新），此报告仅供查阅', field: 'state' };
  return null;
}

const complete = (row: ReportRow): Refusal | null =>
  row.status === null || row.percent === null || !row.done?.trim()
    ? { status: 422, code: 'REPORT.INCOMPLETE', message: '请先填写进展状态、完成比例和主要工作进展再审核报送', field: 'done' }
    : null;

/** The columns a save writes, from the content sent (absent texts stored as NULL). */
function contentColumns(c: ReportContent) {
  return { status: c.status, percent: c.percent, done: c.done, problems: c.problems ?? null, next_steps: c.nextSteps ?? null };
}

/**
 * The progress report and the contribution: pending → draft (any save) → submitted (the unit head's
 * sign-off) → accepted, or returned with a reason → draft …; accepted is locked until reopened with a reason.
 */
export const reportLifecycle = defineLifecycle<ReportRow>({
  name: 'report',
  entityType: 'ProgressReport',
  subject: '报告',
  notFoundCode: 'REPORT.NOT_FOUND',
  table: 'progress_reports',
  stateColumn: 'state',
  stateType: '"ReportState"',
  touch: ['updated_at'],
  columns: {
    status: '"ProgressStatus"',
    percent: 'int',
    done: 'text',
    problems: 'text',
    next_steps: 'text',
    submitted_at: 'timestamptz',
    first_submitted_at: 'timestamptz',
    accepted_at: 'timestamptz',
    return_reason: 'text',
  },
  states: STATE_NAMES,
  transitions: {
    save: {
      event: 'report.saved',
      label: '修改',
      from: ['pending', 'draft', 'returned'],
      to: 'draft',
      stateCode: 'REPORT.LOCKED',
      permission: Permission.ReportsWrite,
      actor: ownUnit,
      guard: writable,
      set: (_row, { input }) => contentColumns(input as ReportContent),
      // A draft saved again as it stands (the head's 审核报送 of what the unit's reporter saved): every column
      // the save would write already holds its value.
      unchanged: (row, { input }) =>
        row.state === 'draft' && Object.entries(contentColumns(input as ReportContent)).every(([column, value]) => (row as unknown as Record<string, unknown>)[fieldOfColumn(column)] === value),
    },
    signOff: {
      event: 'report.signed_off',
      label: '审核报送',
      // pending too: a report with nothing in it is then refused for what is missing, not for its state.
      from: ['pending', 'draft', 'returned'],
      to: 'submitted',
      permission: Permission.ReportsSignOff,
      actor: ownUnit,
      guard: (row) => writable(row) ?? complete(row),
      set: (row, _req, { now }) => ({ submitted_at: now, first_submitted_at: row.firstSubmittedAt ?? now, return_reason: null }),
    },
    accept: {
      event: 'report.accepted',
      label: '采纳',
      from: ['submitted'],
      to: 'accepted',
      permission: Permission.ReportsReview,
      actor: reviewer,
      set: (_row, _req, { now }) => ({ accepted_at: now }),
    },
    return: {
      event: 'report.returned',
      label: '退回',
      from: ['submitted'],
      to: 'returned',
      reason: 'required',
      permission: Permission.ReportsReview,
      actor: reviewer,
      set: (_row, { reason }) => ({ return_reason: reason }),
    },
    reopen: {
      event: 'report.reopened',
      label: '重新打开',
      from: ['accepted'],
      to: 'returned',
      reason: 'required',
      permission: Permission.ReportsReview,
      actor: reviewer,
      set: (_row, { reason }) => ({ return_reason: `重新打开：${reason}`, accepted_at: null }),
    },
  },
  // The period is read by the guards: a close cannot slip between a unit's check and its write.
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`
      SELECT r.id FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id
      WHERE r.id = ANY(${ids}::uuid[]) ORDER BY r.id FOR UPDATE OF r FOR SHARE OF p`;
  },
  load: loadReports,
  view: toReportView,
  // No relation of the loaded report depends on a column a transition writes.
  merge: mergeWritten,
  async record(tx, changes, t, { principal }) {
    // Raw, like the update: a batch writes 40 revisions, and Prisma's createMany cost more to compile than to run.
    const revisions = changes.map(({ after, request }) => ({
      report_id: after.id,
      version: after.version,
      state: after.state,
      content: contentOf(after),
      reason: request.reason ?? null,
    }));
    await tx.$executeRaw`
      INSERT INTO report_revisions (id, report_id, version, action, state, content, reason, actor_id, created_at)
      SELECT gen_random_uuid(), x.report_id, x.version, ${t.event}, x.state::"ReportState", x.content, x.reason, ${principal.userId}::uuid, ${new Date().toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(revisions)}::jsonb) AS x(report_id uuid, version int, state text, content jsonb, reason text)`;
    return {
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'ProgressReport',
        entityId: after.id,
        related: { type: 'WorkItem', id: after.workItemId },
        after: { version: after.version, state: after.state, ...contentOf(after), ...(request.reason ? { reason: request.reason } : {}) },
      })),
      events: changes.map(({ before, after }) => ({
        type: t.event,
        aggregateType: 'ProgressReport',
        aggregateId: after.id,
        payload: { workItemId: after.workItemId, unitId: after.unitId, periodId: after.periodId, kind: after.kind, from: before.state, to: after.state },
      })),
    };
  },
});
