import { Injectable } from '@nestjs/common';
import { annualReportScope, defineAbilityFor } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { dayToDate, isoDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { WorkflowService, type WorkflowTx } from '../workflow/workflow.service.js';
import { annualContentOf, isLate } from './annual-report-view.js';
import type { AddObligationDto, DropObligationDto, OpenCycleDto } from './dto/year-end.dto.js';
import { prefillItems } from './prefill.js';

type CycleWith = Prisma.YearEndCycleGetPayload<{ include: { reports: { include: { unit: { select: { name: true } } } } } }>;

/** The year-end cycle: who must report, by when and to whom; the office adds or drops units with a reason. */
@Injectable()
export class YearEndService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  /**
   * Opens the year's cycle: every unit with a current assignment in the plan (collectives stand for their
   * members, who have their own fan-out rows) gets one prefilled annual report, all in one transaction.
   */
  async open(p: Principal, planId: string, dto: OpenCycleDto) {
    return this.workflow.transaction(async (w) => {
      const plan = await w.tx.plan.findUnique({ where: { id: planId }, include: { jurisdiction: { select: { name: true } } } });
      if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
      const [from, to] = [plan.horizonStartYear, plan.horizonEndYear];
      if ((from && dto.year < from) || (to && dto.year > to)) {
        throw new DomainError('YEAR_END.YEAR_OUTSIDE_PLAN', 422, `报告年度 ${dto.year} 不在方案期限（${from ?? '—'}—${to ?? '—'} 年）内`, [{ field: 'year', message: `须在 ${from ?? '—'}—${to ?? '—'} 之间` }]);
      }
      const dueDate = dto.dueDate ?? `${dto.year}-12-31`;
      if (Number(dueDate.slice(0, 4)) < dto.year) {
        throw new DomainError('VALIDATION', 400, `截止日期 ${dueDate} 早于报告年度 ${dto.year} 年`, [{ field: 'dueDate', message: `不能早于 ${dto.year} 年` }]);
      }
      // Serialises two openings of the same year; the unique key is the last word.
      await w.tx.$queryRaw`SELECT id FROM plans WHERE id = ${planId}::uuid FOR NO KEY UPDATE`;
      const existing = await w.tx.yearEndCycle.findUnique({ where: { planId_year: { planId, year: dto.year } } });
      if (existing) throw new DomainError('YEAR_END.CYCLE_EXISTS', 409, `${dto.year} 年度报告已开启，不能重复开启`, [{ field: 'year', message: '该年度已开启' }], { cycleId: existing.id });
      const cycle = await w.tx.yearEndCycle.create({
        data: { planId, year: dto.year, dueDate: dayToDate(dueDate), recipient: dto.recipient ?? `${plan.jurisdiction.name}碳达峰碳中和工作领导小组办公室`, openedById: p.userId },
      });
      const units = await w.tx.assignment.findMany({
        where: { workItem: { planId }, endedAt: null, unit: { kind: { not: 'collective' } } },
        distinct: ['unitId'],
        select: { unitId: true },
      });
      for (const { unitId } of units) await this.createReport(w, p, cycle, unitId, null);
      await w.audit([{ action: 'year_end.opened', entityType: 'YearEndCycle', entityId: cycle.id, after: { planId, year: dto.year, dueDate, recipient: cycle.recipient, units: units.length } }]);
      await w.announce([{ type: 'year_end.opened', aggregateType: 'YearEndCycle', aggregateId: cycle.id, payload: { planId, year: dto.year } }]);
      return this.view(p, cycle.id, w.tx);
    });
  }

  async list(p: Principal, planId: string) {
    const cycles = await this.prisma.yearEndCycle.findMany({ where: { planId }, orderBy: { year: 'desc' }, select: { id: true } });
    return Promise.all(cycles.map((c) => this.view(p, c.id)));
  }

  async get(p: Principal, id: string) {
    return this.view(p, id);
  }

  /** The caller's own annual report in a cycle; a unit the cycle does not oblige has none. */
  async mine(p: Principal, cycleId: string) {
    const cycle = await this.prisma.yearEndCycle.findUnique({ where: { id: cycleId } });
    if (!cycle) throw notFound('年度报告', 'YEAR_END.NOT_FOUND');
    const report = await this.prisma.annualReport.findUnique({ where: { cycleId_unitId: { cycleId, unitId: p.unitId } }, select: { id: true, droppedAt: true } });
    if (!report || report.droppedAt) throw new DomainError('ANNUAL_REPORT.NO_OBLIGATION', 404, `本单位不在 ${cycle.year} 年度报告的应报单位之列，无需报送`);
    return report.id;
  }

  async addUnit(p: Principal, cycleId: string, dto: AddObligationDto) {
    return this.workflow.transaction(async (w) => {
      const cycle = await this.lockCycle(w.tx, cycleId);
      const unit = await w.tx.unit.findUnique({ where: { id: dto.unitId } });
      if (!unit) throw new DomainError('UNIT.NOT_FOUND', 422, '单位不存在', [{ field: 'unitId', message: '单位不存在' }]);
      if (unit.kind === 'collective') throw new DomainError('VALIDATION', 422, `「${unit.name}」是统称，请逐一添加其所指的单位`, [{ field: 'unitId', message: '不能是统称' }]);
      const existing = await w.tx.annualReport.findUnique({ where: { cycleId_unitId: { cycleId, unitId: dto.unitId } } });
      if (existing && !existing.droppedAt) throw new DomainError('YEAR_END.ALREADY_OBLIGED', 409, `「${unit.name}」已在应报单位之列`, [{ field: 'unitId', message: '已在应报单位之列' }]);
      if (existing) {
        // Back on the list: what it had written is still there.
        await this.changeObligation(w, p, existing.id, { droppedAt: null, dropReason: null, addedReason: dto.reason }, 'annual_report.obligation_restored', dto.reason);
      } else {
        await this.createReport(w, p, cycle, dto.unitId, dto.reason);
      }
      return this.view(p, cycleId, w.tx);
    });
  }

  async dropUnit(p: Principal, cycleId: string, unitId: string, dto: DropObligationDto) {
    return this.workflow.transaction(async (w) => {
      await this.lockCycle(w.tx, cycleId);
      const existing = await w.tx.annualReport.findUnique({ where: { cycleId_unitId: { cycleId, unitId } }, include: { unit: { select: { name: true } } } });
      if (!existing || existing.droppedAt) throw new DomainError('ANNUAL_REPORT.NO_OBLIGATION', 404, '该单位不在本年度的应报单位之列');
      if (existing.state === 'accepted') throw new DomainError('ANNUAL_REPORT.LOCKED', 409, `「${existing.unit.name}」的年度报告已采纳，不能免报`, [{ field: 'unitId', message: '报告已采纳' }]);
      // The report and what it holds stay, marked as no longer due.
      await this.changeObligation(w, p, existing.id, { droppedAt: w.now, dropReason: dto.reason }, 'annual_report.obligation_dropped', dto.reason);
      return this.view(p, cycleId, w.tx);
    });
  }

  private async lockCycle(tx: Tx, cycleId: string) {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM year_end_cycles WHERE id = ${cycleId}::uuid FOR NO KEY UPDATE`;
    if (!row) throw notFound('年度报告', 'YEAR_END.NOT_FOUND');
    const cycle = await tx.yearEndCycle.findUniqueOrThrow({ where: { id: cycleId } });
    if (cycle.status !== 'open') throw new DomainError('YEAR_END.CLOSED', 409, `${cycle.year} 年度报告已结束`);
    return cycle;
  }

  private async createReport(w: WorkflowTx, p: Principal, cycle: { id: string; planId: string; year: number }, unitId: string, addedReason: string | null) {
    const items = await prefillItems(w.tx, cycle.planId, unitId, cycle.year);
    const report = await w.tx.annualReport.create({ data: { cycleId: cycle.id, unitId, items: items as unknown as Prisma.InputJsonValue, addedReason } });
    await w.tx.annualReportRevision.create({
      data: { reportId: report.id, version: 1, action: 'annual_report.created', state: 'draft', content: annualContentOf(report) as unknown as Prisma.InputJsonValue, reason: addedReason, actorId: p.userId },
    });
    await w.audit([{ action: 'annual_report.created', entityType: 'AnnualReport', entityId: report.id, after: { cycleId: cycle.id, unitId, items: items.length, ...(addedReason ? { reason: addedReason } : {}) } }]);
  }

  private async changeObligation(w: WorkflowTx, p: Principal, id: string, data: Prisma.AnnualReportUpdateInput, action: string, reason: string) {
    const after = await w.tx.annualReport.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
    await w.tx.annualReportRevision.create({
      data: { reportId: id, version: after.version, action, state: after.state, content: annualContentOf(after) as unknown as Prisma.InputJsonValue, reason, actorId: p.userId },
    });
    await w.audit([{ action, entityType: 'AnnualReport', entityId: id, after: { unitId: after.unitId, reason } }]);
  }

  private async view(p: Principal, id: string, tx: Tx | PrismaService = this.prisma) {
    const cycle: CycleWith | null = await tx.yearEndCycle.findUnique({
      where: { id },
      include: { reports: { where: annualReportScope(defineAbilityFor(p)), include: { unit: { select: { name: true } } }, orderBy: [{ unit: { kind: 'asc' } }, { unit: { name: 'asc' } }] } },
    });
    if (!cycle) throw notFound('年度报告', 'YEAR_END.NOT_FOUND');
    return {
      id: cycle.id,
      planId: cycle.planId,
      year: cycle.year,
      dueDate: isoDay(cycle.dueDate),
      recipient: cycle.recipient,
      status: cycle.status,
      summaryFinalisedAt: cycle.summaryFinalisedAt?.toISOString() ?? null,
      version: cycle.version,
      createdAt: cycle.createdAt.toISOString(),
      reports: cycle.reports.map((r) => ({
        id: r.id,
        unitId: r.unitId,
        unitName: r.unit.name,
        state: r.state,
        addedReason: r.addedReason,
        droppedAt: r.droppedAt?.toISOString() ?? null,
        dropReason: r.dropReason,
        firstSubmittedAt: r.firstSubmittedAt?.toISOString() ?? null,
        late: isLate({ firstSubmittedAt: r.firstSubmittedAt, cycle }),
        version: r.version,
      })),
    };
  }
}
