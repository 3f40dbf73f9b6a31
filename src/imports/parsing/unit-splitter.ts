import type { Resolution, UnitDirectory } from './unit-directory.js';
import { bracketGroups, isCloser, isOpener, matchKey } from './text.js';
import { divisionsIn, isQualifier, looksLikeUnit, readingNote, splitRemark, splitVague, type AssignmentProposal, type ReadingNote } from './unit-names.js';

/** One unit named in a cell, as printed and as understood. */
export interface UnitMention {
  /** The fragment as printed in the cell. */
  text: string;
  /** The name looked up (prefix applied), or the fragment (prefix applied) when nothing matched. */
  name: string;
  resolution: Resolution;
  /** True when the fragment had no separator before it in the cell (「商务局各县(市)区人民政府」). */
  missingSeparator?: boolean;
  /** A bracket that qualifies the name without being part of it: 「含街道、园区」. */
  qualifier?: string;
  /** A reviewer's remark on this unit (「建议删除」): a proposed change, kept out of the name. */
  proposal?: AssignmentProposal;
  /** For an internal division (责任处室): the department it belongs to. */
  parent?: string;
  /** Carried the symbol a reading note names as the lead's mark (「带*的为牵头单位」). */
  marked?: boolean;
}

/** A unit cell as read: its mentions, open-ended tails flagged, and reading notes taken out of names. */
export interface UnitList {
  mentions: UnitMention[];
  /** 「等有关部门」「相关企业」: flagged, never made into units. */
  vague: string[];
  /** Fragments that are sentences, not names (a labelled list that runs on into text): never made into units. */
  notUnits: string[];
  notes: ReadingNote[];
}

const NONE = new Set(['', '/', '无', '-', '—', '——', '暂无', '\\']);

// Prefixes that carry across a 、-list: 「市工信局、自然资源局」 = 市工信局 and 市自然资源局.
// Longer first so that 市委 wins over 市.
const PREFIXES = ['自治区党委', '自治区', '省委', '省', '市委', '市', '区委', '区', '县委', '县', '旗委', '旗'];

