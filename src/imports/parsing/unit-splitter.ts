import type { Resolution, UnitDirectory } from './unit-directory.js';
import { matchKey } from './text.js';

/** One unit named in a cell, as printed and as understood. */
export interface UnitMention {
  /** The fragment as printed in the cell. */
  text: string;
  /** The name looked up (prefix applied), or the fragment when nothing matched. */
  name: string;
  resolution: Resolution;
  /** True when the fragment had no separator before it in the cell (「商务局各县(市)区人民政府」). */
  missingSeparator?: boolean;
}

const NONE = new Set(['', '/', '无', '-', '—', '——', '暂无']);

// Prefixes that carry across a 、-list: 「市工信局、自然资源局」 = 市工信局 and 市自然资源局.
// Longer first so that 市委 wins over 市.
const PREFIXES = ['自治区党委', '自治区', '省委', '省', '市委', '市', '区委', '区', '县委', '县', '旗委', '旗'];

const SEPARATORS = new Set(['、', '，', ',', '；', ';', ' ', '\n', '\t', '　']);

interface Token {
  text: string;
  /** Whether the separator run before this token was only 、 (the prefix carries). */
  afterEnumComma: boolean;
}

/** Splits on separators outside parentheses: 「各县（市、区）人民政府」 stays one name. */
export function tokenize(cell: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let current = '';
  let separatorsBefore = '';
  const flush = () => {
    const text = current.trim();
    if (text) tokens.push({ text, afterEnumComma: tokens.length > 0 && /^、+$/.test(separatorsBefore) });
    current = '';
    separatorsBefore = '';
  };
  for (const ch of cell) {
    if (ch === '(' || ch === '（') depth++;
    if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      if (current.trim()) flush();
      separatorsBefore += ch;
    } else {
      current += ch;
    }
  }
  flush();
  return tokens;
}

function ownPrefix(text: string): string | undefined {
  const key = matchKey(text);
  return PREFIXES.find((p) => key.startsWith(p) && key.length > p.length);
}

function resolveWithPrefix(text: string, prefix: string | undefined, directory: UnitDirectory): { name: string; resolution: Resolution } {
  // 「市政管理局」 after a 市 prefix is 市市政管理局: the prefixed reading is tried first.
  const candidates = prefix ? [prefix + text, text] : [text];
  let unknown: Resolution | undefined;
  for (const name of candidates) {
    const resolution = directory.resolve(name);
    if (resolution.status !== 'unknown') return { name: resolution.unit.name, resolution };
    if (resolution.reason === 'ambiguous') return { name, resolution };
    unknown ??= resolution;
  }
  return { name: text, resolution: unknown! };
}

/**
 * Reads a fragment that resolves to nothing as several known names run together,
 * the longest known name first at each position. Returns undefined when it cannot.
 */
function segment(text: string, prefix: string | undefined, directory: UnitDirectory): string[] | undefined {
  const key = matchKey(text);
  const memo = new Map<number, string[] | null>();
  const walk = (pos: number): string[] | null => {
    if (pos === key.length) return [];
    if (memo.has(pos)) return memo.get(pos)!;
    let result: string[] | null = null;
    for (const k of directory.keysByLength) {
      const candidates = [k];
      if (prefix && k.startsWith(prefix)) candidates.push(k.slice(prefix.length));
      for (const c of candidates) {
        if (c && key.startsWith(c, pos)) {
          const rest = walk(pos + c.length);
          if (rest) {
            result = [c, ...rest];
            break;
          }
        }
      }
      if (result) break;
    }
    memo.set(pos, result);
    return result;
  };
  const parts = walk(0);
  return parts && parts.length > 1 ? parts : undefined;
}

/** Splits a unit cell into mentions, applying the prefix rule and repairing missing separators. */
export function splitUnits(cell: string | undefined, directory: UnitDirectory): UnitMention[] {
  if (!cell || NONE.has(cell.trim())) return [];
  const mentions: UnitMention[] = [];
  let prefix: string | undefined;
  for (const token of tokenize(cell)) {
    if (!token.afterEnumComma) prefix = undefined;
    const { name, resolution } = resolveWithPrefix(token.text, prefix, directory);
    const parts = resolution.status === 'unknown' && resolution.reason === 'not_found' ? segment(token.text, prefix, directory) : undefined;
    if (parts) {
      parts.forEach((part, i) => {
        const r = resolveWithPrefix(part, prefix, directory);
        mentions.push({ text: part, name: r.name, resolution: r.resolution, missingSeparator: i > 0 });
      });
    } else {
      mentions.push({ text: token.text, name, resolution });
    }
    prefix = ownPrefix(token.text) ?? prefix;
  }
  return mentions;
}
