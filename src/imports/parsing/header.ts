import { DomainError } from '../../common/domain-error.js';
import { profileColumns, type ColumnProfile } from './column-profile.js';
import type { RawRow } from './table-reader.js';
import { matchKey } from './text.js';
import { readingNote, type ReadingNote } from './unit-names.js';

export type Column = 'seq' | 'item' | 'area' | 'measure' | 'title' | 'work' | 'part' | 'lead' | 'responsible' | 'supporting' | 'divisions' | 'deadline';

/**
 * Header words seen in task-division tables, per column. The English names are those of the
 * transcribed CSV files in this repository (test/fixtures, demo/data). Names only propose a
 * column; what the cells hold decides (see refine below).
 */
const SYNONYMS: Record<Column, string[]> = {
  seq: ['序号', '编号', '序列号', '项次', 'seq', 'no'],
  item: ['子项', '子序号', '分项', 'item'],
  area: ['重点领域', '重点任务', '重点行动', '行动', '领域', '类别', '任务类别', '工作类别', '分类', '板块', 'area'],
  measure: ['行动措施', '任务措施', '具体措施', '措施', '任务', 'measure'],
  title: ['任务名称', '事项名称', '项目名称', '工作名称', '标题'],
  work: [
    '主要工作', '工作内容', '具体任务', '工作任务', '主要任务', '工作措施', '工作事项', '条目内容', '重点工作', '年度工作计划', '具体工作措施',
    '任务内容', '工作要点', '工作举措', '主要内容', '具体内容', '具体工作', '任务描述', '事项内容', 'work',
  ],
  part: ['工作目标', '目标任务', '预期目标', '完成标志', '具体目标', '工作要求', '预期成效', '目标要求', '工作标准', '备注'],
  lead: ['牵头单位', '牵头部门', '牵头责任单位', 'lead_unit', 'lead'],
  responsible: ['责任单位', '责任部门', '责任主体', '实施单位', '承办单位', 'responsible_units', 'responsible'],
  supporting: ['配合单位', '协办单位', '参与单位', '配合部门', '协同单位', '协助单位', 'supporting_units', 'supporting'],
  divisions: ['责任处室', '牵头处室', '责任科室', '承办处室'],
  deadline: ['完成时限', '时间节点', '完成时间', '时限要求', '完成期限', '时间安排', '进度安排', '时限', 'deadline'],
};

const EXACT = new Map<string, Column>();
const CONTAINED: { key: string; column: Column }[] = [];
for (const [column, words] of Object.entries(SYNONYMS) as [Column, string[]][]) {
  for (const w of words) {
    EXACT.set(matchKey(w).toLowerCase(), column);
    if (/[^\x00-\x7f]/.test(w) && w.length >= 3) CONTAINED.push({ key: matchKey(w), column });
  }
}
CONTAINED.sort((a, b) => b.key.length - a.key.length);

export function columnOf(headerCell: string): Column | undefined {
  const key = matchKey(headerCell).toLowerCase();
  if (!key) return undefined;
  return EXACT.get(key) ?? CONTAINED.find((c) => key.includes(c.key))?.column;
}

export type ColumnMap = Partial<Record<Column, number>>;

export interface Header {
  line: number;
  columns: ColumnMap;
  /** Heading columns (area, measure, …) left to right: each is one level of the item's heading path. */
  headings: number[];
  /** Further text columns kept as parts of the item (工作目标, 备注 …), with their header label. */
  parts: { index: number; label: string }[];
  /** The header cells, so that a header repeated mid-table (page breaks of a flattened PDF) is skipped. */
  signature: string;
  /** Every header row's signature (a two-row header has two). */
  signatures: string[];
  /** A reading note printed in a header cell (「责任单位（列第一位的为牵头单位）」). */
  note?: ReadingNote;
}

const SEARCH_ROWS = 30;
const LABEL_MAX = 16;

export function signatureOf(row: RawRow): string {
  return row.cells.map((c) => matchKey(c)).join('|');
}

/** A header row is short labels, not sentences: a data row whose text contains 「重点任务」 is not one. */
export function isLabelRow(row: RawRow): boolean {
  const filled = row.cells.filter((c) => c !== '');
  if (filled.length < 2) return false;
  return filled.every((c) => {
    const key = matchKey(c).replace(/\([^()]*\)/g, '');
    return key.length <= LABEL_MAX && !/[。;!?]/.test(key) && !/^\d+(\.\d+)?$/.test(key);
  });
}

function mapRow(row: RawRow): ColumnMap {
  const columns: ColumnMap = {};
  row.cells.forEach((cell, index) => {
    const column = columnOf(cell);
    if (column && columns[column] === undefined && !Object.values(columns).includes(index)) columns[column] = index;
  });
  return columns;
}

