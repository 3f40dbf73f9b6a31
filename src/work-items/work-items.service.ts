import { Injectable } from '@nestjs/common';
import { defineAbilityFor, workItemScope } from '../auth/abilities.js';
import type { Principal } from '../auth/principal.js';
import { notFound } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ListWorkItemsQuery, WorkItemDto } from './dto/work-item.dto.js';

const include = {
  node: true,
  area: true,
  assignments: { include: { unit: { select: { name: true } }, viaUnit: { select: { name: true } } }, orderBy: { position: 'asc' } },
  targets: { orderBy: { position: 'asc' } },
  deadlines: true,
  lights: { where: { assignmentKey: '' }, select: { light: true, reasons: true } },
  extensions: { where: { status: 'approved' }, orderBy: { decidedAt: 'desc' }, take: 1, select: { requestedDate: true } },
} satisfies Prisma.WorkItemInclude;

type Row = Prisma.WorkItemGetPayload<{ include: typeof include }>;

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function toWorkItemDto(w: Row): WorkItemDto {
  return {
    id: w.id,
    planId: w.planId,
    seq: w.seq,
    itemNo: w.itemNo,
    area: w.area ? { id: w.area.id, label: w.area.label, title: w.area.title } : null,
    measure: w.node && w.node.level === 'measure' ? { id: w.node.id, title: w.node.title } : null,
    text: w.text,
    unassigned: w.unassigned,
    assignments: w.assignments.map((a) => ({
      unitId: a.unitId,
      unitName: a.unit.name,
      role: a.role,
      principal: a.principal,
      source: a.source,
      viaUnitName: a.viaUnit?.name ?? null,
      cellText: a.cellText,
    })),
    targets: w.targets.map((t) => ({
      year: t.year,
      comparator: t.comparator,
      value: t.value === null ? null : Number(t.value),
      unit: t.unit,
      baselineYear: t.baselineYear,
      firmness: t.firmness,
      text: t.text,
    })),
    light: w.lights[0]?.light ?? null,
    lightReasons: (w.lights[0]?.reasons as unknown[] | undefined) ?? [],
    extendedTo: isoDate(w.extensions[0]?.requestedDate ?? null),
    deadlines: w.deadlines.map((d) => ({ kind: d.kind, date: isoDate(d.date), periodStart: isoDate(d.periodStart), before: d.before, basis: d.basis, text: d.text })),
  };
}

@Injectable()
export class WorkItemsService {
  constructor(private readonly prisma: PrismaService) {}

  /** Only what the caller may see: the scope is the first condition of every read. */
  async list(principal: Principal, query: ListWorkItemsQuery): Promise<Page<WorkItemDto>> {
    const filters: Prisma.WorkItemWhereInput = {
      ...(query.planId ? { planId: query.planId } : {}),
      ...(query.areaId ? { areaId: query.areaId } : {}),
      ...(query.unitId ? { assignments: { some: { unitId: query.unitId, ...(query.role ? { role: query.role } : {}) } } } : {}),
      ...(query.deadlineYear
        ? { deadlines: { some: { date: { gte: new Date(`${query.deadlineYear}-01-01`), lte: new Date(`${query.deadlineYear}-12-31`) } } } }
        : {}),
      ...(query.q ? { text: { contains: query.q } } : {}),
      ...(query.light ? { lights: { some: { assignmentKey: '', light: query.light } } } : {}),
    };
    const where: Prisma.WorkItemWhereInput = { AND: [workItemScope(defineAbilityFor(principal)), filters] };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.workItem.findMany({ where, include, orderBy: [{ planId: 'asc' }, { sortKey: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
      this.prisma.workItem.count({ where }),
    ]);
    return { items: rows.map(toWorkItemDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal, id: string): Promise<WorkItemDto> {
    const row = await this.prisma.workItem.findFirst({ where: { AND: [workItemScope(defineAbilityFor(principal)), { id }] }, include });
    if (!row) throw notFound('工作事项', 'WORK_ITEM.NOT_FOUND');
    return toWorkItemDto(row);
  }
}
