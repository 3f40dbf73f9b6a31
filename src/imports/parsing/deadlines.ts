import { endOfMonth, findDeadlines, mainDeadline, type DeadlineOptions, type ParsedDeadline } from './deadline-phrases.js';
import { toHalfWidth } from './text.js';

export { findDeadlines, mainDeadline, type DeadlineKindName, type DeadlineOptions, type ParsedDeadline } from './deadline-phrases.js';

const ONGOING = /持续|长期|逐步|不断|进一步|常态|动态/;

/**
 * Every milestone of a 完成时限 cell: 「2025年底前」「2025年6月」「2025-06-30」「“十四五”期间」「每年年底前」
 * 「持续推进」「6月底前出台方案，年底前完成」「按上级部署」. A cell holding one deadline keeps the whole
 * cell as its text, as before.
 */
export function parseDeadlinesCell(original: string, options: DeadlineOptions = {}): ParsedDeadline[] {
  const text = toHalfWidth(original).replace(/\s+/g, '');
  if (!text || text === '/' || text === '无') return [];
  const base = { basis: 'column' as const, text: original, periodStart: null, before: /前$|之前/.test(text) };
  const isoDate = text.match(/^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?$/);
  if (isoDate) {
    const [y, m, d] = [Number(isoDate[1]), Number(isoDate[2]), isoDate[3] ? Number(isoDate[3]) : undefined];
    return [{ ...base, kind: 'dated', date: d ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : endOfMonth(y, m) }];
  }
  const found = findDeadlines(original, 'column', options);
  // 「2023—2025年」: a range names its last year; no clause-initial marker catches it.
  if (!found.some((d) => d.kind === 'dated')) {
    const years = [...text.replace(/\d{4}年(起|开始)/g, '').matchAll(/(\d{4})年/g)].map((m) => Number(m[1]));
    if (years.length > 0 && !ONGOING.test(text)) return [{ ...base, kind: 'dated', date: `${Math.max(...years)}-12-31` }];
  }
  if (found.length === 1) return [{ ...found[0], text: original }];
  return found;
}

/** The one deadline of a 完成时限 cell (the latest milestone when it holds several). */
export function parseDeadlineCell(original: string, options: DeadlineOptions = {}): ParsedDeadline | undefined {
  return mainDeadline(parseDeadlinesCell(original, options));
}

/**
 * Derives a work item's deadline from its text when the table has no 完成时限: the latest
 * dated milestone (到2030年 → 2030-12-31, 6月底前 in the plan's year), else a five-year-plan period,
 * a recurring phrase, an ongoing phrase (never overdue), or a soft one (适时). Undefined when the
 * text has none.
 */
export function deadlineFromText(original: string, options: DeadlineOptions = {}): ParsedDeadline | undefined {
  return mainDeadline(findDeadlines(original, 'text', options));
}
