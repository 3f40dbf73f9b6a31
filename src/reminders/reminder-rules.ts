import { addDays, isWorkingDay, previousWorkingDay } from './working-calendar.js';
import { daysBetween } from '../common/dates.js';

/** The rules the office can change per plan; reminder days are calendar days before or after the date. */
export interface ReminderRules {
  /** Beijing hour of the daily scan and digest (8–19: nothing is sent from 20:00 to 08:00). */
  sendHour: number;
  reportDue: { enabled: boolean; daysBefore: number[] };
  reportLate: { enabled: boolean; daysAfter: number[]; repeatEveryDays: number; officeFromDay: number };
  deadline: { enabled: boolean; daysBefore: number[]; daysAfter: number[]; repeatEveryDays: number };
  lightRed: { enabled: boolean };
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  sendHour: 9,
  reportDue: { enabled: true, daysBefore: [7, 3, 1] },
  reportLate: { enabled: true, daysAfter: [1, 3, 7], repeatEveryDays: 7, officeFromDay: 7 },
  deadline: { enabled: true, daysBefore: [30, 7, 1], daysAfter: [1, 7], repeatEveryDays: 30 },
  lightRed: { enabled: true },
};

/** Rule names as stored in the ledger and used by mutes. */
export const RULES = ['report_due', 'report_signoff', 'report_late', 'deadline_due', 'deadline_overdue', 'light_red'] as const;
export type RuleName = (typeof RULES)[number];

export const RULE_LABEL: Record<RuleName, string> = {
  report_due: '报送提醒',
  report_signoff: '签发提醒',
  report_late: '逾期未报',
  deadline_due: '时限临近',
  deadline_overdue: '逾期未完成',
  light_red: '亮红灯',
};

export function withDefaults(stored: unknown): ReminderRules {
  const s = (stored ?? {}) as Partial<ReminderRules>;
  const d = DEFAULT_REMINDER_RULES;
  return {
    sendHour: s.sendHour ?? d.sendHour,
    reportDue: { ...d.reportDue, ...s.reportDue },
    reportLate: { ...d.reportLate, ...s.reportLate },
    deadline: { ...d.deadline, ...s.deadline },
    lightRed: { ...d.lightRed, ...s.lightRed },
  };
}

/**
 * The reminder days a scan on `today` covers. Reminders go out on working days only: one due *before* a date
 * that falls on a day off comes on the working day before it (a warning must not arrive after the holiday),
 * one *after* a date comes on the first working day after it. Both lists are empty on a day off.
 */
export interface ScanWindow {
  /** `today` and the days off after it, up to the next working day. */
  before: string[];
  /** The days off before `today`, back to the previous working day, and `today`. */
  after: string[];
}

export function scanWindow(today: string): ScanWindow {
  if (!isWorkingDay(today)) return { before: [], after: [] };
  const before = [today];
  for (let d = addDays(today, 1); !isWorkingDay(d); d = addDays(d, 1)) before.push(d);
  const after: string[] = [];
  for (let d = today, stop = previousWorkingDay(today); d > stop; d = addDays(d, -1)) after.unshift(d);
  return { before, after };
}

/** Reminder points before a date: the days of the window that are `due − k` for a k in the list. */
export function pointsBefore(due: string, daysBefore: number[], window: ScanWindow): string[] {
  return window.before.filter((d) => d < due && daysBefore.includes(daysBetween(d, due)));
}

/** After it: the listed days, then every `every` days after the last one listed. */
export function pointsAfter(due: string, daysAfter: number[], every: number, window: ScanWindow): string[] {
  const last = Math.max(0, ...daysAfter);
  return window.after.filter((d) => {
    const k = daysBetween(due, d);
    return k > 0 && (daysAfter.includes(k) || (every > 0 && k > last && (k - last) % every === 0));
  });
}
