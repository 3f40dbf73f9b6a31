import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { ReviewDecisionDto } from './dto/plan-review.dto.js';
import { planReviewLifecycle, reviewInclude, toReviewView } from './plan-review.lifecycle.js';

@Injectable()
export class PlanReviewsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  /** The plan's review; a plan never submitted is a draft at version 1 (the row is made on first submission). */
  async get(p: Principal, planId: string) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId }, include: { jurisdiction: { select: { name: true } }, review: true } });
    if (!plan || (!p.planWide && !p.scopeUnitIds.includes(plan.jurisdictionId))) throw notFound('方案', 'PLAN.NOT_FOUND');
    const r = plan.review ?? { planId, state: 'draft', remarks: null, submittedAt: null, decidedAt: null, version: 1 };
    return toReviewView({ ...r, plan });
  }

  async decide(p: Principal, planId: string, transition: 'submit' | 'return' | 'approve', dto: ReviewDecisionDto) {
    const [row] = await this.workflow.transaction(async (w) => {
      if (!(await w.tx.plan.findUnique({ where: { id: planId } }))) throw notFound('方案', 'PLAN.NOT_FOUND');
      const review = await w.tx.planReview.upsert({ where: { planId }, create: { planId }, update: {} });
      return w.apply(planReviewLifecycle, transition, p, [{ id: review.id, version: dto.version, reason: dto.reason }]);
    });
    return toReviewView(await this.prisma.planReview.findUniqueOrThrow({ where: { id: row.id }, include: reviewInclude }));
  }

  /** For the office: every county (and park) under the plan's jurisdiction, its own plan and where its review stands. */
  async children(p: Principal, planId: string) {
    if (!p.planWide) throw new DomainError('AUTH.FORBIDDEN', 403, '下级方案审核情况仅供领导小组及其办公室查阅');
    const plan = await this.prisma.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    const units = await this.prisma.unit.findMany({ where: { parentId: plan.jurisdictionId, kind: { in: ['county', 'park'] } }, orderBy: { name: 'asc' } });
    const childPlans = await this.prisma.plan.findMany({ where: { parentPlanId: planId }, include: { review: true }, orderBy: { createdAt: 'asc' } });
    return units.map((u) => {
      const child = childPlans.find((c) => c.jurisdictionId === u.id);
      return { unitId: u.id, unitName: u.name, planId: child?.id ?? null, planTitle: child?.title ?? null, state: child ? (child.review?.state ?? 'draft') : 'no_plan' };
    });
  }
}
