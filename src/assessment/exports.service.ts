import { Injectable } from '@nestjs/common';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { shanghaiDay } from '../common/dates.js';
import { DomainError } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { OUTCOME_NAMES } from './dto/round.dto.js';
import { RoundsService } from './rounds.service.js';
import type { SchemeDefinition } from './scheme-rules.js';
import { GRADE_NAMES, GRADE_ORDER, type Grade } from './scoring.js';
import { Clock } from '../clock/clock.js';

export interface FileOut {
  body: Buffer;
  mime: string;
  fileName: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// Official documents (GB/T 9704): title in 方正小标宋简体, body in 仿宋_GB2312; the fallbacks are what
// an ordinary Windows or WPS installation has when the official fonts are missing.
const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
const fonts = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

const published = (state: string) => state === 'published' || state === 'appeal' || state === 'frozen';
const wide = (p: Principal) => p.roles.some((r) => r === 'office_admin' || r === 'system_admin' || r === 'leader');

/** The downloads of a round: ranking table, a unit's own sheet, the 通报. Each download is audited. */
@Injectable()
export class AssessmentExportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** 排名表: unit, parts, criteria, total, grade, rank, veto marks; for the office and leaders. */
  async ranking(p: Principal, roundId: string): Promise<FileOut> {
    if (!wide(p)) throw new DomainError('AUTH.FORBIDDEN', 403, '排名表仅供领导小组办公室和领导导出');
    const round = await this.rounds.get(roundId);
    const def = await this.definition(roundId);
    const sheets = await this.rounds.sheets(p, roundId);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考核排名');
    const scored = def.criteria.filter((c) => c.type !== 'veto');
    const vetoes = def.criteria.filter((c) => c.type === 'veto');
    ws.addRow([`${round.year}年度${round.planTitle}考核排名表`]);
    ws.addRow(['单位', ...def.parts.map((x) => `${x.name}（${x.weight}%）`), ...scored.map((c) => c.name), '总分', '等次', '名次', ...vetoes.map((c) => `否决：${c.name}`)]);
    for (const s of sheets) {
      ws.addRow([
        s.unitName,
        ...s.parts.map((x) => x.score),
        ...scored.map((c) => s.criteria.find((x) => x.key === c.key)!.points),
        s.total,
        s.gradeName,
        s.rank,
        ...vetoes.map((c) => (s.criteria.find((x) => x.key === c.key)!.vetoTriggered ? '否决' : '')),
      ]);
    }
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 24 : 14));
    return this.done(p, roundId, 'ranking', { body: Buffer.from(await wb.xlsx.writeBuffer()), mime: XLSX, fileName: `${round.year}年度考核排名表.xlsx` }, sheets.length);
  }

  /** A unit's own score sheet, every criterion with its formula and how its points came about. */
  async sheet(p: Principal, roundId: string, unitId: string): Promise<FileOut> {
    const round = await this.rounds.get(roundId);
    const s = await this.rounds.sheet(p, roundId, unitId);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分表');
    ws.addRow([`${s.unitName} ${round.year}年度考核评分表`]);
    ws.addRow(['总分', s.total ?? '未公布', '等次', s.gradeName ?? '未公布', '名次', s.rank ?? '未公布']);
    ws.addRow([]);
    ws.addRow(['指标', '类别', '计算方法', '数据计算', '自评', '评估人评分', '复核调整', '调整理由', '计入得分', '否决']);
    for (const c of s.criteria) {
      ws.addRow([c.name, { computed: '数据计算', judged: '评分', veto: '一票否决' }[c.type], c.formula, c.computed, c.selfScore, c.evaluatorScore, c.adjustedScore, c.adjustReason, c.points, c.vetoTriggered ? '否决' : '']);
    }
    ws.getRow(4).font = { bold: true };
    ws.getColumn(3).width = 60;
    ws.getColumn(1).width = 20;
    return this.done(p, roundId, 'sheet', { body: Buffer.from(await wb.xlsx.writeBuffer()), mime: XLSX, fileName: `${s.unitName}${round.year}年度考核评分表.xlsx` }, 1, unitId);
  }

  /** 通报: the published results by grade, vetoes and outcomes, in the official heading style. */
  async bulletin(p: Principal, roundId: string): Promise<FileOut> {
    if (!wide(p)) throw new DomainError('AUTH.FORBIDDEN', 403, '考核通报仅供领导小组办公室和领导导出');
    const round = await this.rounds.get(roundId);
    if (!published(round.state)) throw new DomainError('ASSESSMENT.NOT_PUBLISHED', 409, '考核结果公布后才能生成通报', [{ field: 'state', message: round.stateName }]);
    const def = await this.definition(roundId);
    const sheets = await this.rounds.sheets(p, roundId);
    const outcomes = await this.prisma.assessmentOutcome.findMany({ where: { roundId }, include: { unit: { select: { name: true } } }, orderBy: { createdAt: 'asc' } });
    const body = (text: string) => new Paragraph({ children: [new TextRun({ text, font: fonts(BODY_FONT), size: 32 })], indent: { firstLine: 640 }, spacing: { line: 560 } });
    const heading = (text: string) => new Paragraph({ children: [new TextRun({ text, font: fonts(HEADING_FONT), size: 32 })], indent: { firstLine: 640 }, spacing: { line: 560 } });
    const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, font: fonts(BODY_FONT), size: 24 })] })] });
    const byGrade = GRADE_ORDER.map((g) => [g, sheets.filter((s) => s.grade === g)] as const).filter(([, list]) => list.length > 0);
    const doc = new Document({
      creator: '碳达峰实施方案责任落实跟踪系统',
      title: `关于${round.year}年度碳达峰工作考核结果的通报`,
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: `关于${round.year}年度碳达峰工作考核结果的通报`, font: fonts(TITLE_FONT), size: 44 })] }),
            body(`根据${round.planTitle}和${round.year}年度考核方案，经系统数据计算、单位自评、评估评分、复核和申诉处理，现将${round.year}年度考核结果通报如下。`),
            heading('一、考核等次'),
            ...byGrade.map(([g, list]) => body(`${GRADE_NAMES[g as Grade]}（${list.length}个）：${list.map((s) => s.unitName).join('、')}。`)),
            ...(sheets.some((s) => s.vetoed) ? [body(`实行一票否决的单位：${sheets.filter((s) => s.vetoed).map((s) => `${s.unitName}（${s.criteria.filter((c) => c.vetoTriggered).map((c) => c.name).join('、')}）`).join('；')}。`)] : []),
            heading('二、得分排名'),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({ children: ['名次', '单位', ...def.parts.map((x) => x.name), '总分', '等次'].map((x) => cell(x, true)) }),
                ...sheets.map((s) => new TableRow({ children: [String(s.rank), s.unitName, ...s.parts.map((x) => String(x.score)), String(s.total), s.gradeName ?? ''].map((x) => cell(x)) })),
              ],
            }),
            heading('三、结果运用'),
            ...(outcomes.length ? outcomes.map((o) => body(`${o.unit.name}：${OUTCOME_NAMES[o.kind]}。${o.note}${o.dueDate ? `（期限：${o.dueDate.toISOString().slice(0, 10)}）` : ''}`)) : [body('另行通知。')]),
            body('考核等次为不合格的单位，须在一个月内向领导小组办公室报送整改方案。'),
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [new TextRun({ text: '碳达峰碳中和工作领导小组办公室', font: fonts(BODY_FONT), size: 32 })] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: shanghaiDay(this.clock.now()), font: fonts(BODY_FONT), size: 32 })] }),
          ],
        },
      ],
    });
    return this.done(p, roundId, 'bulletin', { body: await Packer.toBuffer(doc), mime: DOCX, fileName: `${round.year}年度考核结果通报.docx` }, sheets.length);
  }

  private async definition(roundId: string) {
    const r = await this.prisma.assessmentRound.findUniqueOrThrow({ where: { id: roundId }, select: { definition: true } });
    return r.definition as unknown as SchemeDefinition;
  }

  private async done(p: Principal, roundId: string, kind: string, file: FileOut, rows: number, unitId?: string) {
    await this.audit.recordAlone({ action: 'assessment.exported', entityType: 'AssessmentRound', entityId: roundId, after: { kind, fileName: file.fileName, rows, unitId: unitId ?? null, by: p.username } });
    return file;
  }
}
