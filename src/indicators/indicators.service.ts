import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { Upload } from '../common/uploads.js';
import { evidenceType } from '../reporting/evidence.service.js';
import { actualScope, defineAbilityFor, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { lockKey } from '../common/key-lock.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { actualInclude, actualLifecycle, toActualView } from './actual.lifecycle.js';
import { writeActual } from './actual-writer.js';
import type { CreateIndicatorDto, LinkTargetDto, UpdateIndicatorDto, RecordActualDto, VerifyActualDto } from './dto/indicator.dto.js';
import { evaluateTarget, withUnit } from './evaluation.js';

const OFFICE_ROLES = ['office_admin', 'system_admin'];
const isOffice = (p: Principal) => p.roles.some((r) => OFFICE_ROLES.includes(r));
const dec = (d: Prisma.Decimal | number | null) => (d === null ? null : Number(d));

const targetInclude = {
  workItem: { select: { id: true, seq: true, sortKey: true, area: { select: { title: true } } } },
  indicatorLink: { include: { indicator: true } },
} satisfies Prisma.TargetInclude;
type TargetWith = Prisma.TargetGetPayload<{ include: typeof targetInclude }>;

/**
 * The synonyms as stored and compared: trimmed like the name (the uniqueness check must see the names the
 * write stores, or a padded name slips past it), once each, without the name itself.
 */
function synonymsOf(name: string, synonyms: string[]): string[] {
  return [...new Set(synonyms.map((s) => s.trim()).filter((s) => s && s !== name))];
}

/** The indicator catalogue of a plan, its targets' links, actuals and the evaluation of every target. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly config: AppConfig,
  ) {}

  async create(planId: string, dto: CreateIndicatorDto) {
    return this.workflow.transaction(async (w) => {
      await this.plan(w.tx, planId);
      await lockKey(w.tx, `names:indicator:${planId}`);
      const name = dto.name.trim();
      const synonyms = synonymsOf(name, dto.synonyms ?? []);
      const clash = await w.tx.indicator.findFirst({ where: { planId, OR: [{ name: { in: [name, ...synonyms] } }, { synonyms: { hasSome: [name, ...synonyms] } }] } });
      if (clash) {
        // The field the user must change: the name when it is the one taken, otherwise the synonyms.
        const field = clash.name === name || clash.synonyms.includes(name) ? 'name' : 'synonyms';
        throw new DomainError('INDICATOR.EXISTS', 409, `指标「${clash.name}」已有此名称或同义名称`, [{ field, message: '名称重复' }]);
      }
      const created = await w.tx.indicator.create({ data: { planId, name, synonyms, unit: dto.unit?.trim() || null, direction: dto.direction } });
      await w.audit([{ action: 'indicator.created', entityType: 'Indicator', entityId: created.id, after: { planId, name: created.name, synonyms, unit: created.unit, direction: created.direction } }]);
      return toIndicatorView(created);
    });
  }

  /** Synonyms, unit or direction; the name stays (it is how the plan and its documents call the indicator). */
  async update(id: string, dto: UpdateIndicatorDto) {
    return this.workflow.transaction(async (w) => {
      await w.tx.$queryRaw`SELECT id FROM indicators WHERE id = ${id}::uuid FOR UPDATE`;
      const current = await w.tx.indicator.findUnique({ where: { id } });
      if (!current) throw notFound('指标', 'INDICATOR.NOT_FOUND');
      const synonyms = dto.synonyms ? synonymsOf(current.name, dto.synonyms) : current.synonyms;
      if (synonyms.length) {
        await lockKey(w.tx, `names:indicator:${current.planId}`);
        const clash = await w.tx.indicator.findFirst({ where: { planId: current.planId, id: { not: id }, OR: [{ name: { in: synonyms } }, { synonyms: { hasSome: synonyms } }] } });
        if (clash) throw new DomainError('INDICATOR.EXISTS', 409, `指标「${clash.name}」已有此名称或同义名称`, [{ field: 'synonyms', message: '名称重复' }]);
      }
      const updated = await w.tx.indicator.update({ where: { id }, data: { synonyms, unit: dto.unit === undefined ? current.unit : dto.unit.trim() || null, direction: dto.direction ?? current.direction } });
      await w.audit([{ action: 'indicator.updated', entityType: 'Indicator', entityId: id, before: { synonyms: current.synonyms, unit: current.unit, direction: current.direction }, after: { synonyms: updated.synonyms, unit: updated.unit, direction: updated.direction } }]);
      return toIndicatorView(updated);
    });
  }

  async list(planId: string) {
    return (await this.prisma.indicator.findMany({ where: { planId }, orderBy: { name: 'asc' } })).map(toIndicatorView);
  }

  /**
   * Suggests a link for every target without one whose clause names an indicator (or a synonym): the
   * longest name wins, so 「非化石能源消费比重」 is not taken for 「能源消费」. The office confirms.
   */
  async suggest(planId: string) {
    return this.workflow.transaction(async (w) => {
      await this.plan(w.tx, planId);
      const indicators = await w.tx.indicator.findMany({ where: { planId } });
      const names = indicators.flatMap((i) => [i.name, ...i.synonyms].map((name) => ({ name, id: i.id }))).sort((a, b) => b.name.length - a.name.length);
      const targets = await w.tx.target.findMany({ where: { workItem: { planId }, indicatorLink: null, comparator: { not: 'milestone' } } });
      const links = targets.flatMap((t) => {
        const hit = names.find((n) => t.text.includes(n.name));
        return hit ? [{ targetId: t.id, indicatorId: hit.id }] : [];
      });
      if (links.length) await w.tx.targetIndicatorLink.createMany({ data: links, skipDuplicates: true });
      await w.audit([{ action: 'indicator.links_suggested', entityType: 'Plan', entityId: planId, after: { suggested: links.length } }]);
      return this.targetsOf(w.tx, planId);
    });
  }

  /** A unit sees the targets of the items it may read. */
  async links(p: Principal, planId: string) {
    return this.targetsOf(this.prisma, planId, p);
  }

  /** The office confirms (or corrects) which indicator a target measures, and records an allocation or a baseline. */
  async link(p: Principal, targetId: string, dto: LinkTargetDto) {
    return this.workflow.transaction(async (w) => {
      await w.tx.$queryRaw`SELECT id FROM targets WHERE id = ${targetId}::uuid FOR UPDATE`;
      const target = await w.tx.target.findUnique({ where: { id: targetId }, include: { workItem: { select: { planId: true } }, indicatorLink: true } });
      if (!target) throw notFound('目标', 'TARGET.NOT_FOUND');
      const indicator = await w.tx.indicator.findUnique({ where: { id: dto.indicatorId } });
      if (!indicator || indicator.planId !== target.workItem.planId) {
        throw new DomainError('INDICATOR.NOT_FOUND', 422, '指标不存在或不属于该目标所在方案', [{ field: 'indicatorId', message: '指标不存在' }]);
      }
      if (target.comparator === 'milestone') throw new DomainError('TARGET.NOT_NUMERIC', 422, '非数值目标不能关联指标', [{ field: 'targetId', message: '非数值目标' }]);
      if (dto.assignedValue !== undefined && target.comparator !== 'assigned') {
        throw new DomainError('VALIDATION', 400, '只有「完成上级下达目标」类目标才能录入下达值', [{ field: 'assignedValue', message: '该目标自带目标值' }]);
      }
      if (dto.baselineValue !== undefined && !['reduce_by', 'increase_by'].includes(target.comparator)) {
        throw new DomainError('VALIDATION', 400, '只有「比某年下降/提高X%」类目标才有基数', [{ field: 'baselineValue', message: '该目标无基数' }]);
      }
      const data = {
        indicatorId: indicator.id,
        status: 'confirmed' as const,
        assignedValue: dto.assignedValue ?? (target.indicatorLink?.assignedValue ?? null),
        baselineValue: dto.baselineValue ?? (target.indicatorLink?.baselineValue ?? null),
        confirmedById: p.userId,
      };
      await w.tx.targetIndicatorLink.upsert({ where: { targetId }, create: { targetId, ...data }, update: data });
      await w.audit([
        {
          action: 'indicator.link_confirmed',
          entityType: 'Target',
          entityId: targetId,
          before: target.indicatorLink ? { indicatorId: target.indicatorLink.indicatorId, status: target.indicatorLink.status, assignedValue: dec(target.indicatorLink.assignedValue) } : null,
          after: { indicatorId: indicator.id, assignedValue: dec(data.assignedValue), baselineValue: dec(data.baselineValue) },
        },
      ]);
      return (await this.targetsOf(w.tx, target.workItem.planId)).find((t) => t.targetId === targetId)!;
    });
  }

  /**
   * A unit records its own figure (scope from the session); the office records any unit's, by default the
   * plan's jurisdiction (the plan-wide figure from 统计部门). Recording again replaces the value and starts
   * verification over; the previous value stays in the audit trail.
   */
  async recordActual(p: Principal, indicatorId: string, dto: RecordActualDto) {
    return this.workflow.transaction(async (w) => {
      const indicator = await w.tx.indicator.findUnique({ where: { id: indicatorId } });
      if (!indicator) throw notFound('指标', 'INDICATOR.NOT_FOUND');
      const plan = await this.plan(w.tx, indicator.planId);
      const years = await this.allowedYears(w.tx, plan);
      if (!years.has(dto.year)) {
        throw new DomainError('ACTUAL.YEAR_OUTSIDE_PLAN', 422, `${dto.year} 年不在方案期限（${plan.horizonStartYear ?? '—'}—${plan.horizonEndYear ?? '—'} 年）内，也不是目标的基准年`, [
          { field: 'year', message: `须在 ${plan.horizonStartYear ?? '—'}—${plan.horizonEndYear ?? '—'} 年之间或为基准年` },
        ]);
      }
      let unitId: string;
      if (isOffice(p)) {
        unitId = dto.unitId ?? plan.jurisdictionId;
        if (!(await w.tx.unit.findUnique({ where: { id: unitId } }))) throw new DomainError('UNIT.NOT_FOUND', 422, '单位不存在', [{ field: 'unitId', message: '单位不存在' }]);
      } else {
        if (dto.unitId && dto.unitId !== p.unitId) throw new DomainError('AUTH.FORBIDDEN', 403, '只能填报本单位的指标数值', [{ field: 'unitId', message: '不是本单位' }]);
        unitId = p.unitId;
      }
      return toActualView(await writeActual(w, p, { indicatorId, year: dto.year, unitId, value: dto.value, source: dto.source, note: dto.note ?? null }));
    });
  }

  async actuals(p: Principal, indicatorId: string) {
    const rows = await this.prisma.indicatorActual.findMany({
      where: { AND: [actualScope(defineAbilityFor(p)), { indicatorId }] },
      include: actualInclude,
      omit: { evidenceContent: true },
      orderBy: [{ year: 'asc' }, { unit: { name: 'asc' } }],
    });
    return rows.map(toActualView);
  }

  /**
   * The evidence behind a figure: the unit that reported it (or the office) attaches one file, checked like
   * report evidence (type from the bytes, size); a new upload replaces it, the audit trail keeps its checksum.
   */
  async uploadEvidence(p: Principal, id: string, file: Upload) {
    const type = await evidenceType(file, this.config.EVIDENCE_MAX_BYTES);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.workflow.transaction(async (w) => {
      await w.tx.$queryRaw`SELECT id FROM indicator_actuals WHERE id = ${id}::uuid FOR UPDATE`;
      const row = await w.tx.indicatorActual.findFirst({ where: { AND: [actualScope(defineAbilityFor(p)), { id }] }, omit: { evidenceContent: true } });
      if (!row) throw notFound('指标实际值', 'ACTUAL.NOT_FOUND');
      if (!isOffice(p) && row.unitId !== p.unitId) throw new DomainError('AUTH.FORBIDDEN', 403, '只能为本单位填报的数值上传佐证材料');
      const saved = await w.tx.indicatorActual.update({
        where: { id },
        data: { evidenceName: file.name, evidenceMime: type.mime, evidenceSha256: sha256, evidenceContent: new Uint8Array(file.buffer) },
        include: actualInclude,
        omit: { evidenceContent: true },
      });
      await w.audit([{ action: 'actual.evidence_uploaded', entityType: 'IndicatorActual', entityId: id, before: row.evidenceSha256 ? { fileName: row.evidenceName, sha256: row.evidenceSha256 } : null, after: { fileName: file.name, size: file.buffer.length, sha256 } }]);
      return toActualView(saved);
    });
  }

  /** Served only to those who may read the figure; anyone else gets the same 404 as for a missing file. */
  async evidence(p: Principal, id: string) {
    const row = await this.prisma.indicatorActual.findFirst({ where: { AND: [actualScope(defineAbilityFor(p)), { id }] } });
    if (!row?.evidenceContent) throw notFound('佐证材料', 'ACTUAL.NO_EVIDENCE');
    return { fileName: row.evidenceName!, mime: row.evidenceMime!, body: Buffer.from(row.evidenceContent) };
  }

  async verify(p: Principal, id: string, dto: VerifyActualDto) {
    const row = await this.workflow.apply(actualLifecycle, dto.verification === 'verified' ? 'verify' : 'dispute', p, { id, version: dto.version, reason: dto.reason });
    return toActualView(row);
  }

  /** Every confirmed target of the plan against the verified actual of its jurisdiction. */
  async evaluate(planId: string, year: number) {
    const plan = await this.plan(this.prisma, planId);
    return this.evaluateIn(this.prisma, plan, year);
  }

  async evaluateIn(tx: Tx | PrismaService, plan: { id: string; jurisdictionId: string }, year: number) {
    const targets = await tx.target.findMany({
      where: { workItem: { planId: plan.id }, indicatorLink: { is: { status: 'confirmed' } } },
      include: targetInclude,
      orderBy: [{ workItem: { sortKey: 'asc' } }, { position: 'asc' }],
    });
    const actuals = await tx.indicatorActual.findMany({ where: { unitId: plan.jurisdictionId, indicator: { planId: plan.id } }, omit: { evidenceContent: true } });
    const actualOf = (indicatorId: string, y: number) => actuals.find((a) => a.indicatorId === indicatorId && a.year === y) ?? null;
    return targets.map((t) => {
      const link = t.indicatorLink!;
      const value = t.comparator === 'assigned' ? dec(link.assignedValue) : dec(t.value);
      const evaluatedYear = t.year !== null && t.year < year ? t.year : year;
      const actual = actualOf(link.indicatorId, evaluatedYear);
      const baseActual = t.baselineYear !== null ? actualOf(link.indicatorId, t.baselineYear) : null;
      const baseline = baseActual?.verification === 'verified' ? Number(baseActual.value) : dec(link.baselineValue);
      const unit = t.unit ?? link.indicator.unit;
      const result = evaluateTarget(
        { comparator: t.comparator, value, unit, year: t.year, baselineYear: t.baselineYear },
        link.indicator.direction,
        year,
        actual ? { value: Number(actual.value), verification: actual.verification } : null,
        baseline,
      );
      return {
        targetId: t.id,
        seq: t.workItem.seq,
        area: t.workItem.area?.title ?? null,
        text: t.text,
        indicatorId: link.indicatorId,
        indicatorName: link.indicator.name,
        comparator: t.comparator,
        value,
        actual: actual ? Number(actual.value) : null,
        verification: actual?.verification ?? null,
        ...result,
      };
    });
  }

  /**
   * Where a child plan (a county's) sets a weaker target for the same indicator than this plan: the
   * indicators are matched by name or synonym, targets of the same comparator and year compared by value.
   */
  async cascade(planId: string) {
    await this.plan(this.prisma, planId);
    const load = (where: Prisma.TargetWhereInput) => this.prisma.target.findMany({ where: { ...where, indicatorLink: { is: { status: 'confirmed' } } }, include: { ...targetInclude, workItem: { select: { ...targetInclude.workItem.select, plan: { select: { id: true, title: true } } } } } });
    const parent = await load({ workItem: { planId } });
    const children = await load({ workItem: { plan: { parentPlanId: planId } } });
    const namesOf = (i: { name: string; synonyms: string[] }) => new Set([i.name, ...i.synonyms]);
    const gaps = [];
    for (const c of children) {
      const ci = c.indicatorLink!.indicator;
      const cNames = namesOf(ci);
      for (const pt of parent) {
        const pi = pt.indicatorLink!.indicator;
        // Only like with like: the same indicator, comparator and target year (a 2026 figure is not a 2030 one).
        if (![...namesOf(pi)].some((n) => cNames.has(n)) || pt.comparator !== c.comparator || pt.value === null || c.value === null) continue;
        if (pt.year !== null && c.year !== null && pt.year !== c.year) continue;
        const [cv, pv] = [Number(c.value), Number(pt.value)];
        const weaker = ['at_least', 'reduce_by', 'increase_by'].includes(c.comparator) ? cv < pv : c.comparator === 'at_most' ? cv > pv : c.comparator === 'about' && (pi.direction === 'higher' ? cv < pv : cv > pv);
        if (!weaker) continue;
        gaps.push({
          indicatorName: pi.name,
          childPlanId: c.workItem.plan.id,
          childPlanTitle: c.workItem.plan.title,
          childTarget: c.text,
          parentTarget: pt.text,
          explanation: `下级方案目标 ${withUnit(cv, c.unit)} ${['at_most'].includes(c.comparator) || (c.comparator === 'about' && pi.direction === 'lower') ? '高于' : '低于'}上级方案目标 ${withUnit(pv, pt.unit)}`,
        });
      }
    }
    return gaps;
  }

  private async plan(tx: Tx | PrismaService, planId: string) {
    const plan = await tx.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    return plan;
  }

  /** The plan's years, and the baseline years its targets name (「比2020年下降」 needs the 2020 figure). */
  async allowedYears(tx: Tx, plan: { id: string; horizonStartYear: number | null; horizonEndYear: number | null }) {
    const years = new Set<number>();
    const from = plan.horizonStartYear ?? plan.horizonEndYear;
    const to = plan.horizonEndYear ?? plan.horizonStartYear;
    if (from && to) for (let y = from; y <= to; y++) years.add(y);
    const baselines = await tx.target.findMany({ where: { workItem: { planId: plan.id }, baselineYear: { not: null } }, select: { baselineYear: true }, distinct: ['baselineYear'] });
    for (const b of baselines) years.add(b.baselineYear!);
    return years;
  }

  private async targetsOf(tx: Tx | PrismaService, planId: string, p?: Principal) {
    const items = p ? { AND: [workItemScope(defineAbilityFor(p)), { planId }] } : { planId };
    const targets: TargetWith[] = await tx.target.findMany({ where: { workItem: items }, include: targetInclude, orderBy: [{ workItem: { sortKey: 'asc' } }, { position: 'asc' }] });
    return targets.map((t) => ({
      targetId: t.id,
      workItemId: t.workItem.id,
      seq: t.workItem.seq,
      text: t.text,
      comparator: t.comparator,
      value: dec(t.value),
      unit: t.unit,
      year: t.year,
      baselineYear: t.baselineYear,
      firmness: t.firmness,
      indicatorId: t.indicatorLink?.indicatorId ?? null,
      indicatorName: t.indicatorLink?.indicator.name ?? null,
      linkStatus: t.indicatorLink?.status ?? null,
      assignedValue: dec(t.indicatorLink?.assignedValue ?? null),
      baselineValue: dec(t.indicatorLink?.baselineValue ?? null),
    }));
  }
}

const toIndicatorView = (i: { id: string; planId: string; name: string; synonyms: string[]; unit: string | null; direction: string }) => ({
  id: i.id,
  planId: i.planId,
  name: i.name,
  synonyms: i.synonyms,
  unit: i.unit,
  direction: i.direction,
});
