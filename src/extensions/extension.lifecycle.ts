import { defineAbilityFor, extensionScope } from '../access/abilities.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { isoDay } from '../common/dates.js';
import type { ExtensionRequest } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle } from '../workflow/lifecycle.js';

export const extensionInclude = { unit: { select: { name: true } }, workItem: { select: { seq: true, itemNo: true, text: true } } } as const;
type ExtensionWith = ExtensionRequest & { unit: { name: string }; workItem: { seq: string; itemNo: number; text: string } };
export type ExtensionRow = ExtensionWith & { state: ExtensionRequest['status'] };

export const toExtensionView = (e: ExtensionWith) => ({
  id: e.id,
  workItemId: e.workItemId,
  workItem: { seq: e.workItem.seq, itemNo: e.workItem.itemNo, text: e.workItem.text },
  unitId: e.unitId,
  unitName: e.unit.name,
  reason: e.reason,
  originalDate: isoDay(e.originalDate),
  requestedDate: isoDay(e.requestedDate),
  status: e.status,
  decidedAt: e.decidedAt?.toISOString() ?? null,
  decisionReason: e.decisionReason,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
});

/** 延期申请: filed by the lead unit (see ExtensionsService.request), decided once by the office. */
export const extensionLifecycle = defineLifecycle<ExtensionRow>({
  name: 'extension',
  entityType: 'ExtensionRequest',
  subject: '延期申请',
  notFoundCode: 'EXTENSION.NOT_FOUND',
  table: 'extension_requests',
  stateColumn: 'status',
  stateType: '"ExtensionStatus"',
  columns: { decided_by_id: 'uuid', decided_at: 'timestamptz', decision_reason: 'text' },
  states: { pending: '待审批', approved: '已批准', rejected: '已驳回' },
  transitions: {
    approve: {
      event: 'extension.approved',
      label: '批准',
      from: ['pending'],
      to: 'approved',
      stateCode: 'EXTENSION.DECIDED',
      permission: Permission.ExtensionsDecide,
      set: (_row, { reason }, { now, principal }) => ({ decided_by_id: principal.userId, decided_at: now, decision_reason: reason ?? null }),
    },
    reject: {
      event: 'extension.rejected',
      label: '驳回',
      from: ['pending'],
      to: 'rejected',
      stateCode: 'EXTENSION.DECIDED',
      reason: 'required',
      permission: Permission.ExtensionsDecide,
      set: (_row, { reason }, { now, principal }) => ({ decided_by_id: principal.userId, decided_at: now, decision_reason: reason }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM extension_requests WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  load: async (tx: Tx, p: Principal, ids: string[]) =>
    (
      await tx.extensionRequest.findMany({ where: { AND: [extensionScope(defineAbilityFor(p)), { id: { in: ids } }] }, include: extensionInclude })
    ).map((e) => ({ ...e, state: e.status })),
  view: toExtensionView,
  async record(_tx, changes, t) {
    return {
      // Recorded on the request itself: its history is visible to whoever may see the request, not the item.
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'ExtensionRequest',
        entityId: after.id,
        related: { type: 'WorkItem', id: after.workItemId },
        after: { workItemId: after.workItemId, requestedDate: isoDay(after.requestedDate), reason: request.reason ?? null },
      })),
      events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'ExtensionRequest', aggregateId: after.id, payload: { workItemId: after.workItemId, unitId: after.unitId } })),
    };
  },
});
