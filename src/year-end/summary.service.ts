import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { isoDay } from '../common/dates.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { Prisma } from '../generated/prisma/client.js';
import { IndicatorsService } from '../indicators/indicators.service.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { dueDeadline } from '../work-items/due-date.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { isLate } from './annual-report-view.js';
import type { AnnualItem } from './prefill.js';

export type ItemClass = 'completed' | 'onTrack' | 'behind' | 'overdue' | 'notReported';
const CLASSES: ItemClass[] = ['completed', 'onTrack', 'behind', 'overdue', 'notReported'];
const NO_AREA = '（未分领域）';

/** What the leading group reads: computed from accepted annual reports and the data, frozen when final. */
export interface Summary {
  planId: string;
  planTitle: string;
  year: number;
  dueDate: string;
  recipient: string;
  areas: ({ area: string; items: number } & Record<ItemClass, number>)[];
  totals: { items: number } & Record<ItemClass, number>;
  indicators: { achieved: number; notAchieved: number; unknown: number; evaluations: { seq: string; text: string; indicatorName: string; outcome: string; explanation: string }[] };
  units: { obliged: number; accepted: number; awaitingReview: number; late: string[]; missing: string[]; dropped: string[] };
  lights: { green: number; yellow: number; red: number; none: number };
  /** The year's supervision notices; null in a summary finalised before notices were counted. */
  notices: NoticeCounts | null;
  commentary: string | null;
}

export interface NoticeCounts {
  issued: number;
  urge: number;
  supervise: number;
  listed: number;
  escalated: number;
  closed: number;
  open: number;
}

/**
 * An item's standing at year end, from the accepted annual report of its lead unit: completed; overdue when
 * not completed and its due date fell in or before the year; behind when reported at risk or delayed; on
 * track otherwise; not reported when no accepted annual report speaks of it.
 */
export function classify(status: string | null | undefined, due: Date | undefined, year: number): ItemClass {
  if (!status) return 'notReported';
  if (status === 'completed') return 'completed';
  if (due && due.getUTCFullYear() <= year) return 'overdue';
  if (status === 'at_risk' || status === 'delayed') return 'behind';
  return 'onTrack';
}

