import { defineAbilityFor, proposalScope } from '../access/abilities.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { AssignmentProposal, Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle } from '../workflow/lifecycle.js';

export const proposalInclude = {
  assignment: { select: { id: true, role: true, unitId: true, workItemId: true, endedAt: true, unit: { select: { name: true } }, workItem: { select: { planId: true, seq: true, itemNo: true, text: true } } } },
} satisfies Prisma.AssignmentProposalInclude;

export type ProposalRow = AssignmentProposal & Prisma.AssignmentProposalGetPayload<{ include: typeof proposalInclude }> & { state: AssignmentProposal['status'] };

export const KIND_NAMES = { remove: '建议删除', to_supporting: '建议改为配合单位', to_lead: '建议改为牵头单位', transfer: '建议移交', comment: '审阅意见' } as const;

export const toProposalView = (p: ProposalRow) => ({
  id: p.id,
  planId: p.assignment.workItem.planId,
  workItemId: p.assignment.workItemId,
  workItem: { seq: p.assignment.workItem.seq, itemNo: p.assignment.workItem.itemNo, text: p.assignment.workItem.text },
  unitId: p.assignment.unitId,
  unitName: p.assignment.unit.name,
  role: p.assignment.role,
  kind: p.kind,
  kindName: KIND_NAMES[p.kind],
  remark: p.remark,
  transferTo: p.transferTo,
  status: p.status,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  decisionReason: p.decisionReason,
  version: p.version,
  createdAt: p.createdAt.toISOString(),
});

/**
 * A reviewer's remark in a draft (「科技局建议删除」): open until the office accepts it (the assignment changes:
 * ended, or its role changed) or rejects it (nothing changes; the remark stays on record).
 */
export const proposalLifecycle = defineLifecycle<ProposalRow>({
  name: 'proposal',
  entityType: 'AssignmentProposal',
  subject: '分工修改意见',
  notFoundCode: 'PROPOSAL.NOT_FOUND',
  table: 'assignment_proposals',
  stateColumn: 'status',
  stateType: '"ProposalStatus"',
  columns: { decided_by_id: 'uuid', decided_at: 'timestamptz', decision_reason: 'text' },
  states: { open: '待处理', accepted: '已采纳', rejected: '未采纳' },
  transitions: {
    accept: {
      event: 'proposal.accepted',
      label: '采纳',
      from: ['open'],
      to: 'accepted',
      permission: Permission.ImportsWrite,
      guard: (row) => (row.assignment.endedAt ? { status: 409, code: 'PROPOSAL.ASSIGNMENT_ENDED', message: '该单位已不再承担此事项，意见无需处理' } : null),
      set: (_row, { reason }, { now, principal }) => ({ decided_by_id: principal.userId, decided_at: now, decision_reason: reason ?? null }),
    },
    reject: {
      event: 'proposal.rejected',
      label: '不采纳',
      from: ['open'],
      to: 'rejected',
      reason: 'required',
      permission: Permission.ImportsWrite,
      set: (_row, { reason }, { now, principal }) => ({ decided_by_id: principal.userId, decided_at: now, decision_reason: reason }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT p.id FROM assignment_proposals p JOIN assignments a ON a.id = p.assignment_id WHERE p.id = ANY(${ids}::uuid[]) ORDER BY p.id FOR UPDATE OF p, a`;
  },
  load: async (tx: Tx, p: Principal, ids: string[]) =>
    (await tx.assignmentProposal.findMany({ where: { AND: [proposalScope(defineAbilityFor(p)), { id: { in: ids } }] }, include: proposalInclude })).map((r) => ({ ...r, state: r.status })),
  view: toProposalView,
  async record(tx, changes, t, { now }) {
    const events = [];
    for (const { after } of changes) {
      if (t.event !== 'proposal.accepted') continue;
      const a = after.assignment;
      if (after.kind === 'remove' || after.kind === 'transfer') {
        await tx.assignment.update({ where: { id: a.id }, data: { endedAt: now } });
      } else if (after.kind === 'to_supporting' || after.kind === 'to_lead') {
        const role = after.kind === 'to_lead' ? 'lead' : 'supporting';
        await tx.assignment.update({ where: { id: a.id }, data: { role, principal: false } });
        // What the unit owes in open rounds follows its role, as long as it has not started writing.
        await tx.progressReport.updateMany({ where: { assignmentId: a.id, state: 'pending', period: { status: 'open' } }, data: { kind: role === 'lead' ? 'report' : 'contribution' } });
      }
      events.push({ type: 'work_items.changed', aggregateType: 'AssignmentProposal', aggregateId: after.id, payload: { workItemIds: [a.workItemId] } });
    }
    return {
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'AssignmentProposal',
        entityId: after.id,
        related: { type: 'WorkItem', id: after.assignment.workItemId },
        after: { unitId: after.assignment.unitId, kind: after.kind, remark: after.remark, status: after.status, reason: request.reason ?? null },
      })),
      events,
    };
  },
});
