import type { ParsedDeadline } from './deadlines.js';
import { deadlineFromText, parseDeadlineCell } from './deadlines.js';
import type { Column, Header } from './header.js';
import { signatureOf } from './header.js';
import { responsibilityFromText } from './responsibility-text.js';
import type { RawRow } from './table-reader.js';
import { extractTargets, type ParsedTarget } from './targets.js';
import type { UnitDirectory } from './unit-directory.js';
import { splitUnits, type UnitMention } from './unit-splitter.js';

export interface RowProblem {
  level: 'error' | 'warning';
  code: string;
  field?: string;
  message: string;
}

export interface ParsedRow {
  line: number;
  seq: string;
  itemNo: number;
  area?: { label: string | null; title: string };
  measure?: { label: string | null; title: string };
  text: string;
  leadText: string | null;
  supportingText: string | null;
  deadlineText: string | null;
  /** Leads in printed order: the first is the principal lead, the others co-leads. */
  leads: UnitMention[];
  supporting: UnitMention[];
  /** Where the units were read: table columns, the work text, or nowhere. */
  responsibilitySource: 'columns' | 'text' | 'none';
  targets: ParsedTarget[];
  deadline: ParsedDeadline | null;
  problems: RowProblem[];
}

const NUMBERING = /^\s*(?:([一二三四五六七八九十百零〇]+)\s*[、.．]|[（(]\s*([一二三四五六七八九十百零〇]+|\d+)\s*[)）]|(\d+)\s*[、.．](?!\d))\s*/;

/** 「一、能源绿色低碳转型行动」 → label 一, title 能源绿色低碳转型行动. */
export function splitNumbering(printed: string): { label: string | null; title: string } {
  const m = printed.match(NUMBERING);
  if (!m) return { label: null, title: printed.trim() };
  return { label: m[1] ?? m[2] ?? m[3], title: printed.slice(m[0].length).trim() || printed.trim() };
}

/** 「8」「8-2」「8.2」「(2)」: the 序号 and, where printed, the item within it. */
function readSeq(cell: string): { seq: string; itemNo?: number } | undefined {
  const half = cell.replace(/[（）]/g, (c) => (c === '（' ? '(' : ')')).trim();
  const m = half.match(/^(\d+)(?:\s*[-.．—_]\s*(\d+)|\s*\((\d+)\))?$/);
  if (!m) return undefined;
  const item = m[2] ?? m[3];
  return { seq: m[1], itemNo: item ? Number(item) : undefined };
}

const FOOTER = /^[-—]?\s*\d+\s*[-—]?$/;

interface Carry {
  seq?: string;
  area?: string;
  measure?: string;
  lastSeq?: string;
  itemBySeq: Map<string, number>;
}

function cell(row: RawRow, header: Header, column: Column): string | undefined {
  const index = header.columns[column];
  return index === undefined ? undefined : (row.cells[index] ?? '');
}

function mentionsProblems(field: string, mentions: UnitMention[]): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const m of mentions) {
    if (m.resolution.status === 'unknown') {
      problems.push(
        m.resolution.reason === 'ambiguous'
          ? { level: 'error', code: 'UNIT_AMBIGUOUS', field, message: `单位「${m.text}」对应多个单位（${m.resolution.candidates?.join('、')}），请使用全称` }
          : { level: 'error', code: 'UNIT_UNKNOWN', field, message: `未知单位「${m.text}」：请先新建该单位或为已有单位添加别名` },
      );
    }
    if (m.missingSeparator) {
      problems.push({ level: 'warning', code: 'MISSING_SEPARATOR', field, message: `「${m.text}」前缺少分隔符，已按已知单位拆分` });
    }
  }
  return problems;
}

