import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { dayToDate, isoDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { LightsService } from '../lights/lights.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { OpenPeriodDto, ScheduleDto } from './dto/reporting.dto.js';
import { periodCount, periodDates } from './period-dates.js';

@Injectable()
export class PeriodsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly lights: LightsService,
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
   * Opens a 调度 round: one expected report per lead assignment and one expected contribution per
   * supporting assignment. Collectives do not report; their members do, through their fan-out rows.
   */
  async open(planId: string, dto: OpenPeriodDto) {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    if (!plan.reportingCadence || !plan.reportingDueDay) {
      throw new DomainError('PERIOD.NO_SCHEDULE', 422, '请先设置方案的调度频次和报送截止日');
    }
    if (dto.index > periodCount(plan.reportingCadence)) {
      throw new DomainError('PERIOD.BAD_INDEX', 400, `该频次每年只有 ${periodCount(plan.reportingCadence)} 期`, [{ field: 'index', message: '超出范围' }]);
    }
    const dates = periodDates(plan.reportingCadence, dto.year, dto.index, plan.reportingDueDay);
    const result = await this.prisma.$transaction(async (tx) => {
      const exists = await tx.reportingPeriod.findUnique({ where: { planId_startDate_endDate: { planId, startDate: dayToDate(dates.startDate), endDate: dayToDate(dates.endDate) } } });
      if (exists) throw new DomainError('PERIOD.EXISTS', 409, `${dates.label}的调度已开启`, undefined, { periodId: exists.id });
      const period = await tx.reportingPeriod.create({
        data: { planId, cadence: plan.reportingCadence!, label: dates.label, startDate: dayToDate(dates.startDate), endDate: dayToDate(dates.endDate), dueDate: dayToDate(dates.dueDate) },
      });
      const assignments = await tx.assignment.findMany({
        where: { workItem: { planId }, unit: { kind: { not: 'collective' } } },
        select: { id: true, workItemId: true, unitId: true, role: true },
      });
      await tx.progressReport.createMany({
        data: assignments.map((a) => ({ periodId: period.id, workItemId: a.workItemId, assignmentId: a.id, unitId: a.unitId, kind: a.role === 'lead' ? ('report' as const) : ('contribution' as const) })),
      });
      await this.audit.record(tx, { action: 'period.opened', entityType: 'Plan', entityId: planId, after: { periodId: period.id, ...dates, expected: assignments.length } });
      return { id: period.id, ...dates, expected: assignments.length };
    });
    await this.lights.recomputePlan(planId);
    return result;
  }

  async list(planId: string) {
    const periods = await this.prisma.reportingPeriod.findMany({ where: { planId }, orderBy: { startDate: 'asc' } });
    return periods.map((p) => ({ id: p.id, label: p.label, cadence: p.cadence, startDate: isoDay(p.startDate), endDate: isoDay(p.endDate), dueDate: isoDay(p.dueDate), status: p.status }));
  }
}
