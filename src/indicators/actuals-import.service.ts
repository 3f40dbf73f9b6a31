import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { DomainError, notFound, type ProblemDetail } from '../common/domain-error.js';
import type { Upload } from '../common/uploads.js';
import { readTable } from '../imports/parsing/table-reader.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { writeActual, type ActualInput } from './actual-writer.js';
import { IndicatorsService } from './indicators.service.js';

/** The headers offices write for each column; a unit of measure in brackets (「实际值（万千瓦）」) is ignored. */
const HEADERS = {
  indicator: ['指标', '指标名称', '指标项', '指标项目'],
  year: ['年份', '年度', '年', '统计年度'],
  unit: ['单位', '填报单位', '责任单位', '地区', '县区', '部门'],
  value: ['数值', '实际值', '完成值', '实际完成值', '实绩', '完成情况'],
  source: ['来源', '数据来源'],
  note: ['备注', '说明'],
} as const;
type Column = keyof typeof HEADERS;
const NAMES: Record<Column, string> = { indicator: '指标', year: '年份', unit: '单位', value: '实际值', source: '数据来源', note: '备注' };
const SOURCES: Record<string, ActualInput['source']> = { 统计部门: 'statistics', 统计: 'statistics', 统计局: 'statistics', 单位自报: 'self_reported', 自报: 'self_reported', 估算: 'estimate', 测算: 'estimate' };

