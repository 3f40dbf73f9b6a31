import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../../common/domain-error.js';
import { decodeText, detectFormat } from './file-format.js';
import { cleanCell } from './text.js';

export interface RawRow {
  /** 1-based line (CSV) or row number (spreadsheet, Word table rows counted across tables) as the user sees it. */
  line: number;
  cells: string[];
}

export type FileKind = 'xlsx' | 'csv';

/** Tab-separated text (a table pasted from Excel) or comma-separated. */
function delimiterOf(text: string): string {
  const head = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 5);
  const tabs = head.reduce((n, l) => n + (l.match(/\t/g)?.length ?? 0), 0);
  const commas = head.reduce((n, l) => n + (l.match(/,/g)?.length ?? 0), 0);
  return tabs > commas ? '\t' : ',';
}

/** Reads CSV text into rows. Throws IMPORT.UNREADABLE when it is not CSV at all. */
export function readCsvText(text: string): RawRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, info: true, bom: true, relax_quotes: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new DomainError('IMPORT.UNREADABLE', 422, `CSV 文件无法解析${line ? `（第 ${line} 行附近）` : ''}`, [
      { line, message: e instanceof Error ? e.message : String(e) },
    ]);
  }
  // info.lines is the line where the record ends; a record with a quoted newline starts earlier.
  let start = 1;
  return records.map(({ record, info }) => {
    const row = { line: start, cells: record.map(cleanCell) };
    start = info.lines + 1;
    return row;
  });
}

function cellText(cell: ExcelJS.Cell): string {
  const source = cell.isMerged ? cell.master : cell;
  const v = source.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object') {
    if ('richText' in v) return cleanCell(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return cleanCell(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    if ('text' in v) return cleanCell(v.text);
  }
  return cleanCell(v);
}

/** The first visible sheet with data, merged cells read as their master cell. */
export async function readXlsx(buf: Buffer): Promise<{ rows: RawRow[]; title: string[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('IMPORT.UNREADABLE', 422, '无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0);
  if (!sheet) throw new DomainError('IMPORT.EMPTY_FILE', 400, '工作簿中没有包含数据的工作表');
  const rows: RawRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push({ line: rowNumber, cells });
  });
  return { rows, title: [sheet.name] };
}

export const nonEmptyRows = (rows: RawRow[]) => rows.filter((r) => r.cells.some((c) => c !== ''));

/** Reads a table file (.xlsx or CSV) into rows; kept for callers that only accept tables. */
export async function readTable(buf: Buffer): Promise<{ kind: FileKind; rows: RawRow[] }> {
  const { format } = await detectFormat(buf);
  if (format === 'docx') throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, '此处只接受 .xlsx 或 .csv 表格');
  const rows = nonEmptyRows(format === 'xlsx' ? (await readXlsx(buf)).rows : readCsvText(decodeText(buf)));
  if (rows.length === 0) throw new DomainError('IMPORT.EMPTY_FILE', 400, '文件中没有任何数据');
  return { kind: format === 'xlsx' ? 'xlsx' : 'csv', rows };
}
