import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../../common/domain-error.js';
import { cleanCell } from './text.js';

export interface RawRow {
  /** 1-based line (CSV) or row number (spreadsheet) as the user sees it. */
  line: number;
  cells: string[];
}

export type FileKind = 'xlsx' | 'csv';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buf: Buffer, magic: number[]) {
  return magic.every((b, i) => buf[i] === b);
}

/** Detects the format from the bytes, not the file name: a renamed file must not slip through. */
export function detectKind(buf: Buffer): FileKind {
  if (buf.length === 0) throw new DomainError('IMPORT.EMPTY_FILE', 400, '上传的文件为空');
  if (startsWith(buf, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(buf, OLE_MAGIC)) {
    throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入');
  }
  // Binary content (NUL bytes) is not a CSV file.
  if (buf.subarray(0, 4096).includes(0)) {
    throw new DomainError('IMPORT.UNSUPPORTED_TYPE', 415, '文件不是 .xlsx 或 .csv 表格');
  }
  return 'csv';
}

/** Excel in China saves CSV as GB18030 by default; UTF-8 (with or without BOM) is tried first. */
function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function readCsv(buf: Buffer): RawRow[] {
  const text = decodeText(buf);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true, bom: true, relax_quotes: true }) as unknown as typeof records;
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

async function readXlsx(buf: Buffer): Promise<RawRow[]> {
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
  return rows;
}

export async function readTable(buf: Buffer): Promise<{ kind: FileKind; rows: RawRow[] }> {
  const kind = detectKind(buf);
  const rows = kind === 'xlsx' ? await readXlsx(buf) : readCsv(buf);
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0) throw new DomainError('IMPORT.EMPTY_FILE', 400, '文件中没有任何数据');
  return { kind, rows: nonEmpty };
}
