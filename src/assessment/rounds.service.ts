import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Clock } from '../clock/clock.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { criterionKind, type Facts, type FactRecord } from './criterion-kinds.js';
import type { OpenRoundDto, RoundTransitionDto } from './dto/round.dto.js';
import { recomputeRound } from './results.js';
import { loadRounds, roundLifecycle, toRoundView, type RoundRow } from './round.lifecycle.js';
import { criterionFormula, type SchemeDefinition } from './scheme-rules.js';
import { GRADE_NAMES, type Grade } from './scoring.js';

export type RoundTransition = 'start_self_assessment' | 'start_review' | 'publish' | 'open_appeals' | 'freeze';
const RESULTS_PUBLIC: RoundRow['state'][] = ['published', 'appeal', 'frozen'];

/** Who sees which sheets: the office and leaders all; an evaluator the units assigned to them; a unit its own. */
export async function sheetWhere(db: Tx, p: Principal, roundId: string): Promise<Prisma.AssessmentSheetWhereInput> {
  if (p.roles.some((r) => r === 'office_admin' || r === 'system_admin' || r === 'leader')) return { roundId };
  if (p.roles.includes('evaluator')) {
    const assigned = await db.assessmentEvaluator.findMany({ where: { roundId, userId: p.userId }, select: { unitId: true }, distinct: ['unitId'] });
    return { roundId, unitId: { in: assigned.map((a) => a.unitId) } };
  }
  return { roundId, unitId: p.unitId };
}

/** Whether the caller sees totals, grades and ranks before they are published (the assessed unit does not). */
const seesResults = (p: Principal, round: { state: RoundRow['state'] }) => RESULTS_PUBLIC.includes(round.state) || p.roles.some((r) => r !== 'unit_head' && r !== 'unit_reporter');

