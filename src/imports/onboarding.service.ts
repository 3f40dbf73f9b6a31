import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError } from '../common/domain-error.js';
import type { UnitKind } from '../generated/prisma/enums.js';
import { lockSiblingNames } from '../units/unit-name-lock.js';
import type { WorkflowTx } from '../workflow/workflow.service.js';
import type { OnboardingDto, UnitDecisionDto } from './dto/onboarding.dto.js';
import type { UnitProposal } from './parsing/onboarding.js';
import type { DirectoryUnit } from './parsing/unit-directory.js';

export interface OnboardingResult {
  created: { name: string; kind: string; parentId: string | null; id: string }[];
  aliased: { name: string; unitId: string; unitName: string }[];
  excluded: string[];
  skipped: string[];
}

interface Context {
  plan: { id: string; jurisdictionId: string };
  directory: DirectoryUnit[];
  proposals: UnitProposal[];
  principal: Principal;
}

const field = (i: number, f: string) => `onboarding.decisions[${i}].${f}`;

/**
 * Onboarding a jurisdiction in the import's own transaction: the office's decisions on the dry run's
 * unknown names become units, aliases of existing units, or names marked as no unit, all audited. Only the
 * plan's jurisdiction, its units and its superiors may be bound to: an alias never reaches another city.
 */
@Injectable()
export class OnboardingService {
  async apply(w: WorkflowTx, ctx: Context, dto: OnboardingDto): Promise<OnboardingResult> {
    const result: OnboardingResult = { created: [], aliased: [], excluded: [], skipped: [] };
    const byName = new Map(ctx.proposals.map((p) => [p.name, p]));
    const decisions = new Map<string, { d: UnitDecisionDto; index: number }>();
    (dto.decisions ?? []).forEach((d, index) => {
      if (!byName.has(d.name)) throw new DomainError('IMPORT.UNKNOWN_DECISION', 400, `「${d.name}」不是本次试导入报告中的未识别名称`, [{ field: field(index, 'name'), message: '不在未识别名称中' }]);
      decisions.set(d.name, { d, index });
    });
    const known = new Map(ctx.directory.map((u) => [u.id, u]));
    const createdByName = new Map<string, string>();
    // Parents first: a department proposed together with its divisions is created before them.
    const order = [...ctx.proposals].sort((a, b) => Number(a.parent?.relation === 'department') - Number(b.parent?.relation === 'department'));
    for (const proposal of order) {
      const chosen = decisions.get(proposal.name);
      const d: Partial<UnitDecisionDto> | undefined = chosen?.d ?? (dto.acceptAll ? { action: suggested(proposal) } : undefined);
      const at = (f: string) => (chosen ? field(chosen.index, f) : `onboarding.acceptAll`);
      if (!d || d.action === 'skip' || d.action === undefined) {
        result.skipped.push(proposal.name);
        continue;
      }
      if (d.action === 'not_unit') {
        await w.tx.unitNameExclusion.createMany({ data: proposal.texts.concat(proposal.name).map((name) => ({ jurisdictionId: ctx.plan.jurisdictionId, name, createdById: ctx.principal.userId })), skipDuplicates: true });
        result.excluded.push(proposal.name);
      } else if (d.action === 'alias') {
        const unitId = d.aliasOf ?? proposal.aliasOf?.id;
        const unit = unitId ? known.get(unitId) : undefined;
        if (!unit) throw new DomainError('IMPORT.ALIAS_TARGET', 400, `「${proposal.name}」：请选择本方案所属地区（或其上级）的单位作为其全称`, [{ field: at('aliasOf'), message: '不是本地区的单位' }]);
        const names = [...new Set([proposal.name, ...proposal.texts])].filter((n) => n !== unit.name && !unit.aliases.includes(n));
        const row = await w.tx.unit.update({ where: { id: unit.id }, data: { aliases: { push: names }, rowVersion: { increment: 1 } } });
        unit.aliases.push(...names);
        await w.audit([{ action: 'unit.alias_added', entityType: 'Unit', entityId: unit.id, after: { aliases: row.aliases, added: names, from: 'import' } }]);
        result.aliased.push({ name: proposal.name, unitId: unit.id, unitName: unit.name });
      } else {
        const kind = (d.kind ?? proposal.kind) as UnitKind | undefined;
        if (!kind) throw new DomainError('IMPORT.UNIT_KIND', 400, `「${proposal.name}」：无法推断单位类型，请指定`, [{ field: at('kind'), message: '必填' }]);
        const parentId = d.parentId ?? proposal.parent?.id ?? (proposal.parent?.name ? createdByName.get(proposal.parent.name) ?? nameIn(ctx.directory, proposal.parent.name) : undefined) ?? ctx.plan.jurisdictionId;
        if (!known.has(parentId) && ![...createdByName.values()].includes(parentId)) {
          throw new DomainError('IMPORT.PARENT', 400, `「${proposal.name}」：上级单位须为本方案所属地区的单位`, [{ field: at('parentId'), message: '不在本地区' }]);
        }
        const memberKind = (d.memberKind ?? proposal.memberKind) as UnitKind | undefined;
        if (kind === 'collective' && !memberKind) throw new DomainError('IMPORT.UNIT_KIND', 400, `「${proposal.name}」是集合单位，请指定其成员类型`, [{ field: at('memberKind'), message: '必填' }]);
        const name = d.unitName ?? proposal.name;
        await lockSiblingNames(w.tx, parentId);
        const clash = await w.tx.unit.findFirst({ where: { parentId, OR: [{ name }, { aliases: { has: name } }] }, select: { name: true } });
        if (clash) throw new DomainError('UNIT.NAME_TAKEN', 409, `名称「${name}」已被同级单位「${clash.name}」使用`, [{ field: at('unitName'), message: '名称重复', value: name }]);
        const aliases = proposal.texts.filter((t) => t !== name);
        const unit = await w.tx.unit.create({ data: { name, kind, parentId, aliases, memberKind: kind === 'collective' ? memberKind : null } });
        await w.audit([{ action: 'unit.created', entityType: 'Unit', entityId: unit.id, after: { name, kind, parentId, aliases, memberKind: unit.memberKind, from: 'import' } }]);
        createdByName.set(name, unit.id);
        createdByName.set(proposal.name, unit.id);
        known.set(unit.id, { id: unit.id, name, kind, aliases });
        result.created.push({ name, kind, parentId, id: unit.id });
      }
    }
    return result;
  }
}

/** What "accept all" does with a proposal: a choice between candidates stays with the office. */
function suggested(p: UnitProposal): UnitDecisionDto['action'] {
  return p.action === 'choose' ? 'skip' : p.action;
}

function nameIn(directory: DirectoryUnit[], name: string): string | undefined {
  return directory.find((u) => u.name === name || u.aliases.includes(name))?.id;
}
