/** Dates as the offices read them: calendar days in China Standard Time, as YYYY-MM-DD strings. */
const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function shanghaiDay(instant: Date): string {
  return SHANGHAI.format(instant);
}

/** A DATE column (midnight UTC in JavaScript) as YYYY-MM-DD. */
export function isoDay(d: Date): string;
export function isoDay(d: Date | null): string | null;
export function isoDay(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export const dayToDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

export function daysBetween(from: string, to: string): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / 86_400_000);
}

/** The instant a due day ends in Shanghai: a report signed off before it is on time. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(dayToDate(day).getTime() + 86_400_000 - 8 * 3_600_000);
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as offices read it: 「2026-11-22 10:30」, Beijing time. */
export function beijingTime(instant: Date): string {
  const p = Object.fromEntries(BEIJING.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}
