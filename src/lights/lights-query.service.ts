import { Injectable } from '@nestjs/common';
import { defineAbilityFor, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { LightRulesDto } from './dto/light-rules.dto.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { LightsService, planRules } from './lights.service.js';

@Injectable()
export class LightsQueryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly lights: LightsService,
    private readonly workflow: WorkflowService,
  ) {}

  /** "Why is this red?": the current light of the item and of each unit on it, and every change with its reasons. */
  async forItem(p: Principal, id: string) {
    const item = await this.prisma.workItem.findFirst({ where: { AND: [workItemScope(defineAbilityFor(p)), { id }] }, select: { id: true } });
    if (!item) throw notFound('工作事项', 'WORK_ITEM.NOT_FOUND');
    const [states, changes, assignments] = await Promise.all([
      this.prisma.lightState.findMany({ where: { workItemId: id } }),
      this.prisma.lightChange.findMany({ where: { workItemId: id }, orderBy: { changedAt: 'asc' } }),
      this.prisma.assignment.findMany({ where: { workItemId: id }, select: { id: true, role: true, unit: { select: { id: true, name: true } } } }),
    ]);
    const unitOf = new Map(assignments.map((a) => [a.id, { unitId: a.unit.id, unitName: a.unit.name, role: a.role }]));
    const item0 = states.find((s) => s.assignmentKey === '');
    return {
      workItemId: id,
      light: item0?.light ?? null,
      reasons: item0?.reasons ?? [],
      computedAt: item0?.computedAt.toISOString() ?? null,
      units: states.filter((s) => s.assignmentKey !== '').map((s) => ({ ...unitOf.get(s.assignmentKey), light: s.light, reasons: s.reasons })),
      history: changes.map((c) => ({ ...(c.assignmentKey ? unitOf.get(c.assignmentKey) : { unitId: null }), from: c.fromLight, to: c.toLight, reasons: c.reasons, at: c.changedAt.toISOString() })),
    };
  }

  async rules(planId: string) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId }, select: { lightRules: true } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    return planRules(plan.lightRules);
  }

  async setRules(planId: string, dto: LightRulesDto) {
    if (dto.behindRed < dto.behindYellow) throw new DomainError('LIGHTS.BAD_RULES', 400, '红灯阈值不能小于黄灯阈值', [{ field: 'behindRed', message: '小于 behindYellow' }]);
    if (dto.missingRed < dto.missingYellow) throw new DomainError('LIGHTS.BAD_RULES', 400, '红灯阈值不能小于黄灯阈值', [{ field: 'missingRed', message: '小于 missingYellow' }]);
    const before = await this.rules(planId);
    const rules = { ...dto };
    await this.workflow.transaction(async (w) => {
      await w.tx.plan.update({ where: { id: planId }, data: { lightRules: rules as unknown as Prisma.InputJsonValue } });
      await w.audit([{ action: 'plan.light_rules_set', entityType: 'Plan', entityId: planId, before, after: rules }]);
      await w.announce([{ type: 'plan.light_rules_set', aggregateType: 'Plan', aggregateId: planId, payload: { planId } }]);
    });
    return rules;
  }

  async recompute(planId: string) {
    await this.rules(planId);
    return this.lights.recomputePlan(planId);
  }
}