const headerKey = (cell: string) => cell.replace(/\s+/g, '').replace(/[（(].*$/, '');

export interface ImportedActualRow {
  line: number;
  indicator: string;
  year: number | null;
  unit: string;
  value: number | null;
  source: string | null;
  action: 'create' | 'replace' | 'unchanged' | 'invalid';
}

/**
 * Yearly actuals from a spreadsheet (.xlsx or CSV): the header is found by the names offices use, each row
 * resolved against the plan's indicators (names and synonyms) and units (names and aliases; blank = the
 * plan's jurisdiction). A dry run reports every row; a commit writes all rows or, if any row is wrong,
 * nothing, with the errors by line.
 */
@Injectable()
export class ActualsImportService {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly indicators: IndicatorsService,
  ) {}

  async run(p: Principal, planId: string, upload: Upload, dryRun: boolean) {
    const { rows } = await readTable(upload.buffer);
    return this.workflow.transaction(async (w) => {
      const plan = await w.tx.plan.findUnique({ where: { id: planId }, include: { jurisdiction: { select: { name: true } } } });
      if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
      const headerIndex = rows.findIndex((r) => r.cells.some((c) => HEADERS.indicator.includes(headerKey(c) as never)) && r.cells.some((c) => HEADERS.value.includes(headerKey(c) as never)));
      if (headerIndex < 0) {
        throw new DomainError('ACTUAL_IMPORT.NO_HEADER', 422, '未找到表头：须有「指标」和「实际值」（或「数值」「完成值」）列', [{ field: 'file', message: '缺少表头' }]);
      }
      const header = rows[headerIndex].cells.map(headerKey);
      const col = Object.fromEntries((Object.keys(HEADERS) as Column[]).map((k) => [k, header.findIndex((h) => (HEADERS[k] as readonly string[]).includes(h))])) as Record<Column, number>;
      if (col.year < 0) throw new DomainError('ACTUAL_IMPORT.NO_HEADER', 422, '未找到「年份」（或「年度」）列', [{ field: 'file', message: '缺少年份列' }]);

      const indicators = await w.tx.indicator.findMany({ where: { planId } });
      const indicatorByName = new Map(indicators.flatMap((i) => [i.name, ...i.synonyms].map((n) => [n, i] as const)));
      const years = await this.indicators.allowedYears(w.tx, plan);
      const unitCache = new Map<string, { id: string; name: string } | null>();
      const unitOf = async (name: string) => {
        if (!name) return { id: plan.jurisdictionId, name: plan.jurisdiction.name };
        if (!unitCache.has(name)) unitCache.set(name, await w.tx.unit.findFirst({ where: { OR: [{ name }, { aliases: { has: name } }], kind: { not: 'collective' } }, select: { id: true, name: true } }));
        return unitCache.get(name)!;
      };

      const errors: ProblemDetail[] = [];
      const out: ImportedActualRow[] = [];
      const writes: ActualInput[] = [];
      const seen = new Map<string, number>();
      for (const r of rows.slice(headerIndex + 1)) {
        const cell = (k: Column) => (col[k] >= 0 ? (r.cells[col[k]] ?? '').trim() : '');
        const fail = (k: Column, message: string) => errors.push({ line: r.line, field: NAMES[k], message: `第 ${r.line} 行「${NAMES[k]}」${message}` });
        const before = errors.length;
        const name = cell('indicator');
        const indicator = indicatorByName.get(name);
        if (!name) fail('indicator', '为空');
        else if (!indicator) fail('indicator', `「${name}」不在本方案的指标目录中（请先新增指标或同义名称）`);
        const yearText = cell('year').replace(/年$/, '');
        const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
        if (year === null) fail('year', `须为四位年份，读到「${cell('year')}」`);
        else if (!years.has(year)) fail('year', `${year} 年不在方案期限（${plan.horizonStartYear ?? '—'}—${plan.horizonEndYear ?? '—'} 年）内，也不是目标的基准年`);
        const valueText = cell('value').replace(/[,，\s]/g, '').replace(/%$/, '');
        const value = valueText !== '' && Number.isFinite(Number(valueText)) && Math.abs(Number(valueText)) < 1e13 ? Number(valueText) : null;
        if (value === null) fail('value', `须为数值，读到「${cell('value')}」`);
        const sourceText = cell('source');
        const source = sourceText ? SOURCES[sourceText] : 'statistics';
        if (!source) fail('source', `须为 统计部门 / 单位自报 / 估算，读到「${sourceText}」`);
        const unitName = cell('unit');
        const unit = await unitOf(unitName);
        if (!unit) fail('unit', `「${unitName}」不是已登记的单位`);
        if (indicator && year !== null && unit) {
          const key = `${indicator.id}:${year}:${unit.id}`;
          if (seen.has(key)) fail('indicator', `与第 ${seen.get(key)} 行重复（同一指标、年份、单位）`);
          seen.set(key, r.line);
        }
        let action: ImportedActualRow['action'] = 'invalid';
        if (errors.length === before) {
          const existing = await w.tx.indicatorActual.findUnique({ where: { indicatorId_year_unitId: { indicatorId: indicator!.id, year: year!, unitId: unit!.id } }, omit: { evidenceContent: true } });
          action = !existing ? 'create' : Number(existing.value) === value && existing.source === source ? 'unchanged' : 'replace';
          if (action !== 'unchanged') writes.push({ indicatorId: indicator!.id, year: year!, unitId: unit!.id, value: value!, source: source!, note: cell('note') || `导入自 ${upload.name}` });
        }
        out.push({ line: r.line, indicator: indicator?.name ?? name, year, unit: unit?.name ?? unitName, value, source: source ?? null, action });
      }
      const counts = { create: out.filter((r) => r.action === 'create').length, replace: out.filter((r) => r.action === 'replace').length, unchanged: out.filter((r) => r.action === 'unchanged').length };
      if (!dryRun) {
        if (errors.length) throw new DomainError('ACTUAL_IMPORT.INVALID', 422, `共 ${errors.length} 处错误，未导入任何数据；请改正后重新上传`, errors);
        for (const a of writes) await writeActual(w, p, a);
        await w.audit([{ action: 'actual.imported', entityType: 'Plan', entityId: planId, after: { fileName: upload.name, ...counts } }]);
      }
      return { dryRun, fileName: upload.name, rows: out, errors, ...counts };
    });
  }
}
