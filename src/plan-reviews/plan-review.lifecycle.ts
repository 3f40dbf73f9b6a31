import { Permission } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { defineLifecycle, type Refusal } from '../workflow/lifecycle.js';

export const reviewInclude = { plan: { select: { id: true, title: true, status: true, jurisdictionId: true, parentPlanId: true, jurisdiction: { select: { name: true } } } } } satisfies Prisma.PlanReviewInclude;
export type PlanReviewRow = Prisma.PlanReviewGetPayload<{ include: typeof reviewInclude }>;

/** Who reads a plan's review: plan-wide readers, and the jurisdiction the plan is for (and units above it). */
export const reviewScope = (p: Principal): Prisma.PlanReviewWhereInput => (p.planWide ? {} : { plan: { jurisdictionId: { in: p.scopeUnitIds } } });

export const toReviewView = (r: { planId: string; state: string; remarks: string | null; submittedAt: Date | null; decidedAt: Date | null; version: number; plan: { title: string; status: string; jurisdiction: { name: string } } }) => ({
  planId: r.planId,
  planTitle: r.plan.title,
  planStatus: r.plan.status,
  jurisdiction: r.plan.jurisdiction.name,
  state: r.state,
  remarks: r.remarks,
  submittedAt: r.submittedAt?.toISOString() ?? null,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  version: r.version,
});

/** The county submits its own plan: the head of the jurisdiction the plan is for. */
function ownPlan(p: Principal, row: PlanReviewRow): Refusal | null {
  return p.unitId === row.plan.jurisdictionId ? null : { status: 403, code: 'AUTH.FORBIDDEN', message: '只有方案所属地区的负责人可以报送审核' };
}

const hasParent = (row: PlanReviewRow): Refusal | null =>
  row.plan.parentPlanId ? null : { status: 422, code: 'PLAN_REVIEW.NO_PARENT', message: '该方案没有上级方案，无需报送审核', field: 'planId' };

/** 审核: draft → submitted (the county head) → approved (the office; the plan is issued) or returned with remarks → submitted … */
export const planReviewLifecycle = defineLifecycle<PlanReviewRow>({
  name: 'plan_review',
  entityType: 'PlanReview',
  subject: '方案审核',
  notFoundCode: 'PLAN_REVIEW.NOT_FOUND',
  table: 'plan_reviews',
  stateColumn: 'state',
  stateType: '"PlanReviewState"',
  touch: ['updated_at'],
  columns: { submitted_by_id: 'uuid', submitted_at: 'timestamptz', remarks: 'text', decided_at: 'timestamptz' },
  states: { draft: '未报送', submitted: '待审核', returned: '已退回', approved: '已批准' },
  transitions: {
    submit: {
      event: 'plan_review.submitted',
      label: '报送审核',
      from: ['draft', 'returned'],
      to: 'submitted',
      permission: Permission.ReportsSignOff,
      actor: ownPlan,
      guard: hasParent,
      set: (row, _req, { now, principal }) => ({ submitted_by_id: principal.userId, submitted_at: now, remarks: row.remarks, decided_at: null }),
    },
    return: {
      event: 'plan_review.returned',
      label: '退回修改',
      from: ['submitted'],
      to: 'returned',
      reason: 'required',
      permission: Permission.PlansWrite,
      set: (row, { reason }, { now }) => ({ submitted_by_id: row.submittedById, submitted_at: row.submittedAt, remarks: reason, decided_at: now }),
    },
    approve: {
      event: 'plan_review.approved',
      label: '批准',
      from: ['submitted'],
      to: 'approved',
      permission: Permission.PlansWrite,
      set: (row, { reason }, { now }) => ({ submitted_by_id: row.submittedById, submitted_at: row.submittedAt, remarks: reason ?? null, decided_at: now }),
    },
  },
  async lock(tx: Tx, ids: string[]) {
    await tx.$queryRaw`SELECT r.id FROM plan_reviews r JOIN plans p ON p.id = r.plan_id WHERE r.id = ANY(${ids}::uuid[]) ORDER BY r.id FOR UPDATE`;
  },
  load: (tx: Tx, p: Principal, ids: string[]) => tx.planReview.findMany({ where: { AND: [reviewScope(p), { id: { in: ids } }] }, include: reviewInclude }),
  view: toReviewView,
  async record(tx, changes, t) {
    const audit = [];
    for (const { after, request } of changes) {
      // Approval issues the plan: its status follows the review in the same transaction.
      if (after.state === 'approved' && after.plan.status !== 'issued') {
        await tx.plan.update({ where: { id: after.planId }, data: { status: 'issued', rowVersion: { increment: 1 } } });
        audit.push({ action: 'plan.issued', entityType: 'Plan', entityId: after.planId, before: { status: after.plan.status }, after: { status: 'issued' } });
      }
      audit.push({ action: t.event, entityType: 'Plan', entityId: after.planId, after: { review: after.state, version: after.version, ...(request.reason ? { reason: request.reason } : {}) } });
    }
    return {
      audit,
      events: changes.map(({ after }) => ({ type: t.event, aggregateType: 'Plan', aggregateId: after.planId, payload: { state: after.state } })),
    };
  },
});
