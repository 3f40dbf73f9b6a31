import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { dayToDate, isoDay, shanghaiDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { Refusal } from '../workflow/lifecycle.js';
import { WorkflowService, type WorkflowTx } from '../workflow/workflow.service.js';
import { adjustmentRefusal, appealLifecycle, loadAppeals, toAppealView } from './appeal.lifecycle.js';
import { OUTCOME_NAMES, type AssignEvaluatorDto, type CorrectionDto, type DecideAppealDto, type FileAppealDto, type OutcomeDto, type ScoreEntryDto, type SelfAssessmentDto } from './dto/round.dto.js';
import { recomputeRound, roundResults } from './results.js';
import { oneMonthAfter, resultsHash, roundLifecycle, type RoundRow } from './round.lifecycle.js';
import { RoundsService, sheetWhere } from './rounds.service.js';
import type { SchemeDefinition } from './scheme-rules.js';

const refuse = (r: Refusal) => new DomainError(r.code, r.status, r.message, r.field ? [{ field: r.field, message: r.message }] : undefined);
const isOffice = (p: Principal) => p.roles.includes('office_admin') || p.roles.includes('system_admin');

/** Every write on a round's sheets: each runs with the round locked and its state checked (round.lifecycle.ts). */
@Injectable()
export class ScoresService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly rounds: RoundsService,
  ) {}

  /** 自评: the unit scores its own judged criteria, with a reason and evidence; the score it claims does not count until reviewed. */
  async selfAssess(p: Principal, roundId: string, unitId: string, key: string, dto: SelfAssessmentDto) {
    return this.onSheet(p, roundId, unitId, key, 'self_assess', async (w, round, c, sheetId) => {
      if (unitId !== p.unitId) throw new DomainError('AUTH.FORBIDDEN', 403, '只有被考核单位本身可以自评');
      if (c.type !== 'judged') throw new DomainError('ASSESSMENT.NOT_JUDGED', 422, `「${c.name}」由数据计算或认定，不需自评`, [{ field: 'criterionKey', message: '不是评分类指标' }]);
      const bad = adjustmentRefusal(c, dto);
      if (bad) throw refuse(bad);
      await w.tx.assessmentScore.update({ where: { sheetId_criterionKey: { sheetId, criterionKey: key } }, data: { selfScore: dto.score, selfReason: dto.reason, selfEvidence: dto.evidence ?? null } });
      await w.audit([{ action: 'assessment.self_assessed', entityType: 'AssessmentSheet', entityId: sheetId, related: { type: 'AssessmentRound', id: round.id }, after: { criterionKey: key, score: dto.score, reason: dto.reason, evidence: dto.evidence ?? null } }]);
    });
  }

  /** An evaluator scores only the criteria of the units assigned to them (the office may score any). */
  async evaluate(p: Principal, roundId: string, unitId: string, key: string, dto: ScoreEntryDto) {
    return this.onSheet(p, roundId, unitId, key, 'evaluate', async (w, round, c, sheetId) => {
      if (!isOffice(p) && !(await w.tx.assessmentEvaluator.findFirst({ where: { roundId, userId: p.userId, unitId, criterionKey: key } }))) {
        throw new DomainError('AUTH.FORBIDDEN', 403, `未指定您评「${c.name}」这一项`);
      }
      if (c.type === 'computed' || c.kind) throw new DomainError('ASSESSMENT.NOT_JUDGED', 422, `「${c.name}」由数据计算，不能评分；如需更正请由领导小组办公室复核调整`, [{ field: 'criterionKey', message: '不是评分类指标' }]);
      const bad = adjustmentRefusal(c, dto);
      if (bad) throw refuse(bad);
      await w.tx.assessmentScore.update({
        where: { sheetId_criterionKey: { sheetId, criterionKey: key } },
        data: { ...(c.type === 'veto' ? { vetoTriggered: dto.triggered } : { evaluatorScore: dto.score }), evaluatorReason: dto.reason, evaluatorId: p.userId },
      });
      await recomputeRound(w.tx, round.id);
      await w.audit([{ action: 'assessment.evaluated', entityType: 'AssessmentSheet', entityId: sheetId, related: { type: 'AssessmentRound', id: round.id }, after: { criterionKey: key, score: dto.score ?? null, triggered: dto.triggered ?? null, reason: dto.reason } }]);
    });
  }

  /** 复核: the office changes any criterion's score with a reason; the computed value and the evaluator's stay visible. */
  async adjust(p: Principal, roundId: string, unitId: string, key: string, dto: ScoreEntryDto) {
    return this.onSheet(p, roundId, unitId, key, 'adjust', async (w, round, c, sheetId) => {
      const bad = adjustmentRefusal(c, dto);
      if (bad) throw refuse(bad);
      const before = await w.tx.assessmentScore.findUniqueOrThrow({ where: { sheetId_criterionKey: { sheetId, criterionKey: key } } });
      await w.tx.assessmentScore.update({
        where: { id: before.id },
        data: { ...(c.type === 'veto' ? { adjustedVeto: dto.triggered } : { adjustedScore: dto.score }), adjustReason: dto.reason, adjustedById: p.userId },
      });
      await recomputeRound(w.tx, round.id);
      await w.audit([
        {
          action: 'assessment.adjusted',
          entityType: 'AssessmentSheet',
          entityId: sheetId,
          related: { type: 'AssessmentRound', id: round.id },
          before: { criterionKey: key, points: before.points, adjustedScore: before.adjustedScore, adjustedVeto: before.adjustedVeto },
          after: { criterionKey: key, score: dto.score ?? null, triggered: dto.triggered ?? null, reason: dto.reason },
        },
      ]);
    });
  }

  /** What the office assigned the caller to score in a round (an evaluator's own list; the office's is empty). */
  async myEvaluations(p: Principal, roundId: string) {
    if (!(await this.prisma.assessmentRound.findUnique({ where: { id: roundId }, select: { id: true } }))) throw notFound('年度考核', 'ASSESSMENT.NOT_FOUND');
    return this.prisma.assessmentEvaluator.findMany({
      where: { roundId, userId: p.userId },
      select: { unitId: true, criterionKey: true },
      orderBy: [{ unitId: 'asc' }, { criterionKey: 'asc' }],
    });
  }

  async assignEvaluators(p: Principal, roundId: string, dto: AssignEvaluatorDto) {
    return this.workflow.withLocked(roundLifecycle, 'assign_evaluators', p, roundId, async (w, round) => {
      const user = await w.tx.user.findUnique({ where: { id: dto.userId } });
      if (!user || !user.roles.includes('evaluator')) throw new DomainError('ASSESSMENT.NOT_EVALUATOR', 422, '该账号不存在或不是评估人（evaluator）', [{ field: 'userId', message: '不是评估人' }]);
      const def = round.definition as unknown as SchemeDefinition;
      dto.criterionKeys.forEach((k, i) => {
        const c = def.criteria.find((x) => x.key === k);
        if (!c) throw new DomainError('VALIDATION', 400, `指标「${k}」不在本年度方案中`, [{ field: `criterionKeys[${i}]`, message: '不存在' }]);
        if (c.type === 'computed' || c.kind) throw new DomainError('VALIDATION', 400, `「${c.name}」由数据计算，不需评估人`, [{ field: `criterionKeys[${i}]`, message: '不是评分类指标' }]);
      });
      const sheets = await w.tx.assessmentSheet.findMany({ where: { roundId, unitId: { in: dto.unitIds } }, select: { unitId: true } });
      const missing = dto.unitIds.findIndex((u) => !sheets.some((s) => s.unitId === u));
      if (missing >= 0) throw new DomainError('VALIDATION', 400, '该单位不在本轮考核对象中', [{ field: `unitIds[${missing}]`, message: '不是考核对象' }]);
      const data = dto.unitIds.flatMap((unitId) => dto.criterionKeys.map((criterionKey) => ({ roundId, userId: dto.userId, unitId, criterionKey })));
      const { count } = await w.tx.assessmentEvaluator.createMany({ data, skipDuplicates: true });
      await w.audit([{ action: 'assessment.evaluators_assigned', entityType: 'AssessmentRound', entityId: roundId, after: { userId: dto.userId, unitIds: dto.unitIds, criterionKeys: dto.criterionKeys } }]);
      return { created: count };
    });
  }

  /** 申诉: the unit contests one criterion of its own published sheet within the window. */
  async fileAppeal(p: Principal, roundId: string, unitId: string, key: string, dto: FileAppealDto) {
    return this.workflow.withLocked(roundLifecycle, 'file_appeal', p, roundId, async (w, round) => {
      const sheet = await this.rounds.visibleSheet(w.tx, p, roundId, unitId);
      if (unitId !== p.unitId) throw new DomainError('AUTH.FORBIDDEN', 403, '只有被考核单位本身可以申诉');
      const c = this.criterion(round, key);
      if (await w.tx.assessmentAppeal.findFirst({ where: { sheetId: sheet.id, criterionKey: key, status: 'pending' } })) {
        throw new DomainError('ASSESSMENT_APPEAL.PENDING', 409, `「${c.name}」已有待处理的申诉`);
      }
      const a = await w.tx.assessmentAppeal.create({ data: { sheetId: sheet.id, criterionKey: key, reason: dto.reason, filedById: p.userId } });
      await w.audit([{ action: 'assessment.appeal_filed', entityType: 'AssessmentAppeal', entityId: a.id, related: { type: 'AssessmentRound', id: roundId }, after: { unitId, criterionKey: key, reason: dto.reason } }]);
      return toAppealView((await loadAppeals(w.tx, { id: a.id }))[0]);
    });
  }

  async appeals(p: Principal, roundId: string) {
    await this.rounds.get(roundId);
    const rows = await loadAppeals(this.prisma, { sheet: await sheetWhere(this.prisma, p, roundId) });
    return rows.map(toAppealView);
  }

  async decideAppeal(p: Principal, id: string, accept: boolean, dto: DecideAppealDto) {
    const appeal = await this.prisma.assessmentAppeal.findUnique({ where: { id }, select: { sheet: { select: { roundId: true } } } });
    if (!appeal) throw notFound('申诉', 'ASSESSMENT_APPEAL.NOT_FOUND');
    return this.workflow.transaction(async (w) => {
      // The round first, as every other write on it does: a freeze cannot run between the check and the decision.
      await roundLifecycle.lock(w.tx, [appeal.sheet.roundId]);
      const [row] = await w.apply(appealLifecycle, accept ? 'accept' : 'reject', p, [
        { id, version: dto.version, reason: dto.reason, input: accept ? { score: dto.score, triggered: dto.triggered } : undefined },
      ]);
      return toAppealView(row);
    });
  }

  /** After the freeze: a correction with a reason makes a new result version (the earlier ones are kept with their hashes). */
  async correct(p: Principal, roundId: string, dto: CorrectionDto) {
    return this.workflow.withLocked(roundLifecycle, 'correct', p, roundId, async (w, round) => {
      const c = this.criterion(round, dto.criterionKey, 'criterionKey');
      const sheet = await w.tx.assessmentSheet.findUnique({ where: { roundId_unitId: { roundId, unitId: dto.unitId } } });
      if (!sheet) throw new DomainError('VALIDATION', 400, '该单位不在本轮考核对象中', [{ field: 'unitId', message: '不是考核对象' }]);
      const bad = adjustmentRefusal(c, dto);
      if (bad) throw refuse(bad);
      await w.tx.assessmentScore.update({
        where: { sheetId_criterionKey: { sheetId: sheet.id, criterionKey: c.key } },
        data: { ...(c.type === 'veto' ? { adjustedVeto: dto.triggered } : { adjustedScore: dto.score }), adjustReason: `更正：${dto.reason}`, adjustedById: p.userId },
      });
      await recomputeRound(w.tx, roundId);
      const results = await roundResults(w.tx, roundId);
      const hash = resultsHash(results);
      const number = round.resultVersion + 1;
      await w.tx.assessmentResultVersion.create({ data: { roundId, number, reason: dto.reason, results: results as object, hash, createdById: p.userId } });
      await w.tx.assessmentRound.update({ where: { id: roundId }, data: { resultVersion: number, version: { increment: 1 } } });
      await w.audit([{ action: 'assessment.corrected', entityType: 'AssessmentRound', entityId: roundId, after: { resultVersion: number, hash, unitId: dto.unitId, criterionKey: c.key, score: dto.score ?? null, triggered: dto.triggered ?? null, reason: dto.reason } }]);
      return { number, reason: dto.reason, hash, createdAt: w.now.toISOString() };
    });
  }

  /** 考核结果运用: recorded from a frozen round; 整改 needs a due date (at most a month for a 不合格 unit). */
  async addOutcome(p: Principal, roundId: string, dto: OutcomeDto) {
    return this.workflow.withLocked(roundLifecycle, 'record_outcome', p, roundId, async (w) => {
      const sheet = await w.tx.assessmentSheet.findUnique({ where: { roundId_unitId: { roundId, unitId: dto.unitId } }, include: { unit: { select: { name: true } } } });
      if (!sheet) throw new DomainError('VALIDATION', 400, '该单位不在本轮考核对象中', [{ field: 'unitId', message: '不是考核对象' }]);
      if (dto.kind === 'rectification') {
        if (!dto.dueDate) throw new DomainError('VALIDATION', 400, '整改须给出期限 dueDate', [{ field: 'dueDate', message: '必填' }]);
        const today = shanghaiDay(w.now);
        if (dto.dueDate < today) throw new DomainError('VALIDATION', 400, `整改期限不能早于今天 ${today}`, [{ field: 'dueDate', message: '早于今天' }]);
        const limit = isoDay(oneMonthAfter(today));
        if (sheet.grade === 'fail' && dto.dueDate > limit) throw new DomainError('VALIDATION', 400, `不合格单位须在一个月内报送整改方案，期限不能晚于 ${limit}`, [{ field: 'dueDate', message: `不晚于 ${limit}` }]);
      }
      if ((dto.kind === 'commendation' || dto.kind === 'praise') && sheet.grade === 'fail') {
        throw new DomainError('ASSESSMENT.OUTCOME_MISMATCH', 422, `${sheet.unit.name}考核等次为不合格，不能${OUTCOME_NAMES[dto.kind]}`, [{ field: 'kind', message: '与等次不符' }]);
      }
      const o = await w.tx.assessmentOutcome.create({
        data: { roundId, unitId: dto.unitId, kind: dto.kind, note: dto.note, dueDate: dto.dueDate ? dayToDate(dto.dueDate) : null, createdById: p.userId },
        include: { unit: { select: { name: true } } },
      });
      await w.audit([{ action: 'assessment.outcome_recorded', entityType: 'AssessmentRound', entityId: roundId, after: { unitId: dto.unitId, kind: dto.kind, note: dto.note, dueDate: dto.dueDate ?? null } }]);
      return toOutcomeView(o);
    });
  }

  /** Outcomes are visible to the office and leaders, and to each unit and the units above it. */
  async outcomes(p: Principal, roundId: string) {
    await this.rounds.get(roundId);
    const wide = p.roles.some((r) => r === 'office_admin' || r === 'system_admin' || r === 'leader');
    const rows = await this.prisma.assessmentOutcome.findMany({
      where: { roundId, ...(wide ? {} : { unitId: { in: p.scopeUnitIds } }) },
      include: { unit: { select: { name: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toOutcomeView);
  }

  private criterion(round: RoundRow, key: string, field = 'criterionKey') {
    const c = (round.definition as unknown as SchemeDefinition).criteria.find((x) => x.key === key);
    if (!c) throw new DomainError('ASSESSMENT_CRITERION.NOT_FOUND', 404, `指标「${key}」不在本年度方案中`, [{ field, message: '不存在' }]);
    return c;
  }

  /** A write on one criterion of one visible sheet, with the round locked in a state that allows it; answers the sheet. */
  private async onSheet(
    p: Principal,
    roundId: string,
    unitId: string,
    key: string,
    as: string,
    fn: (w: WorkflowTx, round: RoundRow, c: SchemeDefinition['criteria'][number], sheetId: string) => Promise<void>,
  ) {
    return this.workflow.withLocked(roundLifecycle, as, p, roundId, async (w, round) => {
      const sheet = await this.rounds.visibleSheet(w.tx, p, roundId, unitId);
      await fn(w, round, this.criterion(round, key), sheet.id);
      return this.rounds.sheetView(p, round, await this.rounds.visibleSheet(w.tx, p, roundId, unitId));
    });
  }
}

export const toOutcomeView = (o: { id: string; roundId: string; unitId: string; unit: { name: string }; kind: keyof typeof OUTCOME_NAMES; note: string; dueDate: Date | null; createdAt: Date }) => ({
  id: o.id,
  roundId: o.roundId,
  unitId: o.unitId,
  unitName: o.unit.name,
  kind: o.kind,
  kindName: OUTCOME_NAMES[o.kind],
  note: o.note,
  dueDate: isoDay(o.dueDate),
  createdAt: o.createdAt.toISOString(),
});
