import { Injectable } from '@nestjs/common';
import { defineAbilityFor, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { AuditService, diff } from '../audit/audit.service.js';
import { DomainError, notFound, staleVersion } from '../common/domain-error.js';
import { updateAtRowVersion } from '../common/row-version.js';
import type { Plan } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreatePlanDto, PlanDto, PlanNodeDto, UpdatePlanDto } from './dto/plan.dto.js';

type PlanRow = Plan & { implicitUnits: { unitId: string }[]; _count: { workItems: number } };

const include = { implicitUnits: { select: { unitId: true } }, _count: { select: { workItems: true } } } as const;

function toPlanDto(p: PlanRow): PlanDto {
  return {
    id: p.id,
    title: p.title,
    documentNumber: p.documentNumber,
    status: p.status,
    version: p.version,
    visibility: p.visibility,
    horizonStartYear: p.horizonStartYear,
    horizonEndYear: p.horizonEndYear,
    issuingUnitId: p.issuingUnitId,
    jurisdictionId: p.jurisdictionId,
    parentPlanId: p.parentPlanId,
    implicitSupportingUnitIds: p.implicitUnits.map((u) => u.unitId),
    workItemCount: p._count.workItems,
    reportingCadence: p.reportingCadence,
    reportingDueDay: p.reportingDueDay,
    rowVersion: p.rowVersion,
  };
}

@Injectable()
export class PlansService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PlanDto[]> {
    const plans = await this.prisma.plan.findMany({ include, orderBy: { createdAt: 'asc' } });
    return plans.map(toPlanDto);
  }

  async get(id: string): Promise<PlanDto> {
    const plan = await this.prisma.plan.findUnique({ where: { id }, include });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    return toPlanDto(plan);
  }

  async create(dto: CreatePlanDto): Promise<PlanDto> {
    const { implicitSupportingUnitIds, ...fields } = dto;
    await this.assertUnitsExist([dto.jurisdictionId, ...(dto.issuingUnitId ? [dto.issuingUnitId] : []), ...(implicitSupportingUnitIds ?? [])]);
    this.assertHorizon(dto.horizonStartYear, dto.horizonEndYear);
    return this.prisma.$transaction(async (tx) => {
      const plan = toPlanDto(
        await tx.plan.create({ data: { ...fields, implicitUnits: { create: (implicitSupportingUnitIds ?? []).map((unitId) => ({ unitId })) } }, include }),
      );
      await this.audit.record(tx, { action: 'plan.created', entityType: 'Plan', entityId: plan.id, after: plan });
      return plan;
    });
  }

  async update(id: string, dto: UpdatePlanDto): Promise<PlanDto> {
    const current = await this.get(id);
    const { implicitSupportingUnitIds, rowVersion, ...fields } = dto;
    if (rowVersion !== current.rowVersion) throw staleVersion('方案', current.rowVersion, current);
    await this.assertUnitsExist([...(dto.issuingUnitId ? [dto.issuingUnitId] : []), ...(implicitSupportingUnitIds ?? [])]);
    this.assertHorizon(dto.horizonStartYear ?? current.horizonStartYear ?? undefined, dto.horizonEndYear ?? current.horizonEndYear ?? undefined);
    if (dto.parentPlanId === id) throw new DomainError('PLAN.CYCLE', 400, '上级方案不能是本方案', [{ field: 'parentPlanId', message: '会形成循环' }]);
    const plan = await this.prisma.$transaction(async (tx) => {
      await updateAtRowVersion(tx.plan, id, rowVersion, fields, () => staleVersion('方案', current.rowVersion, current));
      if (implicitSupportingUnitIds) {
        await tx.planImplicitUnit.deleteMany({ where: { planId: id } });
        await tx.planImplicitUnit.createMany({ data: implicitSupportingUnitIds.map((unitId) => ({ planId: id, unitId })) });
      }
      const updated = toPlanDto(await tx.plan.findUniqueOrThrow({ where: { id }, include }));
      await this.audit.record(tx, { action: 'plan.updated', entityType: 'Plan', entityId: id, ...diff({ ...current }, { ...updated }) });
      return updated;
    });
    return plan;
  }

  /** Area → measure → work items, in printed order; the items embedded are only those the caller may read. */
  async structure(p: Principal, id: string): Promise<PlanNodeDto[]> {
    await this.get(id);
    const [nodes, items] = await Promise.all([
      this.prisma.planNode.findMany({ where: { planId: id }, orderBy: { position: 'asc' } }),
      this.prisma.workItem.findMany({
        where: { AND: [workItemScope(defineAbilityFor(p)), { planId: id }] },
        orderBy: { sortKey: 'asc' },
        select: { id: true, seq: true, itemNo: true, text: true, nodeId: true },
      }),
    ]);
    const dtos = new Map<string, PlanNodeDto>(nodes.map((n) => [n.id, { id: n.id, level: n.level, label: n.label, title: n.title, children: [], workItems: [] }]));
    const roots: PlanNodeDto[] = [];
    for (const n of nodes) (n.parentId ? dtos.get(n.parentId)!.children : roots).push(dtos.get(n.id)!);
    const loose: PlanNodeDto = { id: '', level: 'area', label: null, title: '（未归类）', children: [], workItems: [] };
    for (const { nodeId, ...item } of items) (nodeId ? dtos.get(nodeId)! : loose).workItems.push(item);
    return loose.workItems.length ? [...roots, loose] : roots;
  }

  private async assertUnitsExist(ids: string[]) {
    const unique = [...new Set(ids)];
    const found = await this.prisma.unit.findMany({ where: { id: { in: unique } }, select: { id: true } });
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw new DomainError('PLAN.UNKNOWN_UNIT', 400, '引用的单位不存在', missing.map((value) => ({ field: 'unitId', message: '单位不存在', value })));
  }

  private assertHorizon(start?: number, end?: number) {
    if (start && end && start > end) throw new DomainError('PLAN.BAD_HORIZON', 400, '规划期起始年份不能晚于结束年份', [{ field: 'horizonEndYear', message: '早于起始年份' }]);
  }
}