@Injectable()
export class RoundsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens the year's round and scores every obligated unit (a current assignment in the plan; collective
   * names such as 各县(市)区人民政府 are scored through their members) from the data up to the cutoff: the
   * end of the year, or now if the year has not ended. Each computed score keeps the records behind it.
   */
  async open(p: Principal, planId: string, dto: OpenRoundDto) {
    const now = this.clock.now();
    const yearStart = new Date(`${dto.year}-01-01T00:00:00+08:00`);
    const yearEnd = new Date(`${dto.year + 1}-01-01T00:00:00+08:00`);
    if (now < yearStart) throw new DomainError('ASSESSMENT.TOO_EARLY', 422, `${dto.year} 年度尚未开始，不能开启考核`, [{ field: 'year', message: '年度未开始' }]);
    const cutoff = now < yearEnd ? now : yearEnd;
    return this.workflow.transaction(
      async (w) => {
        const plan = await w.tx.plan.findUnique({ where: { id: planId }, select: { id: true } });
        if (!plan) throw notFound('实施方案', 'PLAN.NOT_FOUND');
        const scheme = await w.tx.assessmentScheme.findUnique({ where: { planId_year: { planId, year: dto.year } } });
        if (!scheme) throw new DomainError('ASSESSMENT.NO_SCHEME', 422, `尚未制定 ${dto.year} 年度的考核方案`, [{ field: 'year', message: '没有考核方案' }]);
        await w.tx.$queryRaw`SELECT id FROM plans WHERE id = ${planId}::uuid FOR UPDATE`;
        if (await w.tx.assessmentRound.findUnique({ where: { planId_year: { planId, year: dto.year } } })) {
          throw new DomainError('ASSESSMENT.EXISTS', 409, `${dto.year} 年度考核已开启`, [{ field: 'year', message: '已开启' }]);
        }
        const def = scheme.definition as unknown as SchemeDefinition;
        const units = await w.tx.$queryRaw<{ unit_id: string }[]>`
          SELECT DISTINCT a.unit_id::text FROM assignments a JOIN work_items wi ON wi.id = a.work_item_id JOIN units u ON u.id = a.unit_id
           WHERE wi.plan_id = ${planId}::uuid AND a.ended_at IS NULL AND u.kind <> 'collective'`;
        const unitIds = units.map((u) => u.unit_id);
        const round = await w.tx.assessmentRound.create({
          data: { planId, schemeId: scheme.id, year: dto.year, definition: def as object, appealDays: def.appealDays, cutoff, createdById: p.userId },
        });
        const ctx = { planId, year: dto.year, yearStart, cutoff, unitIds };
        const facts = new Map<string, Map<string, Facts>>();
        for (const kind of new Set(def.criteria.flatMap((c) => (c.kind ? [c.kind] : [])))) facts.set(kind, await criterionKind(kind)!.gather(w.tx, ctx));
        const sheets = unitIds.map((unitId) => ({ id: randomUUID(), roundId: round.id, unitId }));
        await w.tx.assessmentSheet.createMany({ data: sheets });
        const scores = sheets.flatMap((sh) =>
          def.criteria.map((c) => {
            const kind = c.kind ? criterionKind(c.kind)! : undefined;
            const f = kind ? (facts.get(kind.kind)!.get(sh.unitId) ?? { lead: 0, supporting: 0, met: 0, due: 0, records: [] }) : undefined;
            return {
              sheet_id: sh.id,
              criterion_key: c.key,
              computed: kind && c.type === 'computed' ? kind.score(f!, c.params ?? {}) : null,
              facts: f ?? null,
              veto_triggered: kind && c.type === 'veto' ? f!.lead + f!.supporting >= (c.params?.threshold ?? Infinity) : null,
            };
          }),
        );
        // One JSON parameter per chunk rather than one bind parameter per value: 40,000 rows (5,000 units) in about a second.
        for (let i = 0; i < scores.length; i += 10_000) {
          await w.tx.$executeRaw`
            INSERT INTO assessment_scores (id, sheet_id, criterion_key, computed, facts, veto_triggered, points, updated_at)
            SELECT gen_random_uuid(), x.sheet_id, x.criterion_key, x.computed, x.facts, x.veto_triggered, 0, now()
              FROM jsonb_to_recordset(${JSON.stringify(scores.slice(i, i + 10_000))}::jsonb)
                AS x(sheet_id uuid, criterion_key text, computed float8, facts jsonb, veto_triggered boolean)`;
        }
        await recomputeRound(w.tx, round.id);
        await w.audit([{ action: 'assessment.opened', entityType: 'AssessmentRound', entityId: round.id, after: { planId, year: dto.year, schemeId: scheme.id, units: unitIds.length, cutoff: cutoff.toISOString() } }]);
        await w.announce([{ type: 'assessment.opened', aggregateType: 'AssessmentRound', aggregateId: round.id, payload: { planId, year: dto.year } }]);
        return toRoundView((await loadRounds(w.tx, [round.id]))[0]);
      },
      { timeout: 120_000 },
    );
  }

  async list(planId: string) {
    const ids = await this.prisma.assessmentRound.findMany({ where: { planId }, select: { id: true }, orderBy: { year: 'desc' } });
    const rows = await loadRounds(this.prisma, ids.map((r) => r.id));
    return ids.map((r) => toRoundView(rows.find((x) => x.id === r.id)!));
  }

  async get(id: string) {
    return toRoundView(await this.round(id));
  }

  async transition(p: Principal, id: string, name: RoundTransition, dto: RoundTransitionDto) {
    return toRoundView(await this.workflow.apply(roundLifecycle, name, p, { id, version: dto.version }));
  }

  /** The ranking table: every sheet the caller may see, best first. */
  async sheets(p: Principal, roundId: string) {
    const round = await this.round(roundId);
    const rows = await this.prisma.assessmentSheet.findMany({
      where: await sheetWhere(this.prisma, p, roundId),
      include: { unit: { select: { name: true } }, scores: true },
      orderBy: [{ rank: 'asc' }, { unit: { name: 'asc' } }],
    });
    return rows.map((s) => this.sheetView(p, round, s));
  }

  async sheet(p: Principal, roundId: string, unitId: string) {
    const round = await this.round(roundId);
    return this.sheetView(p, round, await this.visibleSheet(this.prisma, p, roundId, unitId));
  }

  /** The records behind one computed criterion of one unit's sheet, as stored when the round opened. */
  async trace(p: Principal, roundId: string, unitId: string, key: string) {
    const round = await this.round(roundId);
    const sheet = await this.visibleSheet(this.prisma, p, roundId, unitId);
    const c = (round.definition as unknown as SchemeDefinition).criteria.find((x) => x.key === key);
    const score = sheet.scores.find((s) => s.criterionKey === key);
    if (!c || !score) throw notFound('考核指标', 'ASSESSMENT_CRITERION.NOT_FOUND');
    const f = (score.facts as unknown as Facts | null) ?? { lead: 0, supporting: 0, met: 0, due: 0, records: [] as FactRecord[] };
    return { criterionKey: key, name: c.name, formula: criterionFormula(c), computed: score.computed, points: score.points, lead: f.lead, supporting: f.supporting, met: f.met, due: f.due, records: f.records };
  }

  /** Grades per year for the office and leaders (a round's grades count once they are published). */
  async distribution(p: Principal, planId: string) {
    if (!p.roles.some((r) => r === 'office_admin' || r === 'system_admin' || r === 'leader')) throw new DomainError('AUTH.FORBIDDEN', 403, '等次分布仅供领导小组办公室和领导查看');
    const rows = await this.prisma.$queryRaw<{ year: number; state: RoundRow['state']; grade: string; n: number }[]>`
      SELECT r.year, r.state::text AS state, s.grade, count(*)::int AS n
        FROM assessment_rounds r JOIN assessment_sheets s ON s.round_id = r.id
       WHERE r.plan_id = ${planId}::uuid AND r.state IN ('published', 'appeal', 'frozen')
       GROUP BY r.year, r.state, s.grade ORDER BY r.year`;
    const years = [...new Set(rows.map((r) => r.year))];
    return years.map((year) => {
      const of = rows.filter((r) => r.year === year);
      const counts = Object.fromEntries((['excellent', 'good', 'pass', 'fail'] as Grade[]).map((g) => [g, of.find((r) => r.grade === g)?.n ?? 0])) as Record<Grade, number>;
      return { year, state: of[0].state, units: of.reduce((n, r) => n + r.n, 0), ...counts };
    });
  }

  async versions(roundId: string) {
    await this.round(roundId);
    const rows = await this.prisma.assessmentResultVersion.findMany({ where: { roundId }, orderBy: { number: 'asc' } });
    return rows.map((v) => ({ number: v.number, reason: v.reason, hash: v.hash, createdAt: v.createdAt.toISOString() }));
  }

  async visibleSheet(db: Tx, p: Principal, roundId: string, unitId: string) {
    const sheet = await db.assessmentSheet.findFirst({ where: { AND: [await sheetWhere(db, p, roundId), { unitId }] }, include: { unit: { select: { name: true } }, scores: true } });
    if (!sheet) throw notFound('考核评分表', 'ASSESSMENT_SHEET.NOT_FOUND');
    return sheet;
  }

  private async round(id: string) {
    const [round] = await loadRounds(this.prisma, [id]);
    if (!round) throw notFound('年度考核', 'ASSESSMENT.NOT_FOUND');
    return round;
  }

  sheetView(p: Principal, round: RoundRow, s: Awaited<ReturnType<RoundsService['visibleSheet']>>) {
    const def = round.definition as unknown as SchemeDefinition;
    const open = seesResults(p, round);
    const parts = s.parts as { key: string; raw: number; score: number }[];
    return {
      id: s.id,
      roundId: s.roundId,
      unitId: s.unitId,
      unitName: s.unit.name,
      total: open ? s.total : null,
      grade: open ? s.grade : null,
      gradeName: open ? GRADE_NAMES[s.grade as Grade] : null,
      rank: open ? s.rank : null,
      vetoed: open ? s.vetoed : false,
      limitedByShare: open ? s.limitedByShare : false,
      parts: def.parts.map((d) => {
        const x = parts.find((y) => y.key === d.key);
        return { key: d.key, name: d.name, weight: d.weight, raw: x?.raw ?? 0, score: x?.score ?? 0 };
      }),
      criteria: def.criteria.map((c) => {
        const sc = s.scores.find((x) => x.criterionKey === c.key)!;
        return {
          key: c.key,
          name: c.name,
          partKey: c.partKey,
          type: c.type,
          kind: c.kind ?? null,
          formula: criterionFormula(c),
          computed: sc.computed,
          selfScore: sc.selfScore,
          selfReason: sc.selfReason,
          selfEvidence: sc.selfEvidence,
          evaluatorScore: sc.evaluatorScore,
          evaluatorReason: sc.evaluatorReason,
          adjustedScore: sc.adjustedScore,
          adjustReason: sc.adjustReason,
          vetoTriggered: c.type === 'veto' ? (sc.adjustedVeto ?? sc.vetoTriggered ?? false) : null,
          points: sc.points,
        };
      }),
    };
  }
}
