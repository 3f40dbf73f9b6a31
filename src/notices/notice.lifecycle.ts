import { defineAbilityFor, noticeScope } from '../access/abilities.js';
import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { isoDay } from '../common/dates.js';
import type { SupervisionNotice } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle, type Refusal } from '../workflow/lifecycle.js';

export const noticeInclude = { unit: { select: { name: true } }, workItem: { select: { seq: true, itemNo: true, text: true } } } as const;
type NoticeWith = SupervisionNotice & { unit: { name: string }; workItem: { seq: string; itemNo: number; text: string } };
export type NoticeRow = NoticeWith;

export const LEVEL_LABEL = { urge: '催办', supervise: '督办', listed: '挂牌督办' } as const;
export const LEVEL_COLOUR = { urge: 'blue', supervise: 'yellow', listed: 'red' } as const;

export const toNoticeView = (n: NoticeWith) => ({
  id: n.id,
  planId: n.planId,
  number: n.number,
  numberText: n.numberText,
  workItemId: n.workItemId,
  workItem: { seq: n.workItem.seq, itemNo: n.workItem.itemNo, text: n.workItem.text },
  unitId: n.unitId,
  unitName: n.unit.name,
  level: n.level,
  levelLabel: LEVEL_LABEL[n.level],
  colour: LEVEL_COLOUR[n.level],
  state: n.state,
  reason: n.reason,
  requestedAction: n.requestedAction,
  replyDeadline: isoDay(n.replyDeadline),
  issuedAt: n.issuedAt.toISOString(),
  acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
  acknowledgedById: n.acknowledgedById,
  replyText: n.replyText,
  repliedAt: n.repliedAt?.toISOString() ?? null,
  returnReason: n.returnReason,
  closedAt: n.closedAt?.toISOString() ?? null,
  escalations: n.escalations,
  version: n.version,
});

/** Only the addressed unit answers its notice: the office reads it but does not sign for the unit. */
const ownUnit = (p: Principal, row: NoticeRow): Refusal | null =>
  p.unitId === row.unitId ? null : { status: 403, code: 'NOTICE.NOT_ADDRESSEE', message: '只有督办单的受文单位可以签收和答复' };

/** 督办单: issued by the office (NoticesService.issue), acknowledged (签收) and answered by the unit's head, closed or returned by the office. */
export const noticeLifecycle = defineLifecycle<NoticeRow>({
  name: 'notice',
  entityType: 'SupervisionNotice',
  subject: '督办单',
  notFoundCode: 'NOTICE.NOT_FOUND',
  table: 'supervision_notices',
  stateColumn: 'state',
  stateType: '"NoticeState"',
  columns: {
    acknowledged_by_id: 'uuid',
    acknowledged_at: 'timestamptz',
    reply_text: 'text',
    replied_by_id: 'uuid',
    replied_at: 'timestamptz',
    return_reason: 'text',
    closed_by_id: 'uuid',
    closed_at: 'timestamptz',
  },
  touch: ['updated_at'],
  states: { issued: '已下发', acknowledged: '已签收', replied: '已答复', closed: '已办结' },
  transitions: {
    acknowledge: {
      event: 'notice.acknowledged',
      label: '签收',
      from: ['issued'],
      to: 'acknowledged',
      permission: Permission.NoticesRespond,
      actor: ownUnit,
      set: (_row, _r, { now, principal }) => ({ acknowledged_by_id: principal.userId, acknowledged_at: now }),
    },
    reply: {
      event: 'notice.replied',
      label: '答复',
      from: ['acknowledged'],
      to: 'replied',
      permission: Permission.NoticesRespond,
      actor: ownUnit,
      guard: (_row, input: { reply?: string } | undefined) =>
        input?.reply?.trim() ? null : { status: 400, code: 'VALIDATION', message: '答复须填写办理情况', field: 'reply' },
      set: (_row, { input }, { now, principal }) => ({ reply_text: (input as { reply: string }).reply, replied_by_id: principal.userId, replied_at: now }),
    },
    return: {
      event: 'notice.returned',
      label: '退回答复',
      from: ['replied'],
      to: 'acknowledged',
      reason: 'required',
      permission: Permission.NoticesIssue,
      set: (_row, { reason }) => ({ return_reason: reason }),
    },
    close: {
      event: 'notice.closed',
      label: '办结',
      from: ['replied'],
      to: 'closed',
      permission: Permission.NoticesIssue,
      set: (_row, _r, { now, principal }) => ({ closed_by_id: principal.userId, closed_at: now }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM supervision_notices WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  load: async (tx: Tx, p: Principal, ids: string[]) =>
    tx.supervisionNotice.findMany({ where: { AND: [noticeScope(defineAbilityFor(p)), { id: { in: ids } }] }, include: noticeInclude }),
  view: toNoticeView,
  async record(_tx, changes, t) {
    return {
      audit: changes.map(({ before, after, request }) => ({
        action: t.event,
        entityType: 'SupervisionNotice',
        entityId: after.id,
        related: { type: 'WorkItem', id: after.workItemId },
        before: { state: before.state },
        after: { state: after.state, numberText: after.numberText, reason: request.reason ?? null, ...(after.replyText && t.event === 'notice.replied' ? { reply: after.replyText } : {}) },
      })),
      events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'SupervisionNotice', aggregateId: after.id, payload: { workItemId: after.workItemId, unitId: after.unitId, planId: after.planId } })),
    };
  },
});
