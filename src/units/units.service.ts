import { Injectable } from '@nestjs/common';
import { PrincipalCache } from '../access/principal-cache.js';
import { AuditService, diff } from '../audit/audit.service.js';
import { DomainError, notFound, staleVersion } from '../common/domain-error.js';
import { updateAtRowVersion } from '../common/row-version.js';
import type { Page } from '../common/pagination.js';
import { Prisma, type Unit } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { lockSiblingNames } from './unit-name-lock.js';
import { descendantsOf } from './unit-tree.js';
import type { CreateUnitDto, ListUnitsQuery, UnitDto, UpdateUnitDto } from './dto/unit.dto.js';

export function toUnitDto(u: Unit): UnitDto {
  return { id: u.id, name: u.name, kind: u.kind, level: u.level, parentId: u.parentId, aliases: u.aliases, memberKind: u.memberKind, rowVersion: u.rowVersion };
}

@Injectable()
export class UnitsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
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
    const aliases = aliasesOf(dto.name, dto.aliases ?? []);
    return this.prisma.$transaction(async (tx) => {
      await this.assertNamesFree(tx, dto.parentId ?? null, [dto.name, ...aliases]);
      const unit = toUnitDto(await tx.unit.create({ data: { ...dto, aliases } }));
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
    if (dto.rowVersion !== before.rowVersion) throw staleVersion('单位', before.rowVersion, before);
    // A unit renamed to one of its aliases drops that alias, as does a list of aliases that names the unit.
    const aliases = dto.aliases !== undefined || dto.name !== undefined ? aliasesOf(dto.name ?? before.name, dto.aliases ?? before.aliases) : undefined;
    const unit = await this.prisma.$transaction(async (tx) => {
      // Moved under another parent, the unit brings every name it answers to among its new siblings.
      const moved = dto.parentId !== undefined && dto.parentId !== before.parentId;
      const names = moved ? [dto.name ?? before.name, ...(aliases ?? before.aliases)] : [...(dto.name ? [dto.name] : []), ...(dto.aliases ? (aliases ?? []) : [])];
      await this.assertNamesFree(tx, dto.parentId ?? before.parentId, names, id);
      const { rowVersion, ...given } = dto;
      const fields = aliases ? { ...given, aliases } : given;
      await updateAtRowVersion(tx.unit, id, rowVersion, fields, () => staleVersion('单位', before.rowVersion, before));
      const updated = toUnitDto(await tx.unit.findUniqueOrThrow({ where: { id } }));
      await this.audit.record(tx, { action: 'unit.updated', entityType: 'Unit', entityId: id, ...diff({ ...before }, { ...updated }) });
      return updated;
    });
    // A unit moved in the tree changes what the units above it (and their users) may see; a renamed unit
    // changes the unit name its users' principals carry.
    if ((dto.parentId !== undefined && dto.parentId !== before.parentId) || (dto.name !== undefined && dto.name !== before.name)) await this.principals.invalidate();
    return unit;
  }

  /**
   * A name or alias points at one unit among its siblings, otherwise imports could not resolve it. Units
   * elsewhere in the tree may share it (every city has its 市发改委): an import only ever looks names up
   * within its plan's jurisdiction, and a name two of those units share is reported as ambiguous. Checked in
   * the writing transaction under the siblings' name lock, so that two units created at once cannot share one.
   */
  private async assertNamesFree(tx: Tx, parentId: string | null, names: string[], exceptId?: string) {
    if (names.length === 0) return;
    await lockSiblingNames(tx, parentId);
    const clash = await tx.unit.findFirst({
      where: { parentId, id: exceptId ? { not: exceptId } : undefined, OR: [{ name: { in: names } }, { aliases: { hasSome: names } }] },
    });
    if (clash) {
      const name = names.find((n) => n === clash.name || clash.aliases.includes(n));
      throw new DomainError('UNIT.NAME_TAKEN', 409, `名称「${name}」已被单位「${clash.name}」使用`, [{ field: 'name', message: '名称或别名重复', value: name }]);
    }
  }

  async descendantIds(rootId: string, tx: Tx | PrismaService = this.prisma): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM (${descendantsOf(Prisma.sql`${rootId}::uuid`)}) d`;
    return rows.map((r) => r.id);
  }
}

/** The aliases as stored: without the unit's own name, which as an alias says nothing and would show twice (as for an indicator's synonyms). */
function aliasesOf(name: string, aliases: string[]): string[] {
  return aliases.filter((alias) => alias !== name);
}
