import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Clock } from '../clock/clock.js';
import { LightsService } from '../lights/lights.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { BatchDto } from './dto/reporting.dto.js';
import { contentOf, reportInclude, toReportView } from './report-view.js';
import { ReportsService } from './reports.service.js';

/** 最多报一次: one screen and one request for all of a unit's items in a period. */
@Injectable()
export class ReportBatchService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reports: ReportsService,
    private readonly lights: LightsService,
    private readonly clock: Clock,
  ) {}

  /** The unit's reports of the period, each prefilled from its last accepted report and, for a lead, with the contributions signed off so far. */
  async screen(p: Principal, periodId: string) {
    const period = await this.prisma.reportingPeriod.findUnique({ where: { id: periodId } });
    if (!period) throw notFound('调度期', 'PERIOD.NOT_FOUND');
    const own = await this.prisma.progressReport.findMany({ where: { periodId, unitId: p.unitId }, include: reportInclude, orderBy: [{ workItem: { sortKey: 'asc' } }, { kind: 'asc' }] });
    const assignmentIds = own.map((r) => r.assignmentId);
    const [previous, contributions] = await Promise.all([
      this.prisma.progressReport.findMany({
        where: { assignmentId: { in: assignmentIds }, state: 'accepted', period: { endDate: { lt: period.startDate } } },
        orderBy: { period: { endDate: 'desc' } },
      }),
      this.prisma.progressReport.findMany({
        where: { periodId, kind: 'contribution', state: { in: ['submitted', 'accepted'] }, workItemId: { in: own.filter((r) => r.kind === 'report').map((r) => r.workItemId) } },
        include: reportInclude,
      }),
    ]);
    const lastAccepted = new Map<string, (typeof previous)[number]>();
    for (const r of previous) if (!lastAccepted.has(r.assignmentId)) lastAccepted.set(r.assignmentId, r);
    return {
      period: { id: period.id, label: period.label, dueDate: period.dueDate.toISOString().slice(0, 10) },
      items: own.map((r) => {
        const prior = lastAccepted.get(r.assignmentId);
        return {
          ...toReportView(r),
          prefill: prior ? contentOf(prior) : null,
          contributions: r.kind === 'report' ? contributions.filter((c) => c.workItemId === r.workItemId).map(toReportView) : [],
        };
      }),
    };
  }

  /** Saves every item, and signs them off when asked; one transaction, so one bad item leaves all untouched. */
  async submit(p: Principal, periodId: string, dto: BatchDto) {
    if (dto.signOff && !p.roles.includes('unit_head')) throw new DomainError('AUTH.FORBIDDEN', 403, '只有单位负责人可以审核报送');
    const ids = dto.items.map((i) => i.reportId);
    if (new Set(ids).size !== ids.length) throw new DomainError('REPORT.BATCH_DUPLICATE', 400, '同一报告在请求中出现多次');
    const reports = await this.prisma.progressReport.findMany({ where: { id: { in: ids }, periodId, unitId: p.unitId }, include: reportInclude });
    const byId = new Map(reports.map((r) => [r.id, r]));
    const foreign = dto.items.map((item, index) => ({ item, index })).filter(({ item }) => !byId.has(item.reportId));
    if (foreign.length) {
      throw new DomainError('REPORT.NOT_FOUND', 404, '请求中有不属于本单位本期的报告', foreign.map(({ index }) => ({ field: `items[${index}].reportId`, message: '不存在' })));
    }
    const now = this.clock.now();
    const saved = await this.prisma.$transaction(async (tx) => {
      const out = [];
      for (const [index, item] of dto.items.entries()) {
        const field = `items[${index}].`;
        let row = await this.reports.saveIn(tx, p, byId.get(item.reportId)!, item, field);
        if (dto.signOff) {
          row = await this.reports.transitionIn(tx, p, row, row.version, {
            action: 'report.signed_off',
            from: ['draft'],
            to: 'submitted',
            data: { submittedAt: now, firstSubmittedAt: row.firstSubmittedAt ?? now, returnReason: null },
          }, field);
        }
        out.push(row);
      }
      return out;
    }, { timeout: 60_000 });
    await this.lights.recomputeItems([...new Set(saved.map((r) => r.workItemId))]);
    return saved.map(toReportView);
  }
}
