import { annualReportScope, canManage, defineAbilityFor } from '../access/abilities.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle, type Refusal } from '../workflow/lifecycle.js';
import { annualContentOf, annualReportInclude, STATE_NAMES, toAnnualReportView, type AnnualReportRow } from './annual-report-view.js';
import type { AnnualItem } from './prefill.js';

/** What a unit may change in its annual report: the free sections, and its own wording per item. */
export interface AnnualContent {
  achievements?: string;
  problems?: string;
  nextYearPlans?: string;
  items?: { workItemId: string; status?: string; percent?: number; done?: string; problems?: string; nextSteps?: string }[];
}

function ownUnit(p: Principal, row: AnnualReportRow): Refusal | null {
  return canManage(p, 'AnnualReport', row) ? null : { status: 403, code: 'AUTH.FORBIDDEN', message: '只能填报本单位的年度报告' };
}

const notDropped = (row: AnnualReportRow): Refusal | null =>
  row.droppedAt ? { status: 409, code: 'ANNUAL_REPORT.DROPPED', message: `本单位已不在本年度报告范围内（${row.dropReason ?? ''}），此报告仅供查阅`, field: 'state' } : null;

function itemsKnown(row: AnnualReportRow, input: AnnualContent | undefined): Refusal | null {
  const known = new Set((row.items as unknown as AnnualItem[]).map((i) => i.workItemId));
  const index = (input?.items ?? []).findIndex((i) => !known.has(i.workItemId));
  return index < 0 ? null : { status: 400, code: 'VALIDATION', message: '该工作事项不在本单位的年度报告中（本单位不是其牵头单位）', field: `items[${index}].workItemId` };
}

const complete = (row: AnnualReportRow): Refusal | null => {
  const missing = (['achievements', 'problems', 'nextYearPlans'] as const).find((k) => !row[k]?.trim());
  const names = { achievements: '主要成效', problems: '存在问题', nextYearPlans: '下一年工作打算' };
  return missing ? { status: 422, code: 'ANNUAL_REPORT.INCOMPLETE', message: `请先填写「${names[missing]}」再审核报送`, field: missing } : null;
};

function merged(row: AnnualReportRow, input: AnnualContent) {
  const edits = new Map((input.items ?? []).map((e) => [e.workItemId, e]));
  const items = (row.items as unknown as AnnualItem[]).map((i) => {
    const e = edits.get(i.workItemId);
    if (!e) return i;
    return {
      ...i,
      status: e.status ?? i.status,
      percent: e.percent ?? i.percent,
      done: e.done ?? i.done,
      problems: e.problems ?? i.problems,
      nextSteps: e.nextSteps ?? i.nextSteps,
    };
  });
  return {
    items,
    achievements: input.achievements ?? row.achievements,
    problems: input.problems ?? row.problems,
    next_year_plans: input.nextYearPlans ?? row.nextYearPlans,
  };
}

/**
 * The annual report: draft (prefilled) → submitted (the unit head's sign-off) → accepted by the office,
 * or returned with a reason → draft …; accepted is locked until the office reopens it with a reason.
 */
export const annualReportLifecycle = defineLifecycle<AnnualReportRow>({
  name: 'annual_report',
  entityType: 'AnnualReport',
  subject: '年度报告',
  notFoundCode: 'ANNUAL_REPORT.NOT_FOUND',
  table: 'annual_reports',
  stateColumn: 'state',
  stateType: '"AnnualReportState"',
  touch: ['updated_at'],
  columns: {
    items: 'jsonb',
    achievements: 'text',
    problems: 'text',
    next_year_plans: 'text',
    submitted_at: 'timestamptz',
    first_submitted_at: 'timestamptz',
    accepted_at: 'timestamptz',
    return_reason: 'text',
  },
  states: STATE_NAMES,
  transitions: {
    save: {
      event: 'annual_report.saved',
      label: '修改',
      from: ['draft', 'returned'],
      to: 'draft',
      stateCode: 'ANNUAL_REPORT.LOCKED',
      permission: Permission.ReportsWrite,
      actor: ownUnit,
      guard: (row, input: AnnualContent | undefined) => notDropped(row) ?? itemsKnown(row, input),
      set: (row, { input }) => merged(row, (input ?? {}) as AnnualContent),
    },
    signOff: {
      event: 'annual_report.signed_off',
      label: '审核报送',
      from: ['draft', 'returned'],
      to: 'submitted',
      permission: Permission.ReportsSignOff,
      actor: ownUnit,
      guard: (row) => notDropped(row) ?? complete(row),
      set: (row, _req, { now }) => ({ submitted_at: now, first_submitted_at: row.firstSubmittedAt ?? now, return_reason: null }),
    },
    accept: {
      event: 'annual_report.accepted',
      label: '采纳',
      from: ['submitted'],
      to: 'accepted',
      permission: Permission.YearEndManage,
      guard: notDropped,
      set: (_row, _req, { now }) => ({ accepted_at: now }),
    },
    return: {
      event: 'annual_report.returned',
      label: '退回',
      from: ['submitted'],
      to: 'returned',
      reason: 'required',
      permission: Permission.YearEndManage,
      set: (_row, { reason }) => ({ return_reason: reason }),
    },
    reopen: {
      event: 'annual_report.reopened',
      label: '重新打开',
      from: ['accepted'],
      to: 'returned',
      reason: 'required',
      permission: Permission.YearEndManage,
      set: (_row, { reason }) => ({ return_reason: `重新打开：${reason}`, accepted_at: null }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM annual_reports WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  load: (tx: Tx, p: Principal, ids: string[]) =>
    tx.annualReport.findMany({ where: { AND: [annualReportScope(defineAbilityFor(p)), { id: { in: ids } }] }, include: annualReportInclude }),
  view: toAnnualReportView,
  async record(tx, changes, t, { principal }) {
    // Each version keeps the unit's actuals as they stood, so an accepted report shows the figures it was accepted with.
    const actuals = await tx.indicatorActual.findMany({
      where: { OR: changes.map(({ after }) => ({ unitId: after.unitId, year: after.cycle.year, indicator: { planId: after.cycle.planId } })) },
      include: { indicator: { select: { name: true, unit: true } } },
      omit: { evidenceContent: true },
      orderBy: { indicator: { name: 'asc' } },
    });
    const actualsOf = (r: AnnualReportRow) =>
      actuals
        .filter((a) => a.unitId === r.unitId && a.year === r.cycle.year)
        .map((a) => ({ indicatorName: a.indicator.name, unit: a.indicator.unit, value: Number(a.value), source: a.source, verification: a.verification }));
    await tx.annualReportRevision.createMany({
      data: changes.map(({ after, request }) => ({
        reportId: after.id,
        version: after.version,
        action: t.event,
        state: after.state,
        content: { ...annualContentOf(after), actuals: actualsOf(after) } as unknown as Prisma.InputJsonValue,
        reason: request.reason,
        actorId: principal.userId,
      })),
    });
    return {
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'AnnualReport',
        entityId: after.id,
        after: { version: after.version, state: after.state, achievements: after.achievements, problems: after.problems, nextYearPlans: after.nextYearPlans, ...(request.reason ? { reason: request.reason } : {}) },
      })),
      events: changes.map(({ before, after }) => ({
        type: t.event,
        aggregateType: 'AnnualReport',
        aggregateId: after.id,
        payload: { cycleId: after.cycleId, unitId: after.unitId, from: before.state, to: after.state },
      })),
    };
  },
});
