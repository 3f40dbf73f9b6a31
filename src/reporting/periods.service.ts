import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import { dayToDate, shanghaiDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { ClosePeriodDto, OpenPeriodDto, ReasonDto, ScheduleDto } from './dto/reporting.dto.js';
import { periodCount, periodDates, periodIndexOf } from './period-dates.js';
import { periodLifecycle, toPeriodView } from './period.lifecycle.js';

@Injectable()
export class PeriodsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  async setSchedule(planId: string, dto: ScheduleDto) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    return this.prisma.$transaction(async (tx) => {
      await tx.plan.update({ where: { id: planId }, data: { reportingCadence: dto.cadence, reportingDueDay: dto.dueDay } });
      await this.audit.record(tx, {
        action: 'plan.schedule_set',
        entityType: 'Plan',
        entityId: planId,
        before: { cadence: plan.reportingCadence, dueDay: plan.reportingDueDay },
        after: { cadence: dto.cadence, dueDay: dto.dueDay },
      });
      return { planId, cadence: dto.cadence, dueDay: dto.dueDay };
    });
  }

  /**
   * Opens a 调度 round: one expected report per current lead assignment and one expected contribution per
   * current supporting assignment. Collectives do not report; their members do, through their fan-out rows.
   * A round whose due day has passed, or one that starts more than one cadence ahead, is usually a slip of
   * the hand: it needs an explicit confirmation and a reason, which the audit trail keeps.
   */
  async open(planId: string, dto: OpenPeriodDto) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    if (!plan.reportingCadence || !plan.reportingDueDay) {
      throw new DomainError('PERIOD.NO_SCHEDULE', 422, '请先设置方案的调度频次和报送截止日');
    }
    const cadence = plan.reportingCadence;
    if (dto.index > periodCount(cadence)) {
      throw new DomainError('PERIOD.BAD_INDEX', 400, `该频次每年只有 ${periodCount(cadence)} 期`, [{ field: 'index', message: `应为 1 到 ${periodCount(cadence)}` }]);
    }
    const dates = periodDates(cadence, dto.year, dto.index, plan.reportingDueDay);
    const today = shanghaiDay(this.clock.now());
    const current = periodIndexOf(cadence, today);
    const next = current.index === periodCount(cadence) ? periodDates(cadence, current.year + 1, 1, 1) : periodDates(cadence, current.year, current.index + 1, 1);
    const unusual = dates.dueDate < today ? `截止日 ${dates.dueDate} 已过` : dates.startDate > next.startDate ? `「${dates.label}」距今超过一个调度周期` : null;
    if (unusual && !(dto.confirm && dto.reason?.trim())) {
      throw new DomainError('PERIOD.NEEDS_CONFIRMATION', 422, `${unusual}：如确需开启，请勾选确认并说明原因`, [
        { field: 'confirm', message: '须为 true' },
        { field: 'reason', message: '须说明原因' },
      ]);
    }
    return this.workflow.transaction(async (w) => {
      const exists = await w.tx.reportingPeriod.findUnique({ where: { planId_startDate_endDate: { planId, startDate: dayToDate(dates.startDate), endDate: dayToDate(dates.endDate) } } });
      if (exists) throw new DomainError('PERIOD.EXISTS', 409, `${dates.label}的调度已开启`, undefined, { periodId: exists.id });
      const period = await w.tx.reportingPeriod.create({
        data: { planId, cadence, label: dates.label, startDate: dayToDate(dates.startDate), endDate: dayToDate(dates.endDate), dueDate: dayToDate(dates.dueDate), statusReason: unusual ? dto.reason : null },
      });
      const assignments = await w.tx.assignment.findMany({
        where: { workItem: { planId }, endedAt: null, unit: { kind: { not: 'collective' } } },
        select: { id: true, workItemId: true, unitId: true, role: true },
      });
      await w.tx.progressReport.createMany({
        data: assignments.map((a) => ({ periodId: period.id, workItemId: a.workItemId, assignmentId: a.id, unitId: a.unitId, kind: a.role === 'lead' ? ('report' as const) : ('contribution' as const) })),
      });
      await w.audit([
        {
          action: 'period.opened',
          entityType: 'ReportingPeriod',
          entityId: period.id,
          related: { type: 'Plan', id: planId },
          after: { planId, ...dates, expected: assignments.length, ...(unusual ? { confirmed: unusual, reason: dto.reason } : {}) },
        },
      ]);
      await w.announce([{ type: 'period.opened', aggregateType: 'ReportingPeriod', aggregateId: period.id, payload: { planId, periodId: period.id } }]);
      return { ...toPeriodView(period), expected: assignments.length };
    });
  }

  async list(planId: string) {
    if (!(await this.prisma.plan.count({ where: { id: planId } }))) throw notFound('方案', 'PLAN.NOT_FOUND');
    const periods = await this.prisma.reportingPeriod.findMany({ where: { planId }, orderBy: { startDate: 'asc' } });
    return periods.map(toPeriodView);
  }

  async close(p: Principal, id: string, dto: ClosePeriodDto) {
    return toPeriodView(await this.workflow.apply(periodLifecycle, 'close', p, { id, version: dto.version, reason: dto.reason }));
  }

  async reopen(p: Principal, id: string, dto: ReasonDto) {
    return toPeriodView(await this.workflow.apply(periodLifecycle, 'reopen', p, { id, version: dto.version, reason: dto.reason }));
  }
}
