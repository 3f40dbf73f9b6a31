import { toHalfWidth } from './text.js';

/**
 * How an item or heading number is printed. The delimiter is part of the style because plans
 * nest by it: 昆都仑区 uses 「1、」 for chapters and 「1.」 for measures under 「（1）」.
 */
export type NumberStyle =
  | 'chapter' // 第一章 / 第一部分 / 第一节
  | 'article' // 第一条
  | 'cn-comma' // 一、
  | 'cn-paren' // （一）
  | 'cn-bare' // a cell holding only 一
  | 'ar-comma' // 1、
  | 'ar-dot' // 1. 1．
  | 'ar-paren' // (1) （1） ⑴
  | 'ar-half-paren' // 1) 1）
  | 'circled' // ①
  | 'ar-bare'; // a cell holding only 1, or 8-2

export interface PrintedNumber {
  /** The number as printed, delimiters included: 「（一）」「1．」「8-2」. */
  printed: string;
  style: NumberStyle;
  value: number;
  /** The item within the number when printed in one cell: 8-2, 8.2, 8(2) → 2. */
  sub?: number;
}

/**
 * The conventional rank of each style in Chinese official documents (一、 above （一） above 1.
 * above （1） above ①). Used only where a document's own order cannot tell, e.g. when a style
 * appears that is conventionally above every open level.
 */
export const CONVENTIONAL_RANK: Record<NumberStyle, number> = {
  chapter: 0,
  article: 1,
  'cn-comma': 1,
  'cn-bare': 1,
  'cn-paren': 2,
  'ar-comma': 3,
  'ar-dot': 3,
  'ar-bare': 3,
  'ar-paren': 4,
  'ar-half-paren': 4,
  circled: 5,
};

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN = '[一二三四五六七八九十百零〇两]+';

/** 「二十八」 → 28, 「十一」 → 11, 「一百零三」 → 103; undefined when it is not a numeral. */
export function chineseToInt(s: string): number | undefined {
  if (!s || !new RegExp(`^${CN}$`).test(s)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = current * 10 + DIGITS[ch];
  }
  return total + current;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 28 → 「二十八」, for Word's chineseCounting numbering. */
export function intToChinese(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${CN_DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${CN_DIGITS[rest]}` : rest < 20 ? `一${intToChinese(rest)}` : intToChinese(rest)}`;
}

function valueOf(token: string): number | undefined {
  return /^\d+$/.test(token) ? Number(token) : chineseToInt(token);
}

interface Pattern {
  re: RegExp;
  style: NumberStyle | ((m: RegExpMatchArray) => NumberStyle);
}

// Prefixes of a text. Each needs something after it; a digit after 「1.」 is a decimal (9.5%), not a number.
const PREFIXES: Pattern[] = [
  { re: new RegExp(`^第\\s*(${CN}|\\d{1,3})\\s*(章|部分|节|条)\\s*`), style: (m) => (m[2] === '条' ? 'article' : 'chapter') },
  { re: new RegExp(`^(${CN})\\s*[、.．]\\s*`), style: 'cn-comma' },
  { re: new RegExp(`^\\(\\s*(${CN})\\s*\\)\\s*`), style: 'cn-paren' },
  { re: /^(\d{1,3})\s*、\s*/, style: 'ar-comma' },
  { re: /^(\d{1,3})\s*[.．](?![\d.．])\s*/, style: 'ar-dot' },
  { re: /^\(\s*(\d{1,3})\s*\)\s*/, style: 'ar-paren' },
  { re: /^(\d{1,3})\s*\)\s*/, style: 'ar-half-paren' },
];

const CIRCLED_START = 0x2460; // ① … ⑳
const PAREN_DIGIT_START = 0x2474; // ⑴ … ⒇
const DOT_DIGIT_START = 0x2488; // ⒈ … ⒛

function singleCharNumber(ch: string): { style: NumberStyle; value: number } | undefined {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= CIRCLED_START && code < CIRCLED_START + 20) return { style: 'circled', value: code - CIRCLED_START + 1 };
  if (code >= PAREN_DIGIT_START && code < PAREN_DIGIT_START + 20) return { style: 'ar-paren', value: code - PAREN_DIGIT_START + 1 };
  if (code >= DOT_DIGIT_START && code < DOT_DIGIT_START + 20) return { style: 'ar-dot', value: code - DOT_DIGIT_START + 1 };
  return undefined;
}

/**
 * Reads a number printed at the start of a text: 「1．推进…」「（一）能源…」「①…」「第三条 …」.
 * Returns the number and the rest of the text (from the original, not the normalised copy).
 * Nothing is returned when nothing follows the number: a lone 「1.」 is not a heading.
 */
export function readNumberPrefix(original: string): { number: PrintedNumber; rest: string } | undefined {
  const lead = original.length - original.trimStart().length;
  const text = original.slice(lead);
  const half = toHalfWidth(text);
  const single = singleCharNumber(text[0] ?? '');
  if (single) {
    const rest = text.slice(1).replace(/^[\s.、．]+/, '');
    return rest ? { number: { printed: text[0], ...single }, rest } : undefined;
  }
  for (const p of PREFIXES) {
    const m = half.match(p.re);
    if (!m) continue;
    const value = valueOf(m[1]);
    const rest = text.slice(m[0].length);
    if (value === undefined || !rest.trim()) return undefined;
    const style = typeof p.style === 'function' ? p.style(m) : p.style;
    return { number: { printed: text.slice(0, m[0].length).trim(), style, value }, rest };
  }
  return undefined;
}

/**
 * Reads a number cell (序号): 「8」「8-2」「8.2」「8(2)」「1．」「（一）」「一、」「一」「①」「第一条」.
 * Undefined when the cell is not a number at all (「A3」, 「√」).
 */
export function readNumberCell(cell: string): PrintedNumber | undefined {
  const printed = cell.trim();
  const half = toHalfWidth(printed).replace(/\s+/g, '');
  const nested = half.match(/^(\d{1,4})(?:[-.．—_](\d{1,3})|\((\d{1,3})\))?$/);
  if (nested) {
    const sub = nested[2] ?? nested[3];
    return { printed, style: 'ar-bare', value: Number(nested[1]), ...(sub ? { sub: Number(sub) } : {}) };
  }
  const cn = chineseToInt(half);
  if (cn !== undefined) return { printed, style: 'cn-bare', value: cn };
  if ([...half].length === 1) {
    const single = singleCharNumber(half);
    if (single) return { printed, ...single };
  }
  // A number with its delimiter and nothing after it: 「1．」「（一）」「第一条」.
  const withRest = readNumberPrefix(`${printed}x`);
  if (withRest && withRest.rest === 'x') return { ...withRest.number, printed };
  return undefined;
}

/** A label that identifies a number independently of its delimiters' width: 「（一）」 → 「(一)」, 「1．」 → 「1」. */
export function numberLabel(n: PrintedNumber): string {
  const half = toHalfWidth(n.printed).replace(/\s+/g, '');
  const core = half.replace(/^第/, '').replace(/[、.．()章条节]|部分/g, '');
  const base = n.style === 'circled' ? String(n.value) : n.style === 'ar-bare' ? String(n.value) : core || String(n.value);
  return n.style === 'cn-paren' || n.style === 'ar-paren' ? `(${base})` : base;
}
