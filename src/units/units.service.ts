import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import { DomainError, notFound, staleVersion } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import type { Prisma, Unit } from '../generated/prisma/client.js';
import type { DirectoryUnit } from '../imports/parsing/unit-directory.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import type { CreateUnitDto, ListUnitsQuery, UnitDto, UpdateUnitDto } from './dto/unit.dto.js';

export function toUnitDto(u: Unit): UnitDto {
  return { id: u.id, name: u.name, kind: u.kind, level: u.level, parentId: u.parentId, aliases: u.aliases, memberKind: u.memberKind, rowVersion: u.rowVersion };
}

@Injectable()
export class UnitsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUnitsQuery): Promise<Page<UnitDto>> {
    const where: Prisma.UnitWhereInput = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.parentId ? { parentId: query.parentId } : {}),
      ...(query.q ? { OR: [{ name: { contains: query.q } }, { aliases: { has: query.q } }] } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.unit.findMany({ where, orderBy: [{ kind: 'asc' }, { name: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
      this.prisma.unit.count({ where }),
    ]);
    return { items: items.map(toUnitDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<UnitDto> {
    const unit = await this.prisma.unit.findUnique({ where: { id } });
    if (!unit) throw notFound('单位', 'UNIT.NOT_FOUND');
    return toUnitDto(unit);
  }

  async create(dto: CreateUnitDto): Promise<UnitDto> {
    if (dto.parentId) await this.get(dto.parentId);
    if (dto.kind === 'collective' && !dto.memberKind) {
      throw new DomainError('UNIT.COLLECTIVE_NEEDS_MEMBER_KIND', 400, '集合单位必须指定成员类型 memberKind', [{ field: 'memberKind', message: '必填' }]);
    }
    await this.assertNamesFree([dto.name, ...(dto.aliases ?? [])]);
    return this.prisma.$transaction(async (tx) => {
      const unit = toUnitDto(await tx.unit.create({ data: { ...dto, aliases: dto.aliases ?? [] } }));
      await this.audit.record(tx, { action: 'unit.created', entityType: 'Unit', entityId: unit.id, after: unit });
      return unit;
    });
  }

  async update(id: string, dto: UpdateUnitDto): Promise<UnitDto> {
    const before = await this.get(id);
    if (dto.parentId) {
      if (dto.parentId === id || (await this.descendantIds(id)).includes(dto.parentId)) {
        throw new DomainError('UNIT.CYCLE', 400, '上级单位不能是本单位或其下级单位', [{ field: 'parentId', message: '会形成循环' }]);
      }
      await this.get(dto.parentId);
    }
    await this.assertNamesFree([...(dto.name ? [dto.name] : []), ...(dto.aliases ?? [])], id);
    if (dto.rowVersion !== before.rowVersion) throw staleVersion('单位', before.rowVersion, before);
    return this.prisma.$transaction(async (tx) => {
      const { rowVersion, ...fields } = dto;
      const { count } = await tx.unit.updateMany({ where: { id, rowVersion }, data: { ...fields, rowVersion: { increment: 1 } } });
      if (count === 0) throw staleVersion('单位', before.rowVersion, before);
      const unit = toUnitDto(await tx.unit.findUniqueOrThrow({ where: { id } }));
      await this.audit.record(tx, { action: 'unit.updated', entityType: 'Unit', entityId: id, ...diff({ ...before }, { ...unit }) });
      return unit;
    });
  }

  /** A name or alias must point at one unit only, otherwise imports could not resolve it. */
  private async assertNamesFree(names: string[], exceptId?: string) {
    if (names.length === 0) return;
    const clash = await this.prisma.unit.findFirst({
      where: { id: exceptId ? { not: exceptId } : undefined, OR: [{ name: { in: names } }, { aliases: { hasSome: names } }] },
    });
    if (clash) {
      const name = names.find((n) => n === clash.name || clash.aliases.includes(n));
      throw new DomainError('UNIT.NAME_TAKEN', 409, `名称「${name}」已被单位「${clash.name}」使用`, [{ field: 'name', message: '名称或别名重复', value: name }]);
    }
  }

  async descendantIds(rootId: string, tx: Tx | PrismaService = this.prisma): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE tree AS (
        SELECT id FROM units WHERE parent_id = ${rootId}::uuid
        UNION ALL
        SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id
      ) SELECT id::text FROM tree`;
    return rows.map((r) => r.id);
  }

  /**
   * The units an import under `jurisdictionId` may name: the jurisdiction, everything below it
   * and its ancestors (a city plan may name a provincial body). Collectives carry their members.
   */
  async directory(jurisdictionId: string, tx: Tx | PrismaService = this.prisma): Promise<DirectoryUnit[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE down AS (
        SELECT id, parent_id FROM units WHERE id = ${jurisdictionId}::uuid
        UNION ALL
        SELECT u.id, u.parent_id FROM units u JOIN down d ON u.parent_id = d.id
      ), up AS (
        SELECT id, parent_id FROM units WHERE id = ${jurisdictionId}::uuid
        UNION ALL
        SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
      ) SELECT id::text FROM down UNION SELECT id::text FROM up`;
    const units = await tx.unit.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { name: 'asc' } });
    const byParentKind = new Map<string, Unit[]>();
    for (const u of units) {
      const key = `${u.parentId}|${u.kind}`;
      byParentKind.set(key, [...(byParentKind.get(key) ?? []), u]);
    }
    return units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      aliases: u.aliases,
      members: u.kind === 'collective' && u.memberKind ? (byParentKind.get(`${u.parentId}|${u.memberKind}`) ?? []).map((m) => ({ id: m.id, name: m.name })) : undefined,
    }));
  }
}
