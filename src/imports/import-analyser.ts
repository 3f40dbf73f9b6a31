import { DomainError } from '../common/domain-error.js';
import { parseDocument, type Paragraph } from './parsing/document-parser.js';
import { readDocx } from './parsing/docx-reader.js';
import { decodeText, detectFormat } from './parsing/file-format.js';
import { findHeader, tryFindHeader } from './parsing/header.js';
import { foreignListWarning, proposeUnits, type Jurisdiction } from './parsing/onboarding.js';
import { planYearIn } from './parsing/plan-year.js';
import { textParagraphs } from './parsing/plain-text.js';
import { buildReport, type FileProblem, type ImportReport } from './parsing/report.js';
import { parseRows, type ParsedRow } from './parsing/row-parser.js';
import { nonEmptyRows, readCsvText, readXlsx, type RawRow } from './parsing/table-reader.js';
import { UnitDirectory, type DirectoryUnit } from './parsing/unit-directory.js';
import { splitUnits } from './parsing/unit-splitter.js';

export interface Analysis {
  parsed: ParsedRow[];
  report: ImportReport;
}

export interface AnalyseOptions {
  maxRows: number;
  /** The plan's year, for 「年底前」「6月底前」; else read from the file's title when it states one. */
  planYear?: number;
  /** The plan's jurisdiction, for onboarding proposals and the other-jurisdiction warning. */
  jurisdiction?: Jurisdiction;
  /** Names the office marked as not a unit in this jurisdiction. */
  excludedNames?: string[];
}

interface Parsed {
  parsed: ParsedRow[];
  skipped: number[];
  headingLines: number[];
  implicit: { text: string; line: number } | null;
  layout: 'table' | 'document';
}

function assertRowCount(count: number, maxRows: number, lineOf: (i: number) => number | undefined) {
  if (count > maxRows) {
    throw new DomainError('IMPORT.TOO_MANY_ROWS', 413, `数据行超过上限 ${maxRows} 行`, [{ line: lineOf(maxRows), message: `第 ${maxRows + 1} 个数据行超出上限` }]);
  }
}

function fromTable(rows: RawRow[], header: ReturnType<typeof findHeader>, directory: UnitDirectory, options: AnalyseOptions, planYear?: number): Parsed {
  const dataRows = rows.filter((r) => r.line > header.line);
  if (dataRows.length === 0) {
    throw new DomainError('IMPORT.NO_ROWS', 422, '表头之后没有数据行', [{ line: header.line, message: '只有表头' }]);
  }
  assertRowCount(dataRows.length, options.maxRows, (i) => dataRows[i]?.line);
  return { ...parseRows(dataRows, header, directory, { planYear }), layout: 'table' };
}

function fromParagraphs(paragraphs: Paragraph[], directory: UnitDirectory, options: AnalyseOptions, planYear?: number): Parsed | undefined {
  const doc = parseDocument(paragraphs, directory, { planYear });
  if (doc.parsed.length === 0) return undefined;
  assertRowCount(doc.parsed.length, options.maxRows, (i) => doc.parsed[i]?.line);
  return { ...doc, skipped: [], layout: 'document' };
}

/**
 * Whether a text may be a table at all: some early line splits into two or more cells. A plan's
 * prose is not parsed as CSV (a 200-page plan would cost a second for nothing).
 */
