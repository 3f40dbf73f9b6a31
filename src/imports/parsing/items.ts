import type { ItemFields } from './item-fields.js';
import type { PrintedNumber } from './numbering.js';
import { itemKeys, type HeadingRef } from './outline.js';
import type { ParsedRow } from './row-parser.js';

/** An item once placed and read, before its key is known (keys depend on the whole file). */
export interface ItemStub {
  line: number;
  headings: HeadingRef[];
  number: PrintedNumber | null;
  value: number;
  itemNo: number;
  /** The 序号 as printed when it could not be read as a number. */
  printedSeq?: string;
  area?: { label: string | null; title: string };
  measure?: { label: string | null; title: string };
  title: string | null;
  parts: { label: string; text: string }[];
  fields: ItemFields;
}

/** Gives every item its identity, number path and sort key, and reports items listed twice. */
export function finishItems(stubs: ItemStub[]): ParsedRow[] {
  const keys = itemKeys(stubs.map((s) => ({ headings: s.headings, number: s.number, value: s.value, itemNo: s.itemNo, label: s.printedSeq })));
  const rows = stubs.map((s, i): ParsedRow => {
    const { implicit: _implicit, ...fields } = s.fields;
    return {
      line: s.line,
      seq: s.printedSeq ?? keys[i].seq,
      itemNo: s.itemNo,
      area: s.area,
      measure: s.measure,
      ...fields,
      identity: keys[i].identity,
      number: s.number ? { printed: s.number.printed, style: s.number.style, level: s.headings.length + 1, value: s.number.value } : null,
      headingPath: s.headings,
      sortKey: keys[i].sortKey,
      title: s.title,
      parts: s.parts,
    };
  });
  const first = new Map<string, number>();
  for (const row of rows) {
    const line = first.get(row.identity);
    if (line !== undefined) {
      row.problems.push({ level: 'error', code: 'DUPLICATE_ITEM', field: '序号', message: `序号 ${row.seq} 第 ${row.itemNo} 项与第 ${line} 行重复` });
    } else first.set(row.identity, row.line);
  }
  return rows;
}
