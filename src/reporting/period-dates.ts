import type { Cadence } from '../generated/prisma/enums.js';

export interface PeriodDates {
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
}

const PARTS: Record<Cadence, number> = { monthly: 12, quarterly: 4, half_yearly: 2, yearly: 1 };
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function periodCount(cadence: Cadence): number {
  return PARTS[cadence];
}

/**
 * The index-th period of a year (1-based) and its due date: `dueDay` of the month after the period
 * ends, clamped to that month's length (dueDay 31 in February is the 28th or 29th).
 */
export function periodDates(cadence: Cadence, year: number, index: number, dueDay: number): PeriodDates {
  const months = 12 / PARTS[cadence];
  const firstMonth = (index - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  const label =
    cadence === 'monthly'
      ? `${year}年${index}月`
      : cadence === 'quarterly'
        ? `${year}年第${index}季度`
        : cadence === 'half_yearly'
          ? `${year}年${index === 1 ? '上' : '下'}半年`
          : `${year}年度`;
  const dueYear = lastMonth === 12 ? year + 1 : year;
  const dueMonth = lastMonth === 12 ? 1 : lastMonth + 1;
  return {
    label,
    startDate: `${year}-${pad(firstMonth)}-01`,
    endDate: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
    dueDate: `${dueYear}-${pad(dueMonth)}-${pad(Math.min(dueDay, lastDay(dueYear, dueMonth)))}`,
  };
}

/** The period of a cadence that contains a day (YYYY-MM-DD). */
export function periodIndexOf(cadence: Cadence, day: string): { year: number; index: number } {
  const [year, month] = day.split('-').map(Number);
  return { year, index: Math.ceil(month / (12 / PARTS[cadence])) };
}