const SEPARATORS = new Set(['、', '，', ',', '；', ';', ' ', '\n', '\t', '　']);
const MARKS = /^[*＊★☆▲△※#]+|[*＊★☆▲△※#]+$/g;
// Only a department takes a carried prefix: 「区发改委、金属深加工园区」 does not make 区金属深加工园区.
const DEPARTMENT_LIKE = /(局|委|办|部|厅|中心|处|室|院|所|队|站)$/;
// 「各县(市)区人民政府、园区管委会」: 各 carries to the next territorial body the way 市 carries to a bureau.
const TERRITORIAL = /(管委会|人民政府|政府|办事处)$/;

interface Token {
  text: string;
  /** Whether the separator run before this token was only 、 (the prefix carries). */
  afterEnumComma: boolean;
}

/** Splits on separators outside brackets of every kind: 「各县（市、区）人民政府」「各镇人民政府〈含街道、园区〉」 stay one name. */
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
    if (isOpener(ch)) depth++;
    if (isCloser(ch)) depth = Math.max(0, depth - 1);
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

// 「市场监管局」「市政管理局」 begin with 市 without being the city's prefix.
const NOT_A_PREFIX = /^市(场|政)/;
// Party bodies: after 「区委宣传部、」 these take 区委, any other body takes the government prefix 区.
const PARTY_BODY = /(组织部|宣传部|统战部|政法委|编办|党校|人才工作局|网信办|政策研究室|党史研究室|机要局|老干部局|工委|党校\(行政学院\))$/;

function ownPrefix(text: string): string | undefined {
  const key = matchKey(text);
  if (NOT_A_PREFIX.test(key) && !/^市市(场|政)/.test(key)) return undefined;
  return PREFIXES.find((p) => key.startsWith(p) && key.length > p.length);
}

/** The prefix a carried 市委/区委 gives a body: itself for a party body, the government's (市/区) otherwise. */
function carriedFor(prefix: string, text: string): string {
  return /委$/.test(prefix) && prefix.length > 1 && !PARTY_BODY.test(matchKey(text)) ? prefix.slice(0, -1) : prefix;
}

function resolveWithPrefix(text: string, prefix: string | undefined, directory: UnitDirectory): { name: string; resolution: Resolution } {
  if (prefix === '各') {
    const all = directory.resolve(`各${text}`);
    if (all.status !== 'unknown') return { name: all.unit.name, resolution: all };
    const own = directory.resolve(text);
    return own.status === 'unknown' ? { name: `各${text}`, resolution: own } : { name: own.unit.name, resolution: own };
  }
  // 「市政管理局」 after a 市 prefix is 市市政管理局: the prefixed reading is tried first.
  const candidates = prefix ? [...new Set([prefix + text, carriedFor(prefix, text) + text]), text] : [text];
  let unknown: Resolution | undefined;
  for (const name of candidates) {
    const resolution = directory.resolve(name);
    if (resolution.status !== 'unknown') return { name: resolution.unit.name, resolution };
    if (resolution.reason === 'ambiguous') return { name, resolution };
    unknown ??= resolution;
  }
  // An unknown department keeps the carried prefix, so that onboarding proposes 「区工信局」, not 「工信局」.
  const named = prefix && !ownPrefix(text) && DEPARTMENT_LIKE.test(matchKey(text)) ? carriedFor(prefix, text) + text : text;
  return { name: named, resolution: unknown! };
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
    // Only names that can start here: the key itself, or a prefixed key whose rest starts here.
    const here = key[pos];
    const keys = [...directory.keysStartingWith(here), ...(prefix ? directory.keysStartingWith(prefix[0]).filter((k) => k.startsWith(prefix) && k[prefix.length] === here) : [])].sort((a, b) => b.length - a.length);
    for (const k of keys) {
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

interface TokenParts {
  name: string;
  qualifier?: string;
  divisions?: string[];
  notes: ReadingNote[];
  proposal?: AssignmentProposal;
  marked: boolean;
}

/** Takes the brackets that are not part of a name (notes, qualifiers, divisions) and the remark off a token. */
const PLAIN = /^[^()（）〈〉<>＜＞《》〔〕【】\[\]［］{}*＊★☆▲△※#]*$/;

function dissect(token: string): TokenParts {
  const out: TokenParts = { name: token, notes: [], marked: false };
  // Most tokens are a bare name: nothing to take off.
  if (PLAIN.test(token) && !/建议|拟|请/.test(token)) return out;
  let name = token;
  for (const g of bracketGroups(token).reverse()) {
    const note = readingNote(g.inner);
    const divisions = note ? undefined : divisionsIn(g.inner);
    if (note) out.notes.unshift(note);
    else if (isQualifier(g.inner)) out.qualifier = g.inner.trim();
    else if (divisions) out.divisions = divisions;
    else continue;
    name = name.slice(0, g.start) + name.slice(g.end);
  }
  const { name: withoutRemark, proposal } = splitRemark(name.trim());
  const unmarked = withoutRemark.replace(MARKS, '');
  return { ...out, name: unmarked.trim(), proposal, marked: unmarked !== withoutRemark };
}

/** Reads a unit cell: mentions with the prefix rule and missing separators repaired, vague tails and notes apart. */
export function readUnitList(cell: string | undefined, directory: UnitDirectory): UnitList {
  const out: UnitList = { mentions: [], vague: [], notUnits: [], notes: [] };
  if (!cell || NONE.has(cell.trim())) return out;
  let prefix: string | undefined;
  for (const token of tokenize(cell)) {
    if (!token.afterEnumComma) prefix = undefined;
    const parts = dissect(token.text);
    const carried = prefix === '各' && !TERRITORIAL.test(matchKey(parts.name)) ? undefined : prefix;
    out.notes.push(...parts.notes);
    const { name: text, vague } = parts.name ? splitVague(parts.name) : { name: null, vague: null };
    if (vague) out.vague.push(vague);
    if (!text || NONE.has(text)) continue;
    // A long fragment that reads as no unit is text that ran into the list, not an unknown unit.
    if ((matchKey(text).length > 12 && !looksLikeUnit(text) && directory.resolve(text).status === 'unknown') || directory.isExcluded(text)) {
      out.notUnits.push(text);
      continue;
    }
    const extra = {
      ...(parts.qualifier ? { qualifier: parts.qualifier } : {}),
      ...(parts.proposal ? { proposal: parts.proposal } : {}),
      ...(parts.marked ? { marked: true } : {}),
    };
    const { name, resolution } = resolveWithPrefix(text, carried, directory);
    const pieces = resolution.status === 'unknown' && resolution.reason === 'not_found' ? segment(text, carried === '各' ? undefined : carried, directory) : undefined;
    if (pieces) {
      pieces.forEach((piece, i) => {
        const r = resolveWithPrefix(piece, carried === '各' ? undefined : carried, directory);
        out.mentions.push({ text: piece, name: r.name, resolution: r.resolution, missingSeparator: i > 0, ...(i === pieces.length - 1 ? extra : {}) });
      });
    } else {
      out.mentions.push({ text, name, resolution, ...extra });
    }
    for (const division of parts.divisions ?? []) {
      const r = resolveWithPrefix(`${name}${division}`, undefined, directory);
      const own = r.resolution.status === 'unknown' ? resolveWithPrefix(division, undefined, directory) : r;
      out.mentions.push({ text: division, name: own.resolution.status === 'unknown' ? division : own.name, resolution: own.resolution, parent: name });
    }
    prefix = /^各/.test(matchKey(text)) && TERRITORIAL.test(matchKey(text)) ? '各' : (ownPrefix(text) ?? (prefix === '各' ? undefined : prefix));
  }
  return out;
}

/** Splits a unit cell into mentions, applying the prefix rule and repairing missing separators. */
export function splitUnits(cell: string | undefined, directory: UnitDirectory): UnitMention[] {
  return readUnitList(cell, directory).mentions;
}
