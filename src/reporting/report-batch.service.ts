import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { WorkflowService, type BatchPath } from '../workflow/workflow.service.js';
import type { BatchDto } from './dto/reporting.dto.js';
import { reportLifecycle } from './report.lifecycle.js';
import { contentOf, reportInclude, toReportView } from './report-view.js';

const BATCH: BatchPath = { path: 'items', idField: 'reportId' };

/** 最多报一次: one screen and one request for all of a unit's items in a period. */
@Injectable()
export class ReportBatchService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
  ) {}

  /**
   * Every period in which the caller's unit owes something (its current assignments), with how much is left:
   * the 本单位填报 screen opens on the open period with work to do, across however many plans the unit is in.
   */
  async myPeriods(p: Principal) {
    const rows = await this.prisma.$queryRaw<{ id: string; plan_id: string; plan_title: string; label: string; due_date: Date; status: string; total: bigint; to_do: bigint; done: bigint }[]>`
      SELECT p.id::text, p.plan_id::text, pl.title AS plan_title, p.label, p.due_date, p.status::text,
             count(*) AS total,
             count(*) FILTER (WHERE r.state IN ('pending', 'draft', 'returned')) AS to_do,
             count(*) FILTER (WHERE r.state IN ('submitted', 'accepted')) AS done
      FROM progress_reports r
      JOIN assignments a ON a.id = r.assignment_id AND a.ended_at IS NULL
      JOIN reporting_periods p ON p.id = r.period_id
      JOIN plans pl ON pl.id = p.plan_id
      WHERE r.unit_id = ${p.unitId}::uuid
      GROUP BY p.id, pl.title
      ORDER BY p.due_date DESC, pl.title, p.id`;
    return rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      planTitle: r.plan_title,
      label: r.label,
      dueDate: r.due_date.toISOString().slice(0, 10),
      status: r.status,
      total: Number(r.total),
      toDo: Number(r.to_do),
      done: Number(r.done),
    }));
  }

  /**
   * The unit's reports of the period (those it still owes: its assignment is current), each prefilled from
   * what the unit last reported on the same assignment: the last accepted report, or for a contribution the
   * last one signed off (the lead may never formally receive it). For a lead, the contributions signed off so far.
   */
  async screen(p: Principal, periodId: string) {
    const period = await this.prisma.reportingPeriod.findUnique({ where: { id: periodId } });
    if (!period) throw notFound('调度期', 'PERIOD.NOT_FOUND');
    const own = await this.prisma.progressReport.findMany({
      where: { periodId, unitId: p.unitId, assignment: { endedAt: null } },
      include: reportInclude,
      orderBy: [{ workItem: { sortKey: 'asc' } }, { kind: 'asc' }],
    });
    const [previous, contributions] = await Promise.all([
      this.prisma.progressReport.findMany({
        where: {
          assignmentId: { in: own.map((r) => r.assignmentId) },
          period: { endDate: { lt: period.startDate } },
          OR: [{ kind: 'report', state: 'accepted' }, { kind: 'contribution', state: { in: ['submitted', 'accepted'] } }],
        },
        orderBy: { period: { endDate: 'desc' } },
      }),
      this.prisma.progressReport.findMany({
        where: { periodId, kind: 'contribution', state: { in: ['submitted', 'accepted'] }, workItemId: { in: own.filter((r) => r.kind === 'report').map((r) => r.workItemId) } },
        include: reportInclude,
      }),
    ]);
    const last = new Map<string, (typeof previous)[number]>();
    for (const r of previous) if (!last.has(r.assignmentId)) last.set(r.assignmentId, r);
    return {
      period: { id: period.id, label: period.label, dueDate: period.dueDate.toISOString().slice(0, 10), status: period.status },
      items: own.map((r) => {
        const prior = last.get(r.assignmentId);
        return {
          ...toReportView(r),
          prefill: prior ? contentOf(prior) : null,
          contributions: r.kind === 'report' ? contributions.filter((c) => c.workItemId === r.workItemId).map(toReportView) : [],
        };
      }),
    };
  }

  /**
   * Saves every item, and signs them off when asked, through the same lifecycle transitions as the single
   * routes: one transaction, so one refused item leaves all untouched.
   */
  async submit(p: Principal, periodId: string, dto: BatchDto) {
    const rows = await this.workflow.transaction(async (w) => {
      const ids = dto.items.map((i) => i.reportId);
      // Only the unit's own reports of this period belong on this screen; anything else does not exist here.
      // Raw: Prisma compiled this 40-id query anew on every batch.
      const mine = await w.tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM progress_reports WHERE id = ANY(${ids}::uuid[]) AND period_id = ${periodId}::uuid AND unit_id = ${p.unitId}::uuid`;
      const own = new Set(mine.map((r) => r.id));
      const foreign = ids.flatMap((id, index) => (own.has(id) ? [] : [index]));
      if (foreign.length) {
        throw new DomainError('REPORT.NOT_FOUND', 404, '请求中有不属于本单位本期的报告', foreign.map((index) => ({ field: `items[${index}].reportId`, message: '不存在' })));
      }
      const saved = await w.apply(
        reportLifecycle,
        'save',
        p,
        dto.items.map(({ reportId, version, ...input }) => ({ id: reportId, version, input })),
        BATCH,
      );
      if (!dto.signOff) return saved;
      // The saved reports are locked and current: signing off needs no second lock and load.
      return w.apply(reportLifecycle, 'signOff', p, saved.map((r) => ({ id: r.id, version: r.version })), BATCH, saved);
    });
    return rows.map(toReportView);
  }
}
