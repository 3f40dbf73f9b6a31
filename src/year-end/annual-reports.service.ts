import { Injectable } from '@nestjs/common';
import { actualScope, annualReportScope, defineAbilityFor } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { AnnualContent } from './annual-report.lifecycle.js';
import { annualReportLifecycle } from './annual-report.lifecycle.js';
import { annualReportInclude, toAnnualReportView } from './annual-report-view.js';
import type { AnnualDecisionDto, AnnualVersionDto, SaveAnnualReportDto } from './dto/year-end.dto.js';

/** One unit's annual report: read (with its actuals and every version), edit, sign off, accept, return, reopen. */
@Injectable()
export class AnnualReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  async get(p: Principal, id: string) {
    const r = await this.prisma.annualReport.findFirst({
      where: { AND: [annualReportScope(defineAbilityFor(p)), { id }] },
      include: { ...annualReportInclude, revisions: { orderBy: { version: 'asc' } } },
    });
    if (!r) throw notFound('年度报告', 'ANNUAL_REPORT.NOT_FOUND');
    const actuals = await this.prisma.indicatorActual.findMany({
      where: { AND: [actualScope(defineAbilityFor(p)), { unitId: r.unitId, year: r.cycle.year, indicator: { planId: r.cycle.planId } }] },
      include: { indicator: { select: { name: true, unit: true } } },
      omit: { evidenceContent: true },
      orderBy: { indicator: { name: 'asc' } },
    });
    return {
      ...toAnnualReportView(r),
      actuals: actuals.map((a) => ({ indicatorId: a.indicatorId, indicatorName: a.indicator.name, unit: a.indicator.unit, value: Number(a.value), source: a.source, verification: a.verification })),
      history: r.revisions.map((h) => ({ version: h.version, action: h.action, state: h.state, reason: h.reason, content: h.content as object, at: h.createdAt.toISOString() })),
    };
  }

  async save(p: Principal, id: string, dto: SaveAnnualReportDto) {
    const { version, ...content } = dto;
    const input: AnnualContent = content;
    return toAnnualReportView(await this.workflow.apply(annualReportLifecycle, 'save', p, { id, version, input }));
  }

  async signOff(p: Principal, id: string, dto: AnnualVersionDto) {
    return toAnnualReportView(await this.workflow.apply(annualReportLifecycle, 'signOff', p, { id, version: dto.version }));
  }

  async decide(p: Principal, id: string, transition: 'accept' | 'return' | 'reopen', dto: AnnualDecisionDto) {
    return toAnnualReportView(await this.workflow.apply(annualReportLifecycle, transition, p, { id, version: dto.version, reason: dto.reason }));
  }
}
