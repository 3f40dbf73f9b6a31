import { readNumberPrefix, type PrintedNumber } from './numbering.js';
import { Outline, rankOf, type HeadingRef } from './outline.js';
import type { Paragraph } from './plain-text.js';
import { toHalfWidth } from './text.js';

/** A numbered (or Word-heading) section of a plan and the text that follows it up to the next one. */
export interface Block {
  number: PrintedNumber | null;
  ref: HeadingRef;
  /** The headings above this block, outermost first. */
  parents: HeadingRef[];
  /** The short heading (「推进清洁能源开发利用」), or null when the block opens with a long sentence. */
  title: string | null;
  /** The text after the title; paragraphs joined by newlines. */
  body: string;
  /** Where each paragraph of the body starts, for line numbers. */
  starts: { offset: number; line: number }[];
  line: number;
  hasChildren: boolean;
}

// Where a number may start inside a flattened paragraph: after a sentence or a closing bracket.
const BOUNDARY = /[。；;！!？?)）\]】]$/;
const CANDIDATE = /[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[.．、](?![\d.．])|[(（]\d{1,2}[)）]|[\u2460-\u2473]|第[一二三四五六七八九十百\d]{1,4}[条章]/g;
// The annex of a plan (a task table flattened to text) starts where a table header appears.
const ANNEX_HEADER = /序号.{0,40}?(牵头单位|责任单位)/;
const ANNEX_LINE = /^附件\s*[0-9一二三四五]*\s*[:：]?\s*$|^附件\s*[0-9一二三四五]*\s*[:：]/;
const TITLE_MAX = 40;

interface Open {
  block: Block;
  /** The paragraph text read so far, before the title is split off. */
  raw: string;
}

function splitTitle(raw: string): { title: string | null; body: string } {
  const firstBreak = raw.indexOf('\n');
  const firstPara = firstBreak < 0 ? raw : raw.slice(0, firstBreak);
  if (firstPara.length <= TITLE_MAX && !/[。；;]/.test(firstPara.slice(0, -1))) {
    return { title: firstPara.replace(/[。；;]$/, '').trim() || null, body: firstBreak < 0 ? '' : raw.slice(firstBreak + 1) };
  }
  const stop = raw.search(/[。；;]/);
  if (stop > 0 && stop <= TITLE_MAX) return { title: raw.slice(0, stop).trim(), body: raw.slice(stop + 1).replace(/^\n/, '') };
  return { title: null, body: raw };
}

/**
 * Cuts a plan into blocks by its numbering, also where a flattened PDF ran everything into one
 * line: a number starts a block at the start of a paragraph, after a sentence or a closing
 * bracket, or anywhere it is the next number its style expects (「三、重点任务(一)能源…」). Stops at
 * the annex (「附件」, or a task table's header flattened into the text) once the body has begun.
 */
export function documentBlocks(paragraphs: Paragraph[]): Block[] {
  const outline = new Outline();
  const blocks: Block[] = [];
  const blockOf = new Map<HeadingRef, Block>();
  const lastValue = new Map<string, number>();
  let open: Open | undefined;

  const close = () => {
    if (!open) return;
    const { title, body } = splitTitle(open.raw);
    const lead = open.raw.length - body.length;
    open.block.title = title;
    open.block.ref.title = title ?? open.raw.slice(0, 30);
    open.block.body = body;
    open.block.starts = open.block.starts.map((s) => ({ offset: Math.max(0, s.offset - lead), line: s.line })).filter((s, i, all) => i === 0 || s.offset > all[i - 1].offset);
    open = undefined;
  };
  const start = (number: PrintedNumber | null, key: string, rank: number, line: number) => {
    close();
    const ref = outline.open(key, rank, number, '');
    const parents = outline.path().slice(0, -1);
    const parentBlock = parents.length > 0 ? blockOf.get(parents[parents.length - 1]) : undefined;
    if (parentBlock) parentBlock.hasChildren = true;
    if (number) {
      lastValue.set(key, number.value);
      // Levels below this one start counting again.
      for (const k of [...lastValue.keys()]) if (!outline.has(k)) lastValue.delete(k);
    }
    const block: Block = { number, ref, parents, title: null, body: '', starts: [{ offset: 0, line }], line, hasChildren: false };
    blocks.push(block);
    blockOf.set(ref, block);
    open = { block, raw: '' };
  };
  const append = (text: string, line: number) => {
    if (!open || !text) return;
    if (open.raw) {
      open.raw += '\n';
      open.block.starts.push({ offset: open.raw.length, line });
    }
    open.raw += text;
  };
  const expected = (n: PrintedNumber) => (outline.has(n.style) ? (lastValue.get(n.style) ?? 0) + 1 : 1);

  for (const p of paragraphs) {
    let text = p.text;
    let last = false;
    // Once the body has begun, an annex ends it: what follows (a flattened task table, a web page's footer) is not the plan's prose.
    if (blocks.length > 0) {
      if (ANNEX_LINE.test(text.trim())) break;
      const annex = toHalfWidth(text).search(ANNEX_HEADER);
      if (annex >= 0) (text = text.slice(0, annex)), (last = true);
    }
    if (p.headingLevel && !readNumberPrefix(text)) {
      start(null, `h${p.headingLevel}`, p.headingLevel - 10, p.line);
      append(text, p.line);
      continue;
    }
    let from = 0;
    for (const m of text.matchAll(CANDIDATE)) {
      const at = m.index!;
      if (at < from) continue;
      const read = readNumberPrefix(text.slice(at));
      if (!read) continue;
      const before = text.slice(0, at).trimEnd();
      const atStart = before === '' || BOUNDARY.test(before);
      if (!atStart && read.number.value !== expected(read.number)) continue;
      append(text.slice(from, at).trim(), p.line);
      start(read.number, read.number.style, rankOf(read.number.style), p.line);
      from = at + (text.length - at - read.rest.length);
    }
    append(text.slice(from).trim(), p.line);
    if (last) break;
  }
  close();
  return blocks;
}
