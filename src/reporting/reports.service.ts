import { Injectable } from '@nestjs/common';
import { canManage, defineAbilityFor, reportScope } from '../auth/abilities.js';
import type { Principal } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Prisma, ReportState } from '../generated/prisma/client.js';
import { LightsService } from '../lights/lights.service.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import type { ListReportsQuery, ReportContentDto } from './dto/reporting.dto.js';
import { contentOf, reportInclude, toReportView, type ReportRow } from './report-view.js';

const EDITABLE: ReportState[] = ['pending', 'draft', 'returned'];

type Transition = { action: string; from: ReportState[]; to: ReportState; reason?: string; data?: Prisma.ProgressReportUpdateManyMutationInput };

@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly lights: LightsService,
  ) {}

  async list(p: Principal, periodId: string, query: ListReportsQuery) {
    const rows = await this.prisma.progressReport.findMany({
      where: { AND: [reportScope(defineAbilityFor(p)), { periodId, ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.state ? { state: query.state } : {}) }] },
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
    const report = await this.writable(p, id);
    const updated = await this.prisma.$transaction((tx) => this.saveIn(tx, p, report, dto));
    return toReportView(updated);
  }

  async signOff(p: Principal, id: string, version: number) {
    const report = await this.writable(p, id);
    if (report.status === null || report.percent === null || !report.done) {
      throw new DomainError('REPORT.INCOMPLETE', 422, '请先填写进展状态、完成比例和主要工作进展再审核报送');
    }
    const now = this.clock.now();
    const done = await this.transition(p, report, version, {
      action: 'report.signed_off',
      from: ['draft', 'returned'],
      to: 'submitted',
      data: { submittedAt: now, firstSubmittedAt: report.firstSubmittedAt ?? now, returnReason: null },
    });
    await this.lights.recomputeItems([report.workItemId]);
    return done;
  }

  async accept(p: Principal, id: string, version: number) {
    const report = await this.reviewable(p, id);
    const done = await this.transition(p, report, version, { action: 'report.accepted', from: ['submitted'], to: 'accepted', data: { acceptedAt: this.clock.now() } });
    await this.lights.recomputeItems([report.workItemId]);
    return done;
  }

  async return(p: Principal, id: string, version: number, reason: string) {
    const report = await this.reviewable(p, id);
    const done = await this.transition(p, report, version, { action: 'report.returned', from: ['submitted'], to: 'returned', reason, data: { returnReason: reason } });
    await this.lights.recomputeItems([report.workItemId]);
    return done;
  }

  /** An accepted report is locked; only the office reopens it, with a reason, and the unit revises it. */
  async reopen(p: Principal, id: string, version: number, reason: string) {
    const report = await this.reviewable(p, id);
    const done = await this.transition(p, report, version, {
      action: 'report.reopened',
      from: ['accepted'],
      to: 'returned',
      reason,
      data: { returnReason: `重新打开：${reason}`, acceptedAt: null },
    });
    await this.lights.recomputeItems([report.workItemId]);
    return done;
  }

  private async saveIn(tx: Tx, p: Principal, report: ReportRow, dto: ReportContentDto): Promise<ReportRow> {
    if (!EDITABLE.includes(report.state)) {
      throw new DomainError('REPORT.LOCKED', 409, `报告当前为「${STATE_NAMES[report.state]}」状态，不能修改`, [{ field: 'state', message: report.state }]);
    }
    const content = { status: dto.status, percent: dto.percent, done: dto.done, problems: dto.problems ?? null, nextSteps: dto.nextSteps ?? null };
    await this.claimVersion(tx, report, dto.version, { ...content, state: 'draft' });
    const updated = await tx.progressReport.findUniqueOrThrow({ where: { id: report.id }, include: reportInclude });
    await this.revision(tx, p, updated, 'report.saved');
    return updated;
  }

  private async transitionIn(tx: Tx, p: Principal, report: ReportRow, version: number, t: Transition): Promise<ReportRow> {
    if (!t.from.includes(report.state)) {
      throw new DomainError('REPORT.BAD_STATE', 409, `报告当前为「${STATE_NAMES[report.state]}」状态，不能执行此操作`, [{ field: 'state', message: report.state }]);
    }
    await this.claimVersion(tx, report, version, { ...t.data, state: t.to });
    const updated = await tx.progressReport.findUniqueOrThrow({ where: { id: report.id }, include: reportInclude });
    await this.revision(tx, p, updated, t.action, t.reason);
    return updated;
  }

  private async transition(p: Principal, report: ReportRow, version: number, t: Transition) {
    return toReportView(await this.prisma.$transaction((tx) => this.transitionIn(tx, p, report, version, t)));
  }

  /** The write only lands on the version the caller read; otherwise 409 with what is there now. */
  private async claimVersion(tx: Tx, report: ReportRow, version: number, data: Prisma.ProgressReportUpdateManyMutationInput) {
    const { count } = await tx.progressReport.updateMany({ where: { id: report.id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.progressReport.findUniqueOrThrow({ where: { id: report.id }, include: reportInclude });
      throw new DomainError('REPORT.VERSION_CONFLICT', 409, `报告已被他人修改（当前版本 ${current.version}），请刷新后再提交`, [{ field: 'version', message: `当前版本 ${current.version}` }], {
        currentVersion: current.version,
        current: toReportView(current),
      });
    }
  }

  private async revision(tx: Tx, p: Principal, r: ReportRow, action: string, reason?: string) {
    await tx.reportRevision.create({ data: { reportId: r.id, version: r.version, action, state: r.state, content: contentOf(r) as Prisma.InputJsonValue, reason, actorId: p.userId } });
    await this.audit.record(tx, { action, entityType: 'ProgressReport', entityId: r.id, after: { version: r.version, state: r.state, ...contentOf(r), ...(reason ? { reason } : {}) } });
  }

  async visible(p: Principal, id: string): Promise<ReportRow> {
    const report = await this.prisma.progressReport.findFirst({ where: { AND: [reportScope(defineAbilityFor(p)), { id }] }, include: reportInclude });
    if (!report) throw notFound('进展报告', 'REPORT.NOT_FOUND');
    return report;
  }

  /** Seen but not the caller's unit's: 403; not seen at all: 404. */
  async writable(p: Principal, id: string): Promise<ReportRow> {
    const report = await this.visible(p, id);
    if (!canManage(p, 'ProgressReport', report)) {
      throw new DomainError('AUTH.FORBIDDEN', 403, '只能填报本单位的进展');
    }
    return report;
  }

  private async reviewable(p: Principal, id: string): Promise<ReportRow> {
    const report = await this.visible(p, id);
    if (report.kind !== 'report') throw new DomainError('REPORT.NOT_REVIEWABLE', 422, '配合单位的协办情况由牵头单位汇总，不单独审核');
    return report;
  }
}

export const STATE_NAMES: Record<ReportState, string> = { pending: '待填报', draft: '草稿', submitted: '已报送', returned: '已退回', accepted: '已采纳' };
