import { Permission } from '../access/permissions.js';
import type { AssessmentAppeal } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle, type Refusal } from '../workflow/lifecycle.js';
import { recomputeRound } from './results.js';
import type { SchemeDefinition } from './scheme-rules.js';

type Criterion = SchemeDefinition['criteria'][number];
export type AppealRow = AssessmentAppeal & { state: AssessmentAppeal['status']; roundId: string; roundState: string; unitId: string; unitName: string; criterion: Criterion };

/** What an accepted appeal sets: a score (computed and judged criteria) or whether a veto holds. */
export interface AppealDecision {
  score?: number;
  triggered?: boolean;
}

export const toAppealView = (a: AppealRow) => ({
  id: a.id,
  roundId: a.roundId,
  unitId: a.unitId,
  unitName: a.unitName,
  criterionKey: a.criterionKey,
  criterionName: a.criterion.name,
  reason: a.reason,
  status: a.status,
  decisionReason: a.decisionReason,
  decidedScore: a.decidedScore,
  decidedAt: a.decidedAt?.toISOString() ?? null,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
});

/** The value an adjustment may take for a criterion: a judged score stays within its range. */
export function adjustmentRefusal(c: Criterion, d: AppealDecision | undefined, prefix = ''): Refusal | null {
  if (c.type === 'veto') {
    return typeof d?.triggered === 'boolean' ? null : { status: 400, code: 'VALIDATION', message: `「${c.name}」是否决项，须给出 triggered（是否触发）`, field: `${prefix}triggered` };
  }
  if (typeof d?.score !== 'number') return { status: 400, code: 'VALIDATION', message: `须给出「${c.name}」调整后的分数 score`, field: `${prefix}score` };
  if (c.type === 'judged' && (d.score < c.rangeMin! || d.score > c.rangeMax!)) {
    return { status: 400, code: 'VALIDATION', message: `「${c.name}」的分数须在 ${c.rangeMin} 至 ${c.rangeMax} 之间`, field: `${prefix}score` };
  }
  return null;
}

const notInAppeal = (row: AppealRow): Refusal | null =>
  row.roundState === 'appeal' ? null : { status: 409, code: 'ASSESSMENT.BAD_STATE', message: '考核不在申诉期，不能处理申诉', field: 'state' };

/** 申诉: filed by the unit within the window, decided once by the office with a reason. */
export const appealLifecycle = defineLifecycle<AppealRow>({
  name: 'assessment_appeal',
  entityType: 'AssessmentAppeal',
  subject: '申诉',
  notFoundCode: 'ASSESSMENT_APPEAL.NOT_FOUND',
  table: 'assessment_appeals',
  stateColumn: 'status',
  stateType: '"AssessmentAppealStatus"',
  columns: { decided_by_id: 'uuid', decided_at: 'timestamptz', decision_reason: 'text', decided_score: 'float8' },
  states: { pending: '待处理', accepted: '已采纳', rejected: '已驳回' },
  transitions: {
    accept: {
      event: 'assessment.appeal_accepted',
      label: '采纳申诉',
      from: ['pending'],
      to: 'accepted',
      reason: 'required',
      stateCode: 'ASSESSMENT_APPEAL.DECIDED',
      permission: Permission.AssessmentManage,
      guard: (row, input: AppealDecision | undefined) => notInAppeal(row) ?? adjustmentRefusal(row.criterion, input),
      set: (_row, { reason, input }, { now, principal }) => ({
        decided_by_id: principal.userId,
        decided_at: now,
        decision_reason: reason,
        decided_score: (input as AppealDecision).score ?? ((input as AppealDecision).triggered ? 1 : 0),
      }),
    },
    reject: {
      event: 'assessment.appeal_rejected',
      label: '驳回申诉',
      from: ['pending'],
      to: 'rejected',
      reason: 'required',
      stateCode: 'ASSESSMENT_APPEAL.DECIDED',
      permission: Permission.AssessmentManage,
      guard: notInAppeal,
      set: (_row, { reason }, { now, principal }) => ({ decided_by_id: principal.userId, decided_at: now, decision_reason: reason, decided_score: null }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT id FROM assessment_appeals WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  },
  load: (tx: Tx, _p, ids: string[]) => loadAppeals(tx, { id: { in: ids } }),
  view: toAppealView,
  async record(tx, changes, t, { principal }) {
    for (const { after, request } of changes) {
      if (after.status !== 'accepted') continue;
      // An accepted appeal is an adjustment by the office, with the decision as its reason.
      const d = request.input as AppealDecision;
      await tx.assessmentScore.update({
        where: { sheetId_criterionKey: { sheetId: after.sheetId, criterionKey: after.criterionKey } },
        data: { ...(after.criterion.type === 'veto' ? { adjustedVeto: d.triggered } : { adjustedScore: d.score }), adjustReason: `申诉采纳：${request.reason}`, adjustedById: principal.userId },
      });
    }
    for (const roundId of new Set(changes.map((c) => c.after.roundId))) await recomputeRound(tx, roundId);
    return {
      audit: changes.map(({ after, request }) => ({
        action: t.event,
        entityType: 'AssessmentAppeal',
        entityId: after.id,
        related: { type: 'AssessmentRound', id: after.roundId },
        after: { unitId: after.unitId, criterionKey: after.criterionKey, reason: request.reason, decision: request.input ?? null },
      })),
      events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'AssessmentAppeal', aggregateId: after.id, payload: { roundId: after.roundId, unitId: after.unitId } })),
    };
  },
});

export async function loadAppeals(tx: Tx, where: object): Promise<AppealRow[]> {
  const rows = await tx.assessmentAppeal.findMany({
    where,
    include: { sheet: { select: { roundId: true, unitId: true, unit: { select: { name: true } }, round: { select: { state: true, definition: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(({ sheet, ...a }) => ({
    ...a,
    state: a.status,
    roundId: sheet.roundId,
    roundState: sheet.round.state,
    unitId: sheet.unitId,
    unitName: sheet.unit.name,
    criterion: (sheet.round.definition as unknown as SchemeDefinition).criteria.find((c) => c.key === a.criterionKey)!,
  }));
}