const UNIT_COLUMNS: Column[] = ['lead', 'responsible', 'supporting', 'divisions'];
const TEXT_LIKE = (p: ColumnProfile | undefined) => Boolean(p && p.filled > 0 && (p.medianLength >= 30 || p.sentenceShare > 0.5) && p.unitShare < 0.5);

/**
 * Lets the cells decide what names only proposed: a unit column full of sentences is text, never
 * units; without a named work column, the column of longest text is the work.
 */
function refine(columns: ColumnMap, header: RawRow, below: RawRow[]): { columns: ColumnMap; parts: Header['parts'] } {
  const profiles = profileColumns(below, header.cells.length);
  const out: ColumnMap = { ...columns };
  const parts: Header['parts'] = [];
  for (const c of UNIT_COLUMNS) {
    const index = out[c];
    if (index !== undefined && TEXT_LIKE(profiles[index])) {
      delete out[c];
      if (out.work === undefined) out.work = index;
      else parts.push({ index, label: header.cells[index] });
    }
  }
  if (out.work === undefined) {
    const used = new Set([out.seq, out.item, out.lead, out.responsible, out.supporting, out.divisions, out.deadline]);
    const candidates = header.cells
      .map((_, index) => index)
      .filter((i) => !used.has(i) && profiles[i] && profiles[i].filled > 0 && profiles[i].medianLength >= 12)
      .sort((a, b) => profiles[b].medianLength - profiles[a].medianLength);
    if (candidates.length > 0) {
      const index = candidates[0];
      for (const c of ['area', 'measure', 'title', 'part'] as Column[]) if (out[c] === index) delete out[c];
      out.work = index;
    }
  }
  delete out.part;
  // Every column named like a part (工作目标, 备注 …) is kept, not only the first.
  header.cells.forEach((label, index) => {
    if (columnOf(label) === 'part' && index !== out.work && !parts.some((p) => p.index === index)) parts.push({ index, label });
  });
  return { columns: out, parts: parts.sort((a, b) => a.index - b.index) };
}

function build(rows: RawRow[], at: number): Header | undefined {
  const row = rows[at];
  if (!isLabelRow(row)) return undefined;
  let columns = mapRow(row);
  let line = row.line;
  const signatures = [signatureOf(row)];
  // A two-row header: 「责任单位」 spanning 「牵头单位 | 配合单位」 below it.
  const next = rows[at + 1];
  const sub = next && isLabelRow(next) ? mapRow(next) : {};
  if (Object.keys(sub).length > 0) {
    for (const [c, index] of Object.entries(sub) as [Column, number][]) {
      for (const [other, i] of Object.entries(columns) as [Column, number][]) if (i === index) delete columns[other];
      columns[c] = index;
    }
    line = next.line;
    signatures.push(signatureOf(next));
  }
  if (Object.keys(columns).length < 2) return undefined;
  const labels = row.cells.map((c, i) => (next && Object.keys(sub).length > 0 && next.cells[i] ? next.cells[i] : c));
  const { columns: refined, parts } = refine(columns, { ...row, cells: labels }, rows.slice(at + signatures.length, at + signatures.length + 60));
  if (refined.work === undefined) return undefined;
  columns = refined;
  const used = new Set(Object.values(columns));
  // Every heading-like column (重点领域, 行动措施, 类别 …) is one level of the heading path.
  const headings = labels
    .map((label, index) => ({ column: columnOf(label), index }))
    .filter(({ column, index }) => (column === 'area' || column === 'measure') && index !== columns.work && (used.has(index) ? columns.area === index || columns.measure === index : true))
    .map(({ index }) => index);
  const note = labels.map((c) => readingNote(c)).find(Boolean);
  return { line, columns, headings, parts, signature: signatures.at(-1)!, signatures, ...(note ? { note } : {}) };
}

/** Finds the header among the first 30 rows: a row of labels naming the work column (by name or by content) and at least one other. */
export function tryFindHeader(rows: RawRow[]): Header | undefined {
  for (let i = 0; i < Math.min(rows.length, SEARCH_ROWS); i++) {
    const header = build(rows, i);
    if (header) return header;
  }
  return undefined;
}

export function findHeader(rows: RawRow[]): Header {
  const header = tryFindHeader(rows);
  if (header) return header;
  throw new DomainError(
    'IMPORT.NO_HEADER',
    422,
    `前 ${SEARCH_ROWS} 行中未找到表头：需要一行由简短列名组成的表头，其中有「主要工作」（或「工作内容」「具体任务」「工作事项」等）列，以及序号、牵头单位、配合单位、完成时限等列中的至少一列`,
    [{ line: rows[0]?.line, message: '未识别出表头行' }],
  );
}
