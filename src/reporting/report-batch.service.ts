import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { Clock } from '../clock/clock.js';
import { LightsService } from '../lights/lights.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { BatchDto } from './dto/reporting.dto.js';
import { contentOf, reportInclude, toReportView } from './report-view.js';
import { AuditService } from '../audit/audit.service.js';
import type { Prisma, ReportState } from '../generated/prisma/client.js';
import { STATE_NAMES } from './reports.service.js';

const EDITABLE: ReportState[] = ['pending', 'draft', 'returned'];

/** 最多报一次: one screen and one request for all of a unit's items in a period. */
@Injectable()
export class ReportBatchService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
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
    dto.items.forEach((item, index) => {
      const state = byId.get(item.reportId)!.state;
      if (!EDITABLE.includes(state)) {
        throw new DomainError('REPORT.LOCKED', 409, `第 ${index + 1} 项报告当前为「${STATE_NAMES[state]}」状态，不能修改；本次未保存任何内容`, [{ field: `items[${index}].state`, message: state }]);
      }
    });
    const now = this.clock.now();
    // Set-based writes: a unit's 40 items cost a handful of statements, not a few hundred.
    const saved = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.$queryRaw<{ id: string }[]>`
        UPDATE progress_reports r
        SET status = x.status, percent = x.percent, done = x.done, problems = x.problems, next_steps = x.next_steps,
            state = 'draft', version = r.version + 1, updated_at = now()
        FROM unnest(${ids}::uuid[], ${dto.items.map((i) => i.version)}::int[], ${dto.items.map((i) => i.status)}::"ProgressStatus"[],
                    ${dto.items.map((i) => i.percent)}::int[], ${dto.items.map((i) => i.done)}::text[], ${dto.items.map((i) => i.problems ?? null)}::text[],
                    ${dto.items.map((i) => i.nextSteps ?? null)}::text[]) AS x(id, version, status, percent, done, problems, next_steps)
        WHERE r.id = x.id AND r.version = x.version AND r.state IN ('pending', 'draft', 'returned')
        RETURNING r.id::text AS id`;
      if (updated.length !== ids.length) {
        const done = new Set(updated.map((u) => u.id));
        const current = await tx.progressReport.findMany({ where: { id: { in: ids.filter((id) => !done.has(id)) } }, select: { id: true, version: true } });
        throw new DomainError(
          'REPORT.VERSION_CONFLICT',
          409,
          '部分报告已被他人修改，本次未保存任何内容；请刷新后再提交',
          current.map((c) => ({ field: `items[${ids.indexOf(c.id)}].version`, message: `当前版本 ${c.version}` })),
          { currentVersions: Object.fromEntries(current.map((c) => [c.id, c.version])) },
        );
      }
      if (dto.signOff) {
        await tx.$executeRaw`
          UPDATE progress_reports SET state = 'submitted', submitted_at = ${now}, first_submitted_at = coalesce(first_submitted_at, ${now}),
                 return_reason = NULL, version = version + 1, updated_at = now()
          WHERE id = ANY(${ids}::uuid[])`;
      }
      const rows = await tx.progressReport.findMany({ where: { id: { in: ids } }, include: reportInclude });
      const order = new Map(ids.map((id, k) => [id, k]));
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const steps = rows.flatMap((r) => [
        { r, version: dto.signOff ? r.version - 1 : r.version, action: 'report.saved', state: 'draft' as const },
        ...(dto.signOff ? [{ r, version: r.version, action: 'report.signed_off', state: 'submitted' as const }] : []),
      ]);
      await tx.reportRevision.createMany({
        data: steps.map((x) => ({ reportId: x.r.id, version: x.version, action: x.action, state: x.state, content: contentOf(x.r) as Prisma.InputJsonValue, actorId: p.userId })),
      });
      await this.audit.recordMany(
        tx,
        steps.map((x) => ({ action: x.action, entityType: 'ProgressReport', entityId: x.r.id, after: { version: x.version, state: x.state, ...contentOf(x.r) } })),
      );
      return rows;
    }, { timeout: 60_000 });
    // Lights read signed-off reports only: drafts cannot change them.
    if (dto.signOff) await this.lights.recomputeItems([...new Set(saved.map((r) => r.workItemId))]);
    return saved.map(toReportView);
  }
}