@Injectable()
export class SummaryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workflow: WorkflowService,
    private readonly indicators: IndicatorsService,
  ) {}

  /** The finalised snapshot when there is one; otherwise computed now. Plan-wide readers only. */
  async get(p: Principal, cycleId: string) {
    this.readable(p);
    const cycle = await this.prisma.yearEndCycle.findUnique({ where: { id: cycleId } });
    if (!cycle) throw notFound('年度报告', 'YEAR_END.NOT_FOUND');
    if (cycle.summarySnapshot) {
      const frozen = cycle.summarySnapshot as unknown as Summary;
      return this.view(cycle, { ...frozen, notices: frozen.notices ?? null });
    }
    return this.view(cycle, await this.compute(this.prisma, cycleId));
  }

  async comment(cycleId: string, version: number, commentary: string) {
    return this.workflow.transaction(async (w) => {
      const cycle = await this.lockOpen(w.tx, cycleId, version);
      const updated = await w.tx.yearEndCycle.update({ where: { id: cycle.id }, data: { summaryCommentary: commentary, version: { increment: 1 } } });
      await w.audit([{ action: 'year_end.summary_commented', entityType: 'YearEndCycle', entityId: cycleId, before: { commentary: cycle.summaryCommentary }, after: { commentary } }]);
      return this.view(updated, await this.compute(w.tx, cycleId));
    });
  }

  /** Freezes the summary with the data it was computed from: a stored snapshot and its SHA-256. */
  async finalise(cycleId: string, version: number) {
    return this.workflow.transaction(async (w) => {
      await this.lockOpen(w.tx, cycleId, version);
      const summary = await this.compute(w.tx, cycleId);
      const hash = createHash('sha256').update(JSON.stringify(summary)).digest('hex');
      const updated = await w.tx.yearEndCycle.update({
        where: { id: cycleId },
        data: { summarySnapshot: summary as unknown as Prisma.InputJsonValue, summaryHash: hash, summaryFinalisedAt: w.now, status: 'closed', version: { increment: 1 } },
      });
      await w.audit([{ action: 'year_end.summary_finalised', entityType: 'YearEndCycle', entityId: cycleId, after: { hash, totals: summary.totals, indicators: { achieved: summary.indicators.achieved, notAchieved: summary.indicators.notAchieved, unknown: summary.indicators.unknown } } }]);
      await w.announce([{ type: 'year_end.summary_finalised', aggregateType: 'YearEndCycle', aggregateId: cycleId, payload: { hash } }]);
      return this.view(updated, summary);
    });
  }

  /** The summary for documents (finalised snapshot if any). */
  async summaryOf(p: Principal, cycleId: string): Promise<Summary> {
    return (await this.get(p, cycleId)).summary;
  }

  async compute(tx: Tx | PrismaService, cycleId: string): Promise<Summary> {
    const cycle = await tx.yearEndCycle.findUniqueOrThrow({ where: { id: cycleId }, include: { plan: true, reports: { include: { unit: { select: { name: true } } }, orderBy: { unit: { name: 'asc' } } } } });
    const items = await tx.workItem.findMany({
      where: { planId: cycle.planId },
      orderBy: { sortKey: 'asc' },
      include: {
        area: { select: { title: true, position: true } },
        deadlines: { select: { kind: true, date: true } },
        assignments: { where: { role: 'lead', endedAt: null }, select: { unitId: true, principal: true }, orderBy: [{ principal: 'desc' }, { position: 'asc' }] },
        lights: { where: { assignmentKey: '' }, select: { light: true } },
      },
    });
    const accepted = cycle.reports.filter((r) => r.state === 'accepted' && !r.droppedAt);
    // An item's line in its lead units' accepted annual reports, the principal lead's first.
    const lines = new Map<string, AnnualItem[]>();
    for (const r of accepted) for (const line of r.items as unknown as AnnualItem[]) lines.set(`${r.unitId}:${line.workItemId}`, [line]);
    const areaOrder = new Map<string, number>();
    const byArea = new Map<string, Record<ItemClass, number> & { items: number }>();
    const empty = () => ({ items: 0, completed: 0, onTrack: 0, behind: 0, overdue: 0, notReported: 0 });
    const lights = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const w of items) {
      const area = w.area?.title ?? NO_AREA;
      areaOrder.set(area, w.area?.position ?? Number.MAX_SAFE_INTEGER);
      const line = w.assignments.map((a) => lines.get(`${a.unitId}:${w.id}`)?.[0]).find(Boolean);
      const cls = classify(line?.status, dueDeadline(w.deadlines)?.date, cycle.year);
      const row = byArea.get(area) ?? empty();
      row.items++;
      row[cls]++;
      byArea.set(area, row);
      lights[w.lights[0]?.light ?? 'none']++;
    }
    const areas = [...byArea.entries()].sort((a, b) => areaOrder.get(a[0])! - areaOrder.get(b[0])!).map(([area, counts]) => ({ area, ...counts }));
    const totals = areas.reduce((t, a) => {
      t.items += a.items;
      for (const c of CLASSES) t[c] += a[c];
      return t;
    }, empty());
    const evaluations = await this.indicators.evaluateIn(tx, cycle.plan, cycle.year);
    const count = (o: string) => evaluations.filter((e) => e.outcome === o).length;
    const active = cycle.reports.filter((r) => !r.droppedAt);
    // Notices numbered in the year (〔year〕第N号), at the level they stand at now.
    const notices = await tx.supervisionNotice.findMany({ where: { planId: cycle.planId, year: cycle.year }, select: { level: true, state: true, escalations: true } });
    const withCycle = (r: (typeof active)[number]) => ({ firstSubmittedAt: r.firstSubmittedAt, cycle });
    return {
      planId: cycle.planId,
      planTitle: cycle.plan.title,
      year: cycle.year,
      dueDate: isoDay(cycle.dueDate),
      recipient: cycle.recipient,
      areas,
      totals,
      indicators: {
        achieved: count('achieved'),
        notAchieved: count('not_achieved'),
        unknown: count('unknown'),
        evaluations: evaluations.map((e) => ({ seq: e.seq, text: e.text, indicatorName: e.indicatorName, outcome: e.outcome, explanation: e.explanation })),
      },
      units: {
        obliged: active.length,
        accepted: accepted.length,
        awaitingReview: active.filter((r) => r.state === 'submitted').length,
        late: active.filter((r) => isLate(withCycle(r))).map((r) => r.unit.name),
        missing: active.filter((r) => r.firstSubmittedAt === null).map((r) => r.unit.name),
        dropped: cycle.reports.filter((r) => r.droppedAt).map((r) => r.unit.name),
      },
      lights,
      notices: {
        issued: notices.length,
        urge: notices.filter((x) => x.level === 'urge').length,
        supervise: notices.filter((x) => x.level === 'supervise').length,
        listed: notices.filter((x) => x.level === 'listed').length,
        escalated: notices.filter((x) => x.escalations > 0).length,
        closed: notices.filter((x) => x.state === 'closed').length,
        open: notices.filter((x) => x.state !== 'closed').length,
      },
      commentary: cycle.summaryCommentary,
    };
  }

  private readable(p: Principal) {
    if (!p.planWide) throw new DomainError('AUTH.FORBIDDEN', 403, '年度总结仅供领导小组及其办公室查阅');
  }

  private async lockOpen(tx: Tx, cycleId: string, version: number) {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM year_end_cycles WHERE id = ${cycleId}::uuid FOR UPDATE`;
    if (!row) throw notFound('年度报告', 'YEAR_END.NOT_FOUND');
    const cycle = await tx.yearEndCycle.findUniqueOrThrow({ where: { id: cycleId } });
    if (cycle.summaryFinalisedAt) throw new DomainError('YEAR_END.FINALISED', 409, `${cycle.year} 年度总结已定稿，不能再修改`, [{ field: 'state', message: '已定稿' }]);
    if (cycle.version !== version) {
      throw new DomainError('YEAR_END.VERSION_CONFLICT', 409, `年度总结已被他人修改（当前版本 ${cycle.version}），请刷新后再提交`, [{ field: 'version', message: `当前版本 ${cycle.version}` }], { currentVersion: cycle.version });
    }
    return cycle;
  }

  private view(cycle: { id: string; version: number; summaryFinalisedAt: Date | null; summaryHash: string | null }, summary: Summary) {
    return { cycleId: cycle.id, version: cycle.version, finalisedAt: cycle.summaryFinalisedAt?.toISOString() ?? null, hash: cycle.summaryHash, summary };
  }
}
