import { Injectable } from '@nestjs/common';
import { defineAbilityFor, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { notFound } from '../common/domain-error.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ListWorkItemsQuery, WorkItemDto } from './dto/work-item.dto.js';
import { listWorkItemsSql, type ListRow } from './work-item-list.query.js';

const include = {
  node: true,
  area: true,
  assignments: { include: { unit: { select: { name: true } }, viaUnit: { select: { name: true } } }, orderBy: { position: 'asc' } },
  targets: { orderBy: { position: 'asc' } },
  deadlines: { orderBy: { position: 'asc' } },
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
    assignments: w.assignments.filter((a) => !a.endedAt).map((a) => ({
      unitId: a.unitId,
      unitName: a.unit.name,
      role: a.role,
      principal: a.principal,
      source: a.source,
      viaUnitName: a.viaUnit?.name ?? null,
      cellText: a.cellText,
    })),
    endedAssignments: w.assignments
      .filter((a) => a.endedAt)
      .sort((a, b) => a.endedAt!.getTime() - b.endedAt!.getTime() || a.position - b.position)
      .map((a) => ({ unitId: a.unitId, unitName: a.unit.name, role: a.role, endedAt: a.endedAt!.toISOString() })),
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

  /**
   * Only what the caller may see: the scope is the first condition of the query. The answer is the
   * WorkItemPageDto as JSON text: each item as PostgreSQL wrote it, put together here without parsing
   * and serialising 50 items again (docs/performance.md).
   */
  async list(principal: Principal, query: ListWorkItemsQuery): Promise<string> {
    const rows = await this.prisma.rawRead<ListRow>(listWorkItemsSql(principal, query));
    // A page past the end has no row to carry the total: count separately only then.
    const total = rows.length ? Number(rows[0].total) : await this.count(principal, query);
    return `{"items":[${rows.map((r) => r.item).join(',')}],"total":${total},"page":${query.page},"pageSize":${query.pageSize}}`;
  }

  private async count(principal: Principal, query: ListWorkItemsQuery): Promise<number> {
    if (query.page === 1) return 0;
    const [first] = await this.prisma.rawRead<ListRow>(listWorkItemsSql(principal, { ...query, page: 1, pageSize: 1 }));
    return first ? Number(first.total) : 0;
  }

  async get(principal: Principal, id: string): Promise<WorkItemDto> {
    const row = await this.prisma.workItem.findFirst({ where: { AND: [workItemScope(defineAbilityFor(principal)), { id }] }, include });
    if (!row) throw notFound('工作事项', 'WORK_ITEM.NOT_FOUND');
    return toWorkItemDto(row);
  }
}
