import { CONVENTIONAL_RANK, numberLabel, type NumberStyle, type PrintedNumber } from './numbering.js';

/** A heading above an item: an action area, a measure, a chapter, as printed. */
export interface HeadingRef {
  /** The number as printed (「（一）」), or null for an unnumbered heading. */
  printed: string | null;
  /** The number without its delimiters' width (「(一)」), or null when unnumbered. */
  label: string | null;
  title: string;
  /** 1-based depth in this file's outline. */
  level: number;
  /** Position among unnumbered siblings (1, 2 …); what identifies an unnumbered heading. */
  ordinal: number;
  /** The number's value, or the ordinal when unnumbered: what the heading sorts by. */
  value: number;
}

/**
 * Tracks a document's outline the way a reader does: a numbering style already open closes
 * everything below it, a new style opens a level under the current one. Levels come from the
 * document's own order, not a fixed table, because plans disagree (「1、」 above 「（1）」 above
 * 「1.」 in one, 「一、」「（一）」「1.」 in another).
 */
export class Outline {
  private stack: { key: string; rank: number; ref: HeadingRef }[] = [];
  private readonly ordinals = new Map<string, number>();

  /** Opens a heading. `key` is the numbering style, a Word heading level (h1…) or a table column (col:2). */
  open(key: string, rank: number, number: PrintedNumber | null, title: string): HeadingRef {
    const at = this.stack.findIndex((s) => s.key === key);
    if (at >= 0) this.stack.length = at;
    // A style conventionally above every open level (「二、」 after 「（一）」 sections) starts a new top level.
    else if (this.stack.length > 0 && rank < this.stack[0].rank) this.stack.length = 0;
    const parentPath = this.stack.map((s) => s.ref.label ?? `#${s.ref.ordinal}`).join('/');
    const ordinalKey = `${parentPath}|${key}`;
    const ordinal = number ? 0 : (this.ordinals.get(ordinalKey) ?? 0) + 1;
    if (!number) this.ordinals.set(ordinalKey, ordinal);
    const ref: HeadingRef = { printed: number?.printed ?? null, label: number ? numberLabel(number) : null, title, level: this.stack.length + 1, ordinal, value: number?.value ?? ordinal };
    this.stack.push({ key, rank, ref });
    return ref;
  }

  /** Closes every level from `key` down (a table column that is empty again). */
  closeFrom(key: string): void {
    const at = this.stack.findIndex((s) => s.key === key);
    if (at >= 0) this.stack.length = at;
  }

  /** The open headings, outermost first. */
  path(): HeadingRef[] {
    return this.stack.map((s) => s.ref);
  }

  depth(): number {
    return this.stack.length;
  }

  has(key: string): boolean {
    return this.stack.some((s) => s.key === key);
  }
}

export const rankOf = (style: NumberStyle) => CONVENTIONAL_RANK[style];

/** Where an item sits: the headings above it, its own number (or the one derived for it) and its item number. */
export interface ItemPosition {
  headings: HeadingRef[];
  number: PrintedNumber | null;
  /** The printed number's value, or the one derived for an unnumbered item (the next in its list). */
  value: number;
  itemNo: number;
  /** A label to use instead of the number's (an unreadable 序号 as printed). */
  label?: string;
}

export interface ItemKey {
  identity: string;
  seq: string;
  sortKey: string;
}

const pad = (n: number) => String(n).padStart(4, '0');
const ownLabel = (p: ItemPosition) => p.label ?? (p.number ? numberLabel(p.number) : String(p.value));
const headingSegment = (h: HeadingRef) => h.label ?? `#${h.ordinal}`;

/**
 * Keys for every item of one file. Where numbering runs on through the file (the Yinchuan table's
 * 1…39), an item is its number and item (「8-2」), so renaming or renumbering a heading does not
 * orphan its items, and a number used twice is a duplicate. Where numbering restarts under each
 * heading, the shortest heading path that tells items apart comes first (「三/(一)/1-1」).
 * Unnumbered headings count by position among their siblings, never by title, so that editing a
 * title is harmless. The same file always gives the same keys.
 */
export function itemKeys(positions: ItemPosition[]): ItemKey[] {
  const own = positions.map((p) => `${ownLabel(p)}-${p.itemNo}`);
  const restarts = positions.filter((p) => p.value === 1 && p.itemNo === 1).length >= 2;
  let depth = 0;
  if (restarts && new Set(own).size !== own.length) {
    const deepest = Math.max(0, ...positions.map((p) => p.headings.length));
    const keysAt = (d: number) => positions.map((p, i) => [...p.headings.slice(0, d).map(headingSegment), own[i]].join('/'));
    depth = deepest;
    for (let d = 1; d <= deepest; d++) {
      if (new Set(keysAt(d)).size === positions.length) {
        depth = d;
        break;
      }
    }
  }
  return positions.map((p, i) => {
    const headings = p.headings.slice(0, depth);
    const segments = headings.map(headingSegment);
    return {
      identity: [...segments, own[i]].join('/'),
      seq: [...segments, ownLabel(p)].join('.'),
      sortKey: [...headings.map((h) => h.value), p.value, p.itemNo].map(pad).join('.'),
    };
  });
}
