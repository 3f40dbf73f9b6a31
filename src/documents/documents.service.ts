import { Injectable } from '@nestjs/common';
import { defineAbilityFor, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { beijingTime } from '../common/dates.js';
import { notFound } from '../common/domain-error.js';
import { IndicatorsService } from '../indicators/indicators.service.js';
import { withUnit } from '../indicators/evaluation.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { Clock } from '../clock/clock.js';
import { AnnualReportsService } from '../year-end/annual-reports.service.js';
import { SummaryService } from '../year-end/summary.service.js';
import { buildIndicatorTable, buildLedger, type LedgerRow } from './ledger.xlsx.js';
import { annualReportDocx, summaryDocx } from './report-docx.js';

export interface GeneratedFile {
  fileName: string;
  mime: string;
  body: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const STATUS_NAMES: Record<string, string> = { not_started: '未启动', on_track: '按计划推进', at_risk: '存在风险', delayed: '滞后', completed: '已完成' };
const OUTCOME_NAMES: Record<string, string> = { achieved: '已完成', not_achieved: '未完成', unknown: '暂无法评价' };
const VERIFICATION_NAMES: Record<string, string> = { unverified: '未核实', verified: '已核实', disputed: '有争议' };

/** The official Excel and Word outputs, each built from what the caller may read, each download audited. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly indicators: IndicatorsService,
    private readonly reports: AnnualReportsService,
    private readonly summaries: SummaryService,
  ) {}

  /** 工作台账 of the items the caller may read (a county exports only its own). */
  async ledger(p: Principal, planId: string): Promise<GeneratedFile> {
    // The plan on the primary (one created a moment ago exists); its items on the read replica when there is
    // one: a ledger a few seconds old is what a download always was, and a thousand items with their reports
    // is a read the primary need not carry.
    const plan = await this.prisma.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    const items = await this.prisma.fromReplica((db) => this.ledgerItems(db.client, p, planId));
    const perSeq = new Map<string, number>();
    for (const w of items) perSeq.set(w.seq, (perSeq.get(w.seq) ?? 0) + 1);
    const rows: LedgerRow[] = items.map((w) => {
      const ranked = [...w.reports].sort((a, b) => b.period.endDate.getTime() - a.period.endDate.getTime() || (a.state === 'accepted' ? -1 : 1));
      const latest = ranked.find((r) => r.state === 'accepted') ?? ranked[0];
      const names = (role: 'lead' | 'supporting') => w.assignments.filter((a) => a.role === role).map((a) => a.unit.name).join('、');
      return {
        no: (perSeq.get(w.seq) ?? 1) > 1 ? `${w.seq}-${w.itemNo}` : w.seq,
        area: w.area ? `${w.area.label ? `${w.area.label}、` : ''}${w.area.title}` : '',
        text: w.text,
        lead: w.leadText ?? names('lead'),
        supporting: w.supportingText ?? names('supporting'),
        deadline: w.deadlineText ?? '',
        targets: w.targets.map((t) => t.text).join('；'),
        progress: latest ? `（${latest.period.label}）${STATUS_NAMES[latest.status ?? ''] ?? ''}，完成 ${latest.percent ?? 0}%：${latest.done ?? ''}` : '',
        light: w.lights[0]?.light ?? null,
        problems: latest?.problems ?? '',
      };
    });
    const body = await buildLedger(`${plan.title}工作台账（${beijingTime(this.clock.now()).slice(0, 10)}）`, rows);
    return this.downloaded(p, 'Plan', planId, 'ledger', { fileName: `${plan.title}-工作台账.xlsx`, mime: XLSX, body }, { rows: rows.length });
  }

  async indicatorTable(p: Principal, planId: string, year: number): Promise<GeneratedFile> {
    const plan = await this.prisma.plan.findUnique({ where: { id: planId } });
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    const evaluations = await this.indicators.evaluate(planId, year);
    const catalogue = new Map((await this.prisma.indicator.findMany({ where: { planId } })).map((i) => [i.id, i]));
    const rows = evaluations.map((e) => {
      const i = catalogue.get(e.indicatorId)!;
      return {
        indicator: e.indicatorName,
        unit: i.unit ?? '',
        direction: i.direction === 'higher' ? '越大越好' : '越小越好',
        seq: e.seq,
        target: e.text,
        actual: e.actual === null ? '—' : withUnit(e.actual, i.unit),
        verification: e.verification ? VERIFICATION_NAMES[e.verification] : '—',
        outcome: OUTCOME_NAMES[e.outcome],
        explanation: e.explanation,
      };
    });
    const body = await buildIndicatorTable(`${plan.title}${year}年目标指标完成情况`, rows);
    return this.downloaded(p, 'Plan', planId, 'indicator_table', { fileName: `${plan.title}-${year}年指标完成情况.xlsx`, mime: XLSX, body }, { year, rows: rows.length });
  }

  async annualReport(p: Principal, id: string): Promise<GeneratedFile> {
    const report = await this.reports.get(p, id);
    const body = await annualReportDocx(report);
    return this.downloaded(p, 'AnnualReport', id, 'annual_report', { fileName: `${report.unitName}${report.year}年度报告.docx`, mime: DOCX, body }, { state: report.state });
  }

  async summary(p: Principal, cycleId: string): Promise<GeneratedFile> {
    const s = await this.summaries.get(p, cycleId);
    const plan = await this.prisma.plan.findUniqueOrThrow({ where: { id: s.summary.planId } });
    const body = await summaryDocx(s.summary, plan.documentNumber, s.finalisedAt !== null, s.hash);
    return this.downloaded(p, 'YearEndCycle', cycleId, 'summary', { fileName: `${s.summary.planTitle}${s.summary.year}年度总结.docx`, mime: DOCX, body }, { finalised: s.finalisedAt !== null, hash: s.hash });
  }

  /** The plan's items the caller may read, with what the ledger shows of each; only reads. */
  private ledgerItems(db: PrismaClient, p: Principal, planId: string) {
    return db.workItem.findMany({
      where: { AND: [workItemScope(defineAbilityFor(p)), { planId }] },
      orderBy: { sortKey: 'asc' },
      include: {
        area: { select: { label: true, title: true } },
        assignments: { where: { endedAt: null, source: { not: 'fanout' } }, orderBy: { position: 'asc' }, include: { unit: { select: { name: true } } } },
        targets: { orderBy: { position: 'asc' }, select: { text: true } },
        lights: { where: { assignmentKey: '' }, select: { light: true } },
        reports: {
          where: { kind: 'report', state: { in: ['accepted', 'submitted'] } },
          include: { period: { select: { endDate: true, label: true } } },
        },
      },
    });
  }

  private async downloaded(p: Principal, entityType: string, entityId: string, document: string, file: GeneratedFile, extra: Record<string, unknown>) {
    await this.audit.recordAlone({ action: 'document.downloaded', entityType, entityId, after: { document, fileName: file.fileName, bytes: file.body.length, by: p.username, ...extra } });
    return file;
  }
}
