import { findYearMarkers } from './targets.js';
import { toHalfWidth } from './text.js';

export type DeadlineKindName = 'dated' | 'period' | 'recurring' | 'ongoing' | 'soft';

export interface ParsedDeadline {
  kind: DeadlineKindName;
  /** ISO date (YYYY-MM-DD) the item is due, or null for recurring, ongoing and soft deadlines. */
  date: string | null;
  periodStart: string | null;
  before: boolean;
  /** Where it was read: the 完成时限 column or the work text. */
  basis: 'column' | 'text';
  text: string;
}

const FIVE_YEAR_PLANS: Record<string, [number, number]> = { 四: [2021, 2025], 五: [2026, 2030], 六: [2031, 2035] };

function endOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

function periodOf(text: string): [number, number] | undefined {
  const m = text.match(/十([四五六])五/);
  return m ? FIVE_YEAR_PLANS[m[1]] : undefined;
}

const RECURRING = /每年|每季度|每半年|每月|年度|逐年|定期|常态化/;
const ONGOING = /持续|长期|逐步|不断|进一步|常态|动态/;
const SOFT = /适时|尽早|尽快|率先|及时/;

/** Reads a 完成时限 cell: 「2025年底前」「2025年6月」「2025-06-30」「“十四五”期间」「每年年底前」「持续推进」. */
export function parseDeadlineCell(original: string): ParsedDeadline | undefined {
  const text = toHalfWidth(original).replace(/\s+/g, '');
  if (!text || text === '/' || text === '无') return undefined;
  const base = { basis: 'column' as const, text: original, periodStart: null, before: /前$|之前/.test(text) };
  const iso = text.match(/^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?$/);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), iso[3] ? Number(iso[3]) : undefined];
    return { ...base, kind: 'dated', date: d ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : endOfMonth(y, m) };
  }
  if (RECURRING.test(text)) return { ...base, kind: 'recurring', date: null };
  const period = periodOf(text);
  if (period) return { ...base, kind: 'period', date: `${period[1]}-12-31`, periodStart: `${period[0]}-01-01` };
  const ym = text.match(/(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/);
  if (ym) {
    const [y, m] = [Number(ym[1]), Number(ym[2])];
    const date = ym[3] ? `${y}-${String(m).padStart(2, '0')}-${String(Number(ym[3])).padStart(2, '0')}` : endOfMonth(y, m);
    return { ...base, kind: 'dated', date };
  }
  const years = [...text.matchAll(/(\d{4})年/g)].map((m) => Number(m[1]));
  if (years.length > 0 && !ONGOING.test(text.replace(/\d{4}年(起|开始)/, ''))) {
    return { ...base, kind: 'dated', date: `${Math.max(...years)}-12-31` };
  }
  if (ONGOING.test(text)) return { ...base, kind: 'ongoing', date: null };
  if (SOFT.test(text)) return { ...base, kind: 'soft', date: null };
  return undefined;
}

/**
 * Derives a work item's deadline from its text when the table has no 完成时限: the latest
 * target year (到2030年 → 2030-12-31), else a five-year-plan period, a recurring phrase,
 * an ongoing phrase (never overdue), or a soft one (适时). Undefined when the text has none.
 */
export function deadlineFromText(original: string): ParsedDeadline | undefined {
  const text = toHalfWidth(original);
  const base = { basis: 'text' as const, periodStart: null, before: false };
  const markers = findYearMarkers(original);
  if (markers.length > 0) {
    const latest = markers.reduce((a, b) => (Math.max(...b.years) >= Math.max(...a.years) ? b : a));
    return { ...base, kind: 'dated', date: `${Math.max(...latest.years)}-12-31`, before: latest.before, text: latest.text };
  }
  const period = text.match(/["]?十([四五六])五["]?(?:期间|时期|末)?/);
  if (period) {
    const [from, to] = FIVE_YEAR_PLANS[period[1]];
    return { ...base, kind: 'period', date: `${to}-12-31`, periodStart: `${from}-01-01`, text: period[0] };
  }
  const recurring = text.match(/每年年底前|每年|每季度|每半年|分年度|逐年/);
  if (recurring) return { ...base, kind: 'recurring', date: null, text: recurring[0] };
  const ongoing = text.match(/持续推进|持续|常态化|逐步|不断/);
  if (ongoing) return { ...base, kind: 'ongoing', date: null, text: ongoing[0] };
  const soft = text.match(/适时|尽早|尽快/);
  if (soft) return { ...base, kind: 'soft', date: null, text: soft[0] };
  return undefined;
}
