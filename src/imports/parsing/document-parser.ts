import { documentBlocks, type Block } from './document-outline.js';
import { itemFields, type ItemContext } from './item-fields.js';
import { finishItems, type ItemStub } from './items.js';
import type { HeadingRef } from './outline.js';
import type { Paragraph } from './plain-text.js';
import { findResponsibilityClauses, type TextResponsibility } from './responsibility-text.js';
import type { ParsedRow } from './row-parser.js';
import type { UnitDirectory } from './unit-directory.js';

export type { Paragraph } from './plain-text.js';

// Chapters that frame a plan rather than assign work: never items when no unit is named anywhere.
const FRAMING = /总体要求|指导思想|基本原则|工作原则|主要目标|总体目标|工作目标|发展目标|目标任务|组织实施|组织领导|编制依据|适用范围|基本情况|现状|形势/;

const lineAt = (block: Block, offset: number) => [...block.starts].reverse().find((s) => s.offset <= offset)?.line ?? block.line;
const flat = (s: string) => s.replace(/\n+/g, '').trim();
const root = (block: Block): HeadingRef => block.parents[0] ?? block.ref;

interface Piece {
  text: string;
  clause: TextResponsibility | null;
  line: number;
}

/** A block's work items: the text before each responsibility clause; text after the last one only when it says something. */
function pieces(block: Block, clauses: TextResponsibility[]): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (const clause of clauses) {
    const text = flat(block.body.slice(from, clause.start));
    out.push({ text: text || block.title || '', clause, line: lineAt(block, from) });
    from = clause.end;
  }
  const rest = flat(block.body.slice(from)).replace(/^[。；;，,\s]+/, '');
  if (clauses.length === 0 || rest.length > 10) out.push({ text: rest || (clauses.length === 0 ? (block.title ?? '') : ''), clause: null, line: lineAt(block, from) });
  return out.filter((p) => p.text);
}

/**
 * Reads a plan's prose: measures numbered under actions under chapters, each followed (or not) by
 * its responsibility. Where the plan names units anywhere, the items are the texts before each
 * clause, plus clause-less measures in the same chapters (unassigned, flagged); where it names
 * none (中卫, 内蒙古), the items are the innermost measures outside the framing chapters, all
 * unassigned and flagged, never guessed.
 */
export function parseDocument(paragraphs: Paragraph[], directory: UnitDirectory, options: { planYear?: number } = {}) {
  const blocks = documentBlocks(paragraphs);
  const clausesOf = new Map(blocks.map((b) => [b, findResponsibilityClauses(b.body)]));
  const withClauses = new Set(blocks.filter((b) => clausesOf.get(b)!.length > 0).map(root));
  const anyClause = withClauses.size > 0;
  const deepLeaves = blocks.filter((b) => !b.hasChildren && b.parents.length > 0 && !FRAMING.test(root(b).title));
  // Measures whose heading was lost (a reprint that starts mid-text) share the style of the others.
  const itemStyles = new Set(deepLeaves.map((b) => b.number?.style));
  const eligible = (b: Block) => {
    if (b.hasChildren) return false;
    if (anyClause) return withClauses.has(root(b));
    if (FRAMING.test(root(b).title)) return false;
    return deepLeaves.length === 0 || b.parents.length > 0 || itemStyles.has(b.number?.style);
  };

  const ctx: ItemContext = { directory, reading: {}, planYear: options.planYear };
  const stubs: ItemStub[] = [];
  let implicit: { text: string; line: number } | null = null;
  for (const block of blocks) {
    const clauses = clausesOf.get(block)!;
    if (clauses.length === 0 && !eligible(block)) continue;
    const parent = block.parents.at(-1);
    pieces(block, clauses).forEach((piece, i) => {
      const fields = itemFields({ text: piece.text, clause: piece.clause }, ctx);
      if (fields.implicit && !implicit) implicit = { text: fields.implicit, line: piece.line };
      stubs.push({
        line: piece.line,
        headings: block.parents,
        number: block.number,
        value: block.number?.value ?? block.ref.ordinal,
        itemNo: i + 1,
        area: parent ? { label: parent.label?.replace(/[()]/g, '') ?? null, title: parent.title } : undefined,
        measure: block.title ? { label: block.ref.label?.replace(/[()]/g, '') ?? null, title: block.title } : undefined,
        title: i === 0 ? block.title : null,
        parts: [],
        fields,
      });
    });
  }
  const parsed: ParsedRow[] = finishItems(stubs);
  return { parsed, headingLines: [] as number[], implicit: implicit as { text: string; line: number } | null };
}
