import { DomainError } from '../../common/domain-error.js';
import type { RawRow } from './table-reader.js';
import { matchKey } from './text.js';

export type Column = 'seq' | 'item' | 'area' | 'measure' | 'work' | 'lead' | 'responsible' | 'supporting' | 'deadline';

/**
 * Header words seen in task-division tables, per column. The English names are those of the
 * transcribed CSV files in this repository (test/fixtures, demo/data).
 */
const SYNONYMS: Record<Column, string[]> = {
  seq: ['序号', '编号', '序列号', 'seq', 'no'],
  item: ['子项', '子序号', '分项', 'item'],
  area: ['重点领域', '重点任务', '重点行动', '行动', '领域', 'area'],
  measure: ['行动措施', '任务措施', '具体措施', '措施', '任务', 'measure'],
  work: ['主要工作', '工作内容', '具体任务', '工作任务', '主要任务', '工作措施', 'work'],
  lead: ['牵头单位', '牵头部门', '牵头责任单位', 'lead_unit', 'lead'],
  responsible: ['责任单位', '责任部门', '责任主体', 'responsible_units', 'responsible'],
  supporting: ['配合单位', '协办单位', '参与单位', '配合部门', '协同单位', 'supporting_units', 'supporting'],
  deadline: ['完成时限', '时间节点', '完成时间', '时限要求', '完成期限', 'deadline'],
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
  /** The header cells, so that a header repeated mid-table (page breaks of a flattened PDF) is skipped. */
  signature: string;
}

const SEARCH_ROWS = 30;

function mapRow(row: RawRow): ColumnMap {
  const columns: ColumnMap = {};
  row.cells.forEach((cell, index) => {
    const column = columnOf(cell);
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

export function signatureOf(row: RawRow): string {
  return row.cells.map((c) => matchKey(c)).join('|');
}

/** The header is the first row (of the first 30) that names the work column and at least one other. */
export function findHeader(rows: RawRow[]): Header {
  for (const row of rows.slice(0, SEARCH_ROWS)) {
    const columns = mapRow(row);
    if (columns.work !== undefined && Object.keys(columns).length >= 2) {
      return { line: row.line, columns, signature: signatureOf(row) };
    }
  }
  throw new DomainError(
    'IMPORT.NO_HEADER',
    422,
    `前 ${SEARCH_ROWS} 行中未找到表头：需要「主要工作」（或「工作内容」「具体任务」）列，以及序号、牵头单位、配合单位等列中的至少一列`,
    [{ line: rows[0]?.line, message: '未识别出表头行' }],
  );
}
