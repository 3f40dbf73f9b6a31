/** A paragraph of a plan document, as the reader found it. */
export interface Paragraph {
  /** 1-based line (plain text) or paragraph number (Word). */
  line: number;
  text: string;
  /** Word heading level (Heading 1 → 1) when the paragraph has a heading style. */
  headingLevel?: number;
}

// Word export artefacts and Markdown marks that carry no text.
const BOOKMARK = /\[bookmark:[^\]]*\]/g;
const MARKDOWN_HEADING = /^\s*#{1,6}\s*/;
// A page footer on its own line: 「- 12 -」「—3—」.
const FOOTER_LINE = /^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$/;
// A footer flattened into the text of a PDF: 「按照职-28-责分工」. Digits on either side would be a range (2021-2025).
const FOOTER_INLINE = /(?<![\d\-—–])[-—–]\s?\d{1,3}\s?[-—–](?![\d\-—–])/g;

/** Removes page footers and export marks from a line of a plan; the words themselves are kept as written. */
export function cleanLine(line: string): string {
  if (FOOTER_LINE.test(line)) return '';
  return line.replace(BOOKMARK, '').replace(MARKDOWN_HEADING, '').replace(FOOTER_INLINE, '').replace(/[ \t\u00a0\u3000]+/g, ' ').trim();
}

/** The paragraphs of a plain-text plan: one per non-empty line (a wrapped line continues its block later). */
export function textParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = cleanLine(raw.replace(/^\uFEFF/, ''));
    if (line) out.push({ line: i + 1, text: line });
  });
  return out;
}
