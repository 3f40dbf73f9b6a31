import { Permission } from '../access/permissions.js';
import type { ReportingPeriod } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { isoDay } from '../common/dates.js';
import { defineLifecycle } from '../workflow/lifecycle.js';

export type PeriodRow = ReportingPeriod & { state: ReportingPeriod['status'] };

export const toPeriodView = (p: ReportingPeriod) => ({
  id: p.id,
  planId: p.planId,
  label: p.label,
  cadence: p.cadence,
  startDate: isoDay(p.startDate),
  endDate: isoDay(p.endDate),
  dueDate: isoDay(p.dueDate),
  status: p.status,
  closedAt: p.closedAt?.toISOString() ?? null,
  statusReason: p.statusReason,
  version: p.version,
});

/**
 * A reporting round (调度期): open while units report; the office closes it (units can no longer write)
 * and may open it again with a reason (补报). Opening a round is a creation, see PeriodsService.open.
 */
export const periodLifecycle = defineLifecycle<PeriodRow>({
  name: 'period',
  entityType: 'ReportingPeriod',
  subject: '调度期',
  notFoundCode: 'PERIOD.NOT_FOUND',
  table: 'reporting_periods',
  stateColumn: 'status',
  stateType: '"PeriodStatus"',
  columns: { closed_at: 'timestamptz', status_reason: 'text' },
  states: { open: '进行中', closed: '已结束' },
  transitions: {
    close: {
      event: 'period.closed',
      label: '结束调度',
      from: ['open'],
      to: 'closed',
      permission: Permission.PeriodsManage,
      set: (_row, { reason }, { now }) => ({ closed_at: now, status_reason: reason ?? null }),
    },
    reopen: {
      event: 'period.reopened',
      label: '重新开启调度',
      from: ['closed'],
      to: 'open',
      reason: 'required',
      permission: Permission.PeriodsManage,
      set: (_row, { reason }) => ({ closed_at: null, status_reason: reason }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM reporting_periods WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  // Periods are part of a plan's public structure: every signed-in user reads them.
  load: async (tx: Tx, _p, ids: string[]) => (await tx.reportingPeriod.findMany({ where: { id: { in: ids } } })).map((r) => ({ ...r, state: r.status })),
  view: toPeriodView,
  async record(_tx, changes, t) {
    return {
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'ReportingPeriod',
        entityId: after.id,
        related: { type: 'Plan', id: after.planId },
        after: { planId: after.planId, label: after.label, status: after.status, ...(request.reason ? { reason: request.reason } : {}) },
      })),
      events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'ReportingPeriod', aggregateId: after.id, payload: { planId: after.planId, periodId: after.id } })),
    };
  },
});
