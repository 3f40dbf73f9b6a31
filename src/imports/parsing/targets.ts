import { toHalfWidth } from './text.js';

export type ComparatorName = 'at_least' | 'at_most' | 'about' | 'reduce_by' | 'increase_by' | 'assigned' | 'milestone';
export type FirmnessName = 'aspirational' | 'binding';

export interface ParsedTarget {
  year: number | null;
  comparator: ComparatorName;
  value: number | null;
  unit: string | null;
  baselineYear: number | null;
  firmness: FirmnessName | null;
  /** The clause as printed in the work text. */
  text: string;
  /** How the year was written (「到2025年」), for deadline derivation. */
  marker?: string;
}

// A year starts a target segment when written 「到YYYY年(底)(前)」, or 「YYYY年」 at the start of a clause.
// 「比2020年」「较2020年」「以2000年底前建成的」 are baselines or scopes and do not.
const MARKER = /(到\s*(\d{4})\s*年(?:\s*和\s*(\d{4})\s*年)?(底)?(前)?)|((?:^|(?<=[,;。:]))\s*(\d{4})\s*年(底)?(前)?(?!\d|底前建成))/g;

const CLAUSE_SPLIT = /[,，;；。]/;

export interface YearMarker {
  index: number;
  end: number;
  years: number[];
  before: boolean;
  text: string;
}

export function findYearMarkers(text: string): YearMarker[] {
  const half = toHalfWidth(text);
  const markers: YearMarker[] = [];
  for (const m of half.matchAll(MARKER)) {
    const years = m[1] ? [Number(m[2]), ...(m[3] ? [Number(m[3])] : [])] : [Number(m[7])];
    if (years.some((y) => y < 1990 || y > 2100)) continue;
    markers.push({ index: m.index!, end: m.index! + m[0].length, years, before: Boolean(m[5] ?? m[9]), text: text.slice(m.index!, m.index! + m[0].length).trim() });
  }
  return markers;
}

const UNITS = ['万千瓦时', '亿千瓦时', '万千瓦', '千瓦时', '克/千瓦时', '万吨标准煤', '吨标准煤', '万吨', '万平方米', '平方米', '万立方米', '立方米', '万亩', '公里', '万辆', '辆', '台', '座', '家', '个', '项', '吨', '%', '‰'];

function parseQuantity(clause: string): { value: number | null; unit: string | null; valueEnd: number } {
  const half = toHalfWidth(clause);
  // The last number that is not a year: 「比2020年降低3%」 → 3 %.
  const numbers = [...half.matchAll(/(\d+(?:\.\d+)?)\s*/g)].filter((m) => !/^\s*年/.test(half.slice(m.index! + m[0].length)));
  const last = numbers.at(-1);
  if (!last) return { value: null, unit: null, valueEnd: -1 };
  const after = half.slice(last.index! + last[0].length);
  const unit = UNITS.find((u) => after.startsWith(u)) ?? null;
  return { value: Number(last[1]), unit, valueEnd: last.index! + last[0].length + (unit?.length ?? 0) };
}

function comparatorOf(clause: string, value: number | null, valueEnd: number): ComparatorName {
  const half = toHalfWidth(clause);
  if (/(上级|自治区|省|国家|市)下达|上级要求|下达的(目标|任务)/.test(half)) return 'assigned';
  if (value === null) return 'milestone';
  const tail = half.slice(valueEnd, valueEnd + 4);
  if (/^(左右)/.test(tail) || /约\s*\d/.test(half)) return 'about';
  if (/^(以下|以内)/.test(tail) || /(不超过|不高于|控制在|优于)/.test(half)) return 'at_most';
  if (/^(以上)/.test(tail) || /(不低于|超过|突破|不少于)/.test(half)) return 'at_least';
  if (/(比|较).{0,8}\d{4}\s*年.*(下降|降低|减少)/.test(half)) return 'reduce_by';
  if (/(比|较).{0,8}\d{4}\s*年.*(提高|增长|增加|上升)/.test(half)) return 'increase_by';
  if (/(下降|降低|减少)\s*\d/.test(half)) return 'reduce_by';
  return 'at_least';
}

function firmnessOf(clause: string, context: string): FirmnessName | null {
  if (/力争|争取/.test(clause) || /力争|争取/.test(context)) return 'aspirational';
  if (/确保|必须|须/.test(clause) || /确保/.test(context)) return 'binding';
  return null;
}

function toTarget(year: number | null, clause: string, context: string, marker?: string): ParsedTarget {
  const { value, unit, valueEnd } = parseQuantity(clause);
  const baseline = toHalfWidth(clause).match(/(?:比|较)\s*(\d{4})\s*年/);
  const comparator = comparatorOf(clause, value, valueEnd);
  return {
    year,
    comparator,
    value: comparator === 'milestone' || comparator === 'assigned' ? null : value,
    unit: comparator === 'milestone' || comparator === 'assigned' ? null : unit,
    baselineYear: baseline ? Number(baseline[1]) : null,
    firmness: firmnessOf(clause, context),
    text: clause,
    marker,
  };
}

function clauses(segment: string): string[] {
  return segment
    .split(CLAUSE_SPLIT)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/**
 * Splits the dated targets out of a work text: every clause after a year marker up to the
 * next marker, split at , ; 。 (qualitative clauses included). Sentences that open with
 * 力争/争取/确保 and carry no year are undated targets.
 */
export function extractTargets(text: string): ParsedTarget[] {
  const half = toHalfWidth(text);
  const markers = findYearMarkers(text);
  const targets: ParsedTarget[] = [];
  markers.forEach((m, i) => {
    const segment = text.slice(m.end, i + 1 < markers.length ? markers[i + 1].index : text.length);
    const parts = clauses(segment);
    for (const year of m.years) {
      for (const clause of parts) targets.push(toTarget(year, clause, m.text, m.text));
    }
  });
  const firstMarker = markers[0]?.index ?? half.length;
  for (const sentence of text.slice(0, firstMarker).split('。')) {
    const s = sentence.trim();
    if (/^(力争|争取|确保)/.test(s)) for (const clause of clauses(s)) targets.push(toTarget(null, clause, s));
  }
  return targets;
}
