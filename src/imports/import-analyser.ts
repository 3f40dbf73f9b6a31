import { DomainError } from '../common/domain-error.js';
import { findHeader } from './parsing/header.js';
import { buildReport, type ImportReport } from './parsing/report.js';
import { parseRows, type ParsedRow } from './parsing/row-parser.js';
import { readTable } from './parsing/table-reader.js';
import { UnitDirectory, type DirectoryUnit } from './parsing/unit-directory.js';

export interface Analysis {
  parsed: ParsedRow[];
  report: ImportReport;
}

/** Reads a task-division file against the units of a jurisdiction. Pure: writes nothing. */
export async function analyseTable(buffer: Buffer, units: DirectoryUnit[], maxRows: number): Promise<Analysis> {
  const { rows } = await readTable(buffer);
  const header = findHeader(rows);
  const dataRows = rows.filter((r) => r.line > header.line);
  if (dataRows.length === 0) {
    throw new DomainError('IMPORT.NO_ROWS', 422, '表头之后没有数据行', [{ line: header.line, message: '只有表头' }]);
  }
  if (dataRows.length > maxRows) {
    throw new DomainError('IMPORT.TOO_MANY_ROWS', 413, `数据行超过上限 ${maxRows} 行`, [{ line: dataRows[maxRows].line, message: `第 ${maxRows + 1} 个数据行超出上限` }]);
  }
  const { parsed, skipped } = parseRows(dataRows, header, new UnitDirectory(units));
  return { parsed, report: buildReport(parsed, skipped) };
}
