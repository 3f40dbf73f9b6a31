// Normalisation for matching only: the original text is always stored as printed.

const FULL_TO_HALF: Record<string, string> = {
  '（': '(',
  '）': ')',
  '，': ',',
  '；': ';',
  '：': ':',
  '／': '/',
  '　': ' ',
  '“': '"',
  '”': '"',
};

// Variant characters seen in real plans (「増」 U+5897 in the Yinchuan table).
const VARIANTS: Record<string, string> = { 増: '增' };

/**
 * Maps full-width punctuation and digits to ASCII one character for one character, so that an
 * index found in the result is the same index in the original (callers slice the original).
 */
const FULL_WIDTH = /[（），；：／　“”０-９]/g;

export function toHalfWidth(s: string): string {
  // Most cells hold none of these characters: skip the replacement (a hot path on large files).
  FULL_WIDTH.lastIndex = 0;
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(FULL_WIDTH, (c) => FULL_TO_HALF[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Unit names repeat on every row of a table: their keys are remembered (bounded, so memory stays flat).
const keys = new Map<string, string>();

/** Key used to compare names and headers: half-width, no white space, variants folded. */
export function matchKey(s: string): string {
  const known = keys.get(s);
  if (known !== undefined) return known;
  const key = toHalfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[増]/g, (c) => VARIANTS[c] ?? c);
  if (s.length <= 64) {
    if (keys.size > 20_000) keys.clear();
    keys.set(s, key);
  }
  return key;
}

/** Cell text as the importer reads it: trimmed, inner runs of white space kept as one space. */
export function cleanCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** Every bracket pair seen in plans; 〈〉 and 【】 carry qualifiers and notes as often as （）. */
export const BRACKETS: Record<string, string> = {
  '(': ')',
  '（': '）',
  '〈': '〉',
  '<': '>',
  '＜': '＞',
  '《': '》',
  '〔': '〕',
  '【': '】',
  '[': ']',
  '［': '］',
  '{': '}',
};
const OPENERS = new Set(Object.keys(BRACKETS));
const CLOSERS = new Set(Object.values(BRACKETS));

export const isOpener = (c: string) => OPENERS.has(c);
export const isCloser = (c: string) => CLOSERS.has(c);

/** A bracketed group at nesting depth 0, with its position in the string it was found in. */
export interface BracketGroup {
  start: number;
  /** Index after the closing bracket. */
  end: number;
  inner: string;
}

/**
 * The top-level bracket groups of a string. An unbalanced opener (a cell broken across pages)
 * closes at the end of the string rather than swallowing nothing.
 */
export function bracketGroups(s: string): BracketGroup[] {
  const groups: BracketGroup[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (isOpener(c)) {
      if (depth === 0) start = i;
      depth++;
    } else if (isCloser(c) && depth > 0) {
      depth--;
      if (depth === 0) groups.push({ start, end: i + 1, inner: s.slice(start + 1, i) });
    }
  }
  return groups;
}

/** Removes the enclosing bracket pair of a group as printed: 「（含街道）」 → 「含街道」. */
export function stripOuterBrackets(s: string): string {
  const t = s.trim();
  return t.length >= 2 && isOpener(t[0]) && BRACKETS[t[0]] === t.at(-1) ? t.slice(1, -1).trim() : t;
}
