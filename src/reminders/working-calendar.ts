import chineseDays from 'chinese-days';
import { dayToDate, isoDay } from '../common/dates.js';

/**
 * Mainland China working days: weekends and public holidays off, make-up working days (调休) on, from the
 * `chinese-days` library, which follows the State Council's yearly notice. A year the library does not know
 * yet (the notice comes out each November or December) falls back to Monday–Friday: see docs/reminders.md.
 */
export function isWorkingDay(day: string): boolean {
  return overrides.get(day) ?? chineseDays.isWorkday(day);
}

/**
 * The office's corrections (table calendar_overrides), which win over the library. Loaded by
 * CalendarService before every scan and after every change, so each instance decides on the same calendar.
 */
let overrides = new Map<string, boolean>();
export function setCalendarOverrides(days: Map<string, boolean>): void {
  overrides = days;
}

export function addDays(day: string, n: number): string {
  return isoDay(new Date(dayToDate(day).getTime() + n * 86_400_000));
}

/** The last working day strictly before `day`. */
export function previousWorkingDay(day: string): string {
  let d = addDays(day, -1);
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** The day `n` working days after `day` (the day itself not counted). */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
