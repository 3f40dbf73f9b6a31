import type { ParsedDeadline } from './deadlines.js';
import type { Column, Header } from './header.js';
import { signatureOf } from './header.js';
import { itemFields, type ItemContext, type RowProblem } from './item-fields.js';
import { readNumberCell, readNumberPrefix, type NumberStyle, type PrintedNumber } from './numbering.js';
import { Outline, rankOf, type HeadingRef } from './outline.js';
import { finishItems, type ItemStub } from './items.js';
import type { RawRow } from './table-reader.js';
import type { ParsedTarget } from './targets.js';
import type { UnitDirectory } from './unit-directory.js';
import type { UnitMention } from './unit-splitter.js';

export type { RowProblem } from './item-fields.js';

export interface ParsedRow {
  line: number;
  /** The 序号 as printed (「8」) where numbers are unique in the file, else the number path (「三.(一).1」). */
  seq: string;
  itemNo: number;
  area?: { label: string | null; title: string };
  measure?: { label: string | null; title: string };
  /** The work text, without the responsibility clause when units were read from it. */
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
  /** The main deadline (the latest dated milestone, else the first of the other kinds). */
  deadline: ParsedDeadline | null;
  problems: RowProblem[];
  /** The key a re-import matches on: heading path plus number where numbering restarts, else the number (「8-2」). */
  identity: string;
  /** The item's number as printed, its style and its level in the file's outline; null when the item has none. */
  number: { printed: string; style: NumberStyle; level: number; value: number } | null;
  /** Headings above the item, outermost first. */
  headingPath: HeadingRef[];
  /** Sorts items by their numbers (zero-padded path), whatever order the file lists them in. */
  sortKey: string;
  /** A title column, or a measure's title in a plan document. */
  title: string | null;
  /** Further text columns kept with the item (工作目标, 备注 …). */
  parts: { label: string; text: string }[];
  /** The responsibility clause as printed, taken out of `text`. */
  responsibilityClause: string | null;
  /** Every milestone (「6月底前出台方案，年底前完成」 gives two); `deadline` is the main one. */
  deadlines: ParsedDeadline[];
  /** Open-ended unit names flagged and not imported (「等有关部门」). */
  vague: string[];
  /** The reading note in force for this row's lists (「列第一位的为牵头单位，以下同」). */
  readingNote: string | null;
}

/** 「一、能源绿色低碳转型行动」 → label 一, title 能源绿色低碳转型行动. */
export function splitNumbering(printed: string): { label: string | null; title: string } {
  const read = readNumberPrefix(printed);
  if (!read) return { label: null, title: printed.trim() };
  const label = read.number.printed.replace(/^第|[、.．()（）\s]|[章条节]$|部分$/g, '');
  return { label, title: read.rest.trim() || printed.trim() };
}

const FOOTER = /^[-—]?\s*\d+\s*[-—]?$/;
const family = (style: NumberStyle) =>
  style === 'ar-bare' || style === 'ar-dot' || style === 'ar-comma' ? 'arabic' : style === 'cn-bare' || style === 'cn-comma' ? 'cn' : style === 'ar-half-paren' ? 'ar-paren' : style;

function cell(row: RawRow, header: Header, column: Column): string | undefined {
  const index = header.columns[column];
  return index === undefined ? undefined : (row.cells[index] ?? '');
}

const UNIT_AND_DEADLINE: Column[] = ['lead', 'responsible', 'supporting', 'divisions', 'deadline'];