/** Turns the data rows under the header into work items, carrying merged or blank area, measure and 序号 cells down. */
export function parseRows(rows: RawRow[], header: Header, directory: UnitDirectory): { parsed: ParsedRow[]; skipped: number[] } {
  const carry: Carry = { itemBySeq: new Map() };
  const parsed: ParsedRow[] = [];
  const skipped: number[] = [];
  let autoSeq = 0;
  for (const row of rows) {
    if (row.line <= header.line) continue;
    const filled = row.cells.filter((c) => c !== '');
    if (signatureOf(row) === header.signature || (filled.length === 1 && FOOTER.test(filled[0]))) {
      skipped.push(row.line);
      continue;
    }
    const problems: RowProblem[] = [];
    const text = cell(row, header, 'work') ?? '';
    const areaCell = cell(row, header, 'area');
    const measureCell = cell(row, header, 'measure');
    if (areaCell) {
      if (areaCell !== carry.area) carry.measure = undefined;
      carry.area = areaCell;
    }
    if (measureCell) carry.measure = measureCell;

    const seqCell = cell(row, header, 'seq');
    const itemCell = cell(row, header, 'item');
    let seq: string;
    let itemNo: number | undefined;
    if (seqCell) {
      const read = readSeq(seqCell);
      if (!read) {
        problems.push({ level: 'error', code: 'BAD_SEQ', field: '序号', message: `序号「${seqCell}」无法识别，应为数字（如 8 或 8-2）` });
        seq = seqCell;
      } else {
        seq = read.seq;
        itemNo = read.itemNo;
      }
      carry.seq = seq;
    } else if (header.columns.seq !== undefined && carry.seq) {
      seq = carry.seq;
    } else {
      seq = String(++autoSeq);
    }
    if (itemCell) {
      const n = Number(itemCell);
      if (Number.isInteger(n) && n > 0) itemNo = n;
      else problems.push({ level: 'error', code: 'BAD_ITEM', field: '子项', message: `子项「${itemCell}」应为正整数` });
    }
    // A 序号 repeated on the next row (a merged cell) numbers its items 1, 2, …;
    // a 序号 seen again further down is a duplicate, reported below.
    if (itemNo === undefined) {
      itemNo = seq === carry.lastSeq ? (carry.itemBySeq.get(seq) ?? 0) + 1 : carry.itemBySeq.has(seq) ? (carry.itemBySeq.get(seq) ?? 1) : 1;
    }
    carry.itemBySeq.set(seq, Math.max(itemNo, carry.itemBySeq.get(seq) ?? 0));
    carry.lastSeq = seq;

    if (!text) {
      problems.push({ level: 'error', code: 'NO_WORK_TEXT', field: '主要工作', message: '缺少主要工作内容' });
    }

    const leadCell = cell(row, header, 'lead') || undefined;
    const responsibleCell = cell(row, header, 'responsible') || undefined;
    const supportingCell = cell(row, header, 'supporting') || undefined;
    let leads: UnitMention[] = [];
    let supporting: UnitMention[] = [];
    let source: ParsedRow['responsibilitySource'] = 'none';
    if (leadCell || responsibleCell || supportingCell) {
      source = 'columns';
      leads = splitUnits(leadCell, directory);
      supporting = splitUnits(supportingCell, directory);
      if (responsibleCell) {
        // A 责任单位 list: its first unit leads unless a 牵头单位 column says otherwise.
        const listed = splitUnits(responsibleCell, directory);
        if (leadCell) supporting = [...listed, ...supporting];
        else [leads, supporting] = [listed.slice(0, 1), [...listed.slice(1), ...supporting]];
      }
      problems.push(...mentionsProblems(leadCell ? '牵头单位' : '责任单位', leads), ...mentionsProblems('配合单位', supporting));
    } else if (text) {
      const found = responsibilityFromText(text);
      if (found) {
        source = 'text';
        leads = splitUnits(found.lead, directory);
        supporting = splitUnits(found.supporting, directory);
        if (found.responsible) {
          const listed = splitUnits(found.responsible, directory);
          if (found.lead) supporting = [...listed, ...supporting];
          else [leads, supporting] = [listed.slice(0, 1), [...listed.slice(1), ...supporting]];
        }
        problems.push(...mentionsProblems('主要工作', [...leads, ...supporting]));
      }
    }
    if (leads.length === 0 && text) {
      problems.push({ level: 'warning', code: 'UNASSIGNED', field: '牵头单位', message: '未找到牵头单位：作为未分配任务导入，请补充责任单位' });
    }
    // A unit listed twice (as lead and supporting) keeps its first role.
    const seen = new Set<string>();
    const dedupe = (list: UnitMention[]) =>
      list.filter((m) => {
        const key = m.resolution.status === 'unknown' ? `?${m.name}` : m.resolution.unit.id;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    leads = dedupe(leads);
    supporting = dedupe(supporting);

    const deadlineCell = cell(row, header, 'deadline') || null;
    let deadline: ParsedDeadline | null = null;
    if (deadlineCell) {
      deadline = parseDeadlineCell(deadlineCell) ?? null;
      if (!deadline) problems.push({ level: 'warning', code: 'DEADLINE_UNREADABLE', field: '完成时限', message: `完成时限「${deadlineCell}」无法识别，未设定期限` });
    }
    deadline ??= text ? (deadlineFromText(text) ?? null) : null;

    parsed.push({
      line: row.line,
      seq,
      itemNo,
      area: carry.area ? splitNumbering(carry.area) : undefined,
      measure: carry.measure ? splitNumbering(carry.measure) : undefined,
      text,
      leadText: leadCell ?? responsibleCell ?? null,
      supportingText: supportingCell ?? null,
      deadlineText: deadlineCell,
      leads,
      supporting,
      responsibilitySource: source,
      targets: text ? extractTargets(text) : [],
      deadline,
      problems,
    });
  }
  const keys = new Map<string, number>();
  for (const row of parsed) {
    const key = `${row.seq}-${row.itemNo}`;
    const first = keys.get(key);
    if (first !== undefined) {
      row.problems.push({ level: 'error', code: 'DUPLICATE_ITEM', field: '序号', message: `序号 ${row.seq} 第 ${row.itemNo} 项与第 ${first} 行重复` });
    } else keys.set(key, row.line);
  }
  return { parsed, skipped };
}
