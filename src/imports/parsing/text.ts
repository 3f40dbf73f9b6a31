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

export function toHalfWidth(s: string): string {
  return s.replace(/[（），；：／　“”]/g, (c) => FULL_TO_HALF[c] ?? c).replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Key used to compare names and headers: half-width, no white space, variants folded. */
export function matchKey(s: string): string {
  return toHalfWidth(s)
    .replace(/\s+/g, '')
    .replace(/[増]/g, (c) => VARIANTS[c] ?? c);
}

/** Cell text as the importer reads it: trimmed, inner runs of white space kept as one space. */
export function cleanCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+/g, ' ').trim();
}
