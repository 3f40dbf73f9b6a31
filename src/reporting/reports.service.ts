import { Injectable } from '@nestjs/common';
import { defineAbilityFor, reportScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { ListReportsQuery, ReportContentDto } from './dto/reporting.dto.js';
import { reportLifecycle } from './report.lifecycle.js';
import { reportInclude, toReportView, type ReportRow } from './report-view.js';

/** Reads and moves single reports; every move goes through the workflow runner (see report.lifecycle.ts). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  async list(p: Principal, periodId: string, query: ListReportsQuery) {
    if (!(await this.prisma.reportingPeriod.count({ where: { id: periodId } }))) throw notFound('调度期', 'PERIOD.NOT_FOUND');
    const rows = await this.prisma.progressReport.findMany({
      where: { AND: [reportScope(defineAbilityFor(p)), { periodId, ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.workItemId ? { workItemId: query.workItemId } : {}), ...(query.state ? { state: query.state } : {}) }] },
      include: reportInclude,
      orderBy: [{ workItem: { sortKey: 'asc' } }, { kind: 'asc' }, { unit: { name: 'asc' } }],
    });
    return rows.map(toReportView);
  }

  /** A report with its history and, for the lead, the contributions it may read. */
  async get(p: Principal, id: string) {
    const report = await this.visible(p, id);
    const [revisions, contributions] = await Promise.all([
      this.prisma.reportRevision.findMany({ where: { reportId: id }, orderBy: { version: 'asc' } }),
      report.kind === 'report'
        ? this.prisma.progressReport.findMany({
            where: { AND: [reportScope(defineAbilityFor(p)), { periodId: report.periodId, workItemId: report.workItemId, kind: 'contribution' }] },
            include: reportInclude,
            orderBy: { unit: { name: 'asc' } },
          })
        : Promise.resolve([] as ReportRow[]),
    ]);
    return {
      ...toReportView(report),
      contributions: contributions.map(toReportView),
      history: revisions.map((r) => ({ version: r.version, action: r.action, state: r.state, content: r.content, reason: r.reason, actorId: r.actorId, at: r.createdAt.toISOString() })),
    };
  }

  async save(p: Principal, id: string, dto: ReportContentDto) {
    const { version, ...input } = dto;
    return toReportView(await this.workflow.apply(reportLifecycle, 'save', p, { id, version, input }));
  }

  /** signOff, accept, return, reopen: the lifecycle decides who may, from which state, and what is written. */
  async move(p: Principal, id: string, transition: 'signOff' | 'accept' | 'return' | 'reopen', version: number, reason?: string) {
    return toReportView(await this.workflow.apply(reportLifecycle, transition, p, { id, version, reason }));
  }

  async visible(p: Principal, id: string): Promise<ReportRow> {
    const report = await this.prisma.progressReport.findFirst({ where: { AND: [reportScope(defineAbilityFor(p)), { id }] }, include: reportInclude });
    if (!report) throw notFound('进展报告', 'REPORT.NOT_FOUND');
    return report;
  }
}