/** The numbering family most rows with content use in the 序号 column: a row numbered otherwise is a heading or a typo. */
function itemFamily(rows: RawRow[], header: Header): string | undefined {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const seq = cell(row, header, 'seq');
    const n = seq ? readNumberCell(seq) : undefined;
    const work = cell(row, header, 'work') ?? '';
    const isItem = UNIT_AND_DEADLINE.some((c) => cell(row, header, c)) || work.length >= 20 || /[。；;]/.test(work);
    if (n && isItem) counts.set(family(n.style), (counts.get(family(n.style)) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A row that only names a heading: one short value (often merged across the row) and no units, deadline or number of the items' kind. */
function headingOf(row: RawRow, header: Header, items: string | undefined): { number: PrintedNumber | null; title: string } | undefined {
  const values = [...new Set(row.cells.filter((c) => c !== ''))];
  // A value merged across the row fills the unit cells too: it is still a heading.
  const spanning = values.length === 1 && row.cells.filter((c) => c === values[0]).length >= 2;
  if (!spanning && UNIT_AND_DEADLINE.some((c) => cell(row, header, c))) return undefined;
  const seq = cell(row, header, 'seq');
  const seqNumber = seq ? readNumberCell(seq) : undefined;
  if (seqNumber && items && family(seqNumber.style) !== items) {
    // 「一 | 能源领域」 above rows numbered 1, 2, 3: a heading. With long text it is an item numbered by mistake.
    const title = values.filter((v) => v !== seq).join(' ').trim();
    return title.length <= 60 && !/[。；;]/.test(title) ? { number: seqNumber, title } : undefined;
  }
  if (values.length !== 1 || values[0].length > 60 || /[。；;]/.test(values[0])) return undefined;
  const spans = row.cells.filter((c) => c === values[0]).length;
  // One cell alone: in the work column it is an item without units; elsewhere (序号, first column) a heading.
  if (spans === 1 && row.cells[header.columns.work!] === values[0]) return undefined;
  if (spans === 1 && header.columns.seq !== undefined && seq === values[0] && readNumberCell(seq)) return undefined;
  const read = readNumberPrefix(values[0]);
  if (!read && spans === 1 && header.headings.length > 0) return undefined;
  return read ? { number: read.number, title: read.rest.trim() } : { number: null, title: values[0] };
}

/** Turns the data rows under the header into work items, carrying merged or blank headings and 序号 cells down. */
export function parseRows(rows: RawRow[], header: Header, directory: UnitDirectory, options: { planYear?: number } = {}): { parsed: ParsedRow[]; skipped: number[]; headingLines: number[]; implicit: { text: string; line: number } | null } {
  const ctx: ItemContext = { directory, reading: header.note ? { note: header.note } : {}, planYear: options.planYear };
  const outline = new Outline();
  const columnValues = new Map<number, string>();
  const stubs: ItemStub[] = [];
  const skipped: number[] = [];
  const headingLines: number[] = [];
  let implicit: { text: string; line: number } | null = null;
  const data = rows.filter((r) => r.line > header.line);
  const items = itemFamily(data, header);
  let autoValue = 0;
  let last: { scope: string; number: PrintedNumber | null; value: number } | undefined;
  const itemNos = new Map<string, number>();

  for (const row of data) {
    const filled = row.cells.filter((c) => c !== '');
    if (filled.length === 0) continue;
    if (header.signatures.includes(signatureOf(row)) || (filled.length === 1 && FOOTER.test(filled[0]))) {
      skipped.push(row.line);
      continue;
    }
    const heading = headingOf(row, header, items);
    if (heading) {
      const key = heading.number ? heading.number.style : 'row';
      outline.open(key, heading.number ? rankOf(heading.number.style) : 0, heading.number, heading.title);
      // Heading columns open again under the new heading, even with the value they had above it.
      columnValues.clear();
      headingLines.push(row.line);
      last = undefined;
      continue;
    }
    for (const index of header.headings) {
      const value = row.cells[index] ?? '';
      if (value && value !== columnValues.get(index)) {
        const read = readNumberPrefix(value);
        outline.open(`col:${index}`, 100 + index, read?.number ?? null, read ? read.rest.trim() : value);
        columnValues.set(index, value);
        for (const deeper of header.headings.filter((i) => i > index)) columnValues.delete(deeper);
      }
    }
    const problems: RowProblem[] = [];
    let text = cell(row, header, 'work') ?? '';
    const scope = outline.path().map((h) => h.label ?? `#${h.ordinal}`).join('/');
    const seqCell = cell(row, header, 'seq');
    let number: PrintedNumber | null = null;
    let value: number;
    let itemNo: number | undefined;
    let printedSeq: string | undefined;
    if (seqCell) {
      const read = readNumberCell(seqCell);
      if (!read) {
        problems.push({ level: 'error', code: 'BAD_SEQ', field: '序号', message: `序号「${seqCell}」无法识别，应为数字（如 8 或 8-2）` });
        printedSeq = seqCell;
        value = ++autoValue;
      } else {
        if (items && family(read.style) !== items) {
          problems.push({ level: 'error', code: 'BAD_SEQ', field: '序号', message: `序号「${seqCell}」的编号样式与本列其他序号不同，请统一编号（如 1、2、3）` });
          printedSeq = seqCell;
        }
        number = read;
        value = read.value;
        itemNo = read.sub;
        autoValue = Math.max(autoValue, value);
      }
    } else if (header.columns.seq !== undefined && last && last.scope === scope) {
      // A blank 序号 under a numbered row continues it (a merged cell): the same number, its next item.
      number = last.number;
      value = last.value;
    } else {
      const fromText = header.columns.seq === undefined ? readNumberPrefix(text) : undefined;
      if (fromText) {
        number = fromText.number;
        value = fromText.number.value;
        text = fromText.rest.trim();
      } else value = ++autoValue;
    }
    const itemCell = cell(row, header, 'item');
    if (itemCell) {
      const n = Number(itemCell);
      if (Number.isInteger(n) && n > 0) itemNo = n;
      else problems.push({ level: 'error', code: 'BAD_ITEM', field: '子项', message: `子项「${itemCell}」应为正整数` });
    }
    // A number repeated on the next row (a merged cell) numbers its items 1, 2, …; seen again further down, it is a duplicate.
    const numberKey = `${scope}|${printedSeq ?? value}`;
    const sameAsLast = last && last.scope === scope && (last.number?.printed ?? String(last.value)) === (number?.printed ?? String(value));
    itemNo ??= sameAsLast ? (itemNos.get(numberKey) ?? 0) + 1 : (itemNos.get(numberKey) ?? 1);
    itemNos.set(numberKey, Math.max(itemNo, itemNos.get(numberKey) ?? 0));
    last = { scope, number, value };

    if (!text) problems.push({ level: 'error', code: 'NO_WORK_TEXT', field: '主要工作', message: '缺少主要工作内容' });
    const fields = itemFields(
      {
        text,
        cells: { lead: cell(row, header, 'lead') || undefined, responsible: cell(row, header, 'responsible') || undefined, supporting: cell(row, header, 'supporting') || undefined, divisions: cell(row, header, 'divisions') || undefined },
        deadlineCell: cell(row, header, 'deadline') || undefined,
      },
      ctx,
    );
    if (fields.implicit && !implicit) implicit = { text: fields.implicit, line: row.line };
    const path = outline.path();
    const areaCell = header.columns.area !== undefined ? columnValues.get(header.columns.area) : undefined;
    const measureCell = header.columns.measure !== undefined ? columnValues.get(header.columns.measure) : undefined;
    const heads = header.columns.area !== undefined || header.columns.measure !== undefined ? undefined : path;
    stubs.push({
      line: row.line,
      headings: path,
      number,
      value,
      itemNo,
      printedSeq,
      area: areaCell ? splitNumbering(areaCell) : heads?.[0] ? { label: heads[0].label, title: heads[0].title } : undefined,
      measure: measureCell ? splitNumbering(measureCell) : heads?.[1] ? { label: heads[1].label, title: heads[1].title } : undefined,
      title: cell(row, header, 'title') || null,
      parts: header.parts.map((p) => ({ label: p.label, text: row.cells[p.index] ?? '' })).filter((p) => p.text !== ''),
      fields: { ...fields, problems: [...problems, ...fields.problems] },
    });
  }
  return { parsed: finishItems(stubs), skipped, headingLines, implicit };
}
