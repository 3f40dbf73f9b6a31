import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound, staleVersion } from '../common/domain-error.js';
import type { AssessmentScheme } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { CRITERION_KINDS, planData } from './criterion-kinds.js';
import type { CopySchemeDto, CreateSchemeDto, SchemeBodyDto, UpdateSchemeDto } from './dto/scheme.dto.js';
import { criterionFormula, FORMALISM_RULE, formalismRefusals, schemeErrors, type SchemeDefinition } from './scheme-rules.js';

export const toSchemeView = (s: AssessmentScheme) => {
  const def = s.definition as unknown as SchemeDefinition;
  return {
    id: s.id,
    planId: s.planId,
    year: s.year,
    name: s.name,
    ...def,
    criteria: def.criteria.map((c) => ({ ...c, formula: criterionFormula(c) })),
    rowVersion: s.rowVersion,
  };
};

@Injectable()
export class SchemesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  /** The computed kinds, and whether the plan has the data each needs for the year. */
  async kinds(planId: string, year: number) {
    await this.plan(planId);
    const data = await planData(this.prisma, planId, year);
    return CRITERION_KINDS.map((k) => {
      const reason = k.unavailable(data);
      const example = k.measure === 'rate' ? { points: 10 } : { lead: -5, supporting: -3 };
      return { kind: k.kind, name: k.name, measure: k.measure, formula: k.formula(example), available: reason === null, unavailableReason: reason };
    });
  }

  async list(planId: string) {
    await this.plan(planId);
    return (await this.prisma.assessmentScheme.findMany({ where: { planId }, orderBy: { year: 'desc' } })).map(toSchemeView);
  }

  async get(id: string) {
    const s = await this.prisma.assessmentScheme.findUnique({ where: { id } });
    if (!s) throw notFound('考核方案', 'ASSESSMENT_SCHEME.NOT_FOUND');
    return toSchemeView(s);
  }

  async create(p: Principal, planId: string, dto: CreateSchemeDto) {
    await this.plan(planId);
    const def = await this.validated(planId, dto.year, dto);
    return this.workflow.transaction(async (w) => {
      if (await w.tx.assessmentScheme.findUnique({ where: { planId_year: { planId, year: dto.year } } })) {
        throw new DomainError('ASSESSMENT_SCHEME.EXISTS', 409, `该方案 ${dto.year} 年度的考核方案已存在，请修改它`, [{ field: 'year', message: '已存在' }]);
      }
      const s = await w.tx.assessmentScheme.create({ data: { planId, year: dto.year, name: dto.name, definition: def as object, createdById: p.userId } });
      await w.audit([{ action: 'assessment.scheme_created', entityType: 'AssessmentScheme', entityId: s.id, after: { year: s.year, name: s.name, definition: def } }]);
      return toSchemeView(s);
    });
  }

  /** Last year's scheme (or any year's) as this year's, in one request; checked against this year's data. */
  async copy(p: Principal, planId: string, dto: CopySchemeDto) {
    const from = await this.prisma.assessmentScheme.findUnique({ where: { planId_year: { planId, year: dto.fromYear } } });
    if (!from) throw new DomainError('ASSESSMENT_SCHEME.NOT_FOUND', 404, `该方案没有 ${dto.fromYear} 年度的考核方案`, [{ field: 'fromYear', message: '不存在' }]);
    const def = from.definition as unknown as SchemeDefinition;
    const name = from.name.includes(String(dto.fromYear)) ? from.name.replaceAll(String(dto.fromYear), String(dto.toYear)) : `${dto.toYear}年度${from.name}`;
    return this.create(p, planId, { ...def, name, year: dto.toYear } as CreateSchemeDto);
  }

  async update(id: string, dto: UpdateSchemeDto) {
    const current = await this.prisma.assessmentScheme.findUnique({ where: { id } });
    if (!current) throw notFound('考核方案', 'ASSESSMENT_SCHEME.NOT_FOUND');
    const def = await this.validated(current.planId, current.year, dto);
    return this.workflow.transaction(async (w) => {
      const updated = await w.tx.assessmentScheme.updateMany({ where: { id, rowVersion: dto.rowVersion }, data: { name: dto.name, definition: def as object, rowVersion: { increment: 1 } } });
      const after = await w.tx.assessmentScheme.findUniqueOrThrow({ where: { id } });
      if (updated.count === 0) throw staleVersion('考核方案', after.rowVersion, toSchemeView(after));
      await w.audit([{ action: 'assessment.scheme_updated', entityType: 'AssessmentScheme', entityId: id, before: { name: current.name, definition: current.definition }, after: { name: after.name, definition: def } }]);
      return toSchemeView(after);
    });
  }

  /** Shape checks ran in the DTO; here the rules: formalism first (cited), then consistency and data. */
  private async validated(planId: string, year: number, dto: SchemeBodyDto): Promise<SchemeDefinition> {
    const def: SchemeDefinition = {
      baseScore: dto.baseScore,
      totalCap: dto.totalCap,
      parts: dto.parts.map((x) => ({ key: x.key, name: x.name, weight: x.weight, capMin: x.capMin ?? null, capMax: x.capMax ?? null })),
      criteria: dto.criteria.map((c) => ({
        key: c.key,
        partKey: c.partKey,
        name: c.name,
        description: c.description ?? '',
        type: c.type,
        basis: c.basis,
        ...(c.kind ? { kind: c.kind } : {}),
        ...(c.params ? { params: { ...c.params } } : {}),
        ...(c.rangeMin !== undefined ? { rangeMin: c.rangeMin } : {}),
        ...(c.rangeMax !== undefined ? { rangeMax: c.rangeMax } : {}),
        capMin: c.capMin ?? null,
        capMax: c.capMax ?? null,
      })),
      bands: dto.bands ? { excellent: dto.bands.excellent, good: dto.bands.good, pass: dto.bands.pass } : { excellent: 90, good: 80, pass: 60 },
      excellentMaxShare: dto.excellentMaxShare ?? null,
      appealDays: dto.appealDays ?? 10,
    };
    const banned = formalismRefusals(def);
    if (banned.length) {
      throw new DomainError('ASSESSMENT.FORMALISM', 422, `考核指标不得以领导批示、宣传报道、图片留痕或填表数量计分（${banned.length} 项）。依据：${FORMALISM_RULE}`, banned, { rule: FORMALISM_RULE });
    }
    const errors = schemeErrors(def, await planData(this.prisma, planId, year));
    if (errors.length) throw new DomainError('VALIDATION', 400, `考核方案有误：${errors[0].field} ${errors[0].message}${errors.length > 1 ? `（共 ${errors.length} 处）` : ''}`, errors);
    return def;
  }

  private async plan(planId: string) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId }, select: { id: true } });
    if (!plan) throw notFound('实施方案', 'PLAN.NOT_FOUND');
    return plan;
  }
}