function looksTabular(text: string): boolean {
  const lines = text.split(/\r?\n/, 60).filter((l) => l.trim());
  return lines.slice(0, 30).some((l) => {
    const cells = l.split(/[,\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    return cells.filter(Boolean).length >= 2 && cells.every((c) => c.length <= 40);
  });
}

const nothingToImport = (what: string) =>
  new DomainError(
    'IMPORT.NOTHING_TO_IMPORT',
    422,
    `${what}中既没有可识别的任务分工表，也没有带编号的任务措施：需要一张含「主要工作（工作内容、具体任务等）」列的表格，或按「一、」「（一）」「1.」编号、每条措施后写明责任单位的方案正文`,
  );

/**
 * Reads a task list of any layout against the units of a jurisdiction: an Excel or CSV table, a
 * Word file (its task table, else its numbered prose), or a plan as plain text. Pure: writes nothing.
 */
export async function analyseImport(buffer: Buffer, fileName: string, units: DirectoryUnit[], options: AnalyseOptions): Promise<Analysis> {
  const { format, zip } = await detectFormat(buffer, fileName || '上传的文件');
  const directory = new UnitDirectory(units, options.excludedNames);
  let result: Parsed | undefined;
  let planYear: ImportReport['summary']['planYear'] = options.planYear ? { year: options.planYear, source: 'option' } : null;
  const yearOf = (lines: string[]) => {
    const found = planYearIn(lines)[0];
    planYear ??= found ? { year: found, source: 'document' } : null;
    return planYear?.year;
  };
  let reportFormat: ImportReport['summary']['format'] = format === 'text' ? 'csv' : format;

  if (format === 'xlsx') {
    const { rows: all } = await readXlsx(buffer);
    const rows = nonEmptyRows(all);
    if (rows.length === 0) throw new DomainError('IMPORT.EMPTY_FILE', 400, '文件中没有任何数据');
    const header = findHeader(rows);
    result = fromTable(rows, header, directory, options, yearOf(rows.filter((r) => r.line < header.line).flatMap((r) => r.cells)));
  } else if (format === 'docx') {
    const doc = await readDocx(zip!);
    const year = yearOf(doc.paragraphs.slice(0, 15).map((p) => p.text));
    result = doc.header ? fromTable(doc.tableRows, doc.header, directory, options, year) : fromParagraphs(doc.paragraphs, directory, options, year);
    if (!result) throw nothingToImport('Word 文件');
  } else {
    const text = decodeText(buffer);
    if (!text.trim()) throw new DomainError('IMPORT.EMPTY_FILE', 400, '文件中没有任何数据');
    let rows: RawRow[] | undefined;
    try {
      rows = looksTabular(text) ? nonEmptyRows(readCsvText(text)) : undefined;
    } catch {
      rows = undefined;
    }
    const header = rows && rows.length > 0 ? tryFindHeader(rows) : undefined;
    if (rows && header) result = fromTable(rows, header, directory, options, yearOf(rows.filter((r) => r.line < header.line).flatMap((r) => r.cells)));
    else {
      const paragraphs = textParagraphs(text);
      result = fromParagraphs(paragraphs, directory, options, yearOf(paragraphs.slice(0, 15).map((p) => p.text)));
      reportFormat = 'text';
      // Neither a table nor a plan: a table without a header is the likelier intent when every line has cells.
      if (!result && rows && rows.length > 0 && rows.every((r) => r.cells.filter(Boolean).length >= 2)) findHeader(rows);
      if (!result) throw nothingToImport('文件');
    }
  }

  const { parsed, skipped, headingLines, implicit, layout } = result;
  const problems: FileProblem[] = [];
  const foreign = foreignListWarning(parsed, units, options.jurisdiction);
  if (foreign) problems.push({ level: 'warning', code: 'FOREIGN_JURISDICTION', message: foreign.message });
  const needsYear = parsed.filter((r) => r.deadlines.some((d) => d.year === 'missing')).map((r) => r.line);
  if (needsYear.length > 0) {
    problems.push({ level: 'warning', code: 'PLAN_YEAR_UNKNOWN', message: '有期限只写了月份或「年底前」而未写年份，且未设定方案年度：这些期限没有日期，请指定方案年度后重新检查', lines: needsYear });
  }
  const report = buildReport(parsed, skipped, {
    format: reportFormat,
    layout,
    planYear,
    headingLines,
    unknownUnits: proposeUnits(parsed, units, options.jurisdiction),
    implicitUnits: implicit ? { text: implicit.text, names: splitUnits(implicit.text, directory).map((m) => m.name), line: implicit.line } : null,
    problems,
  });
  return { parsed, report };
}

/** Reads a task-division table against the units of a jurisdiction (kept for existing callers). Pure: writes nothing. */
export async function analyseTable(buffer: Buffer, units: DirectoryUnit[], maxRows: number): Promise<Analysis> {
  return analyseImport(buffer, '', units, { maxRows });
}
