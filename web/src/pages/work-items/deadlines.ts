import { DEADLINE_KIND_NAMES } from '../../api/labels';
import type { Deadline, WorkItem } from '../../api/views';
import { day } from '../../app/format';

/** A deadline as the clerk reads it: the date it means, and the phrase it came from. */
export function deadlineText(d: Deadline): string {
  if (d.kind === 'ongoing' || d.kind === 'soft' || d.kind === 'superior') return `${DEADLINE_KIND_NAMES[d.kind]}（${d.text}）`;
  if (d.kind === 'recurring') return `每年${d.date ? ` ${day(d.date).replace(/^\d+年/, '')}` : ''}前（${d.text}）`;
  if (d.kind === 'period') return `${day(d.periodStart)}至${day(d.date)}（${d.text}）`;
  return `${day(d.date)}${d.before ? '前' : ''}（${d.text}）`;
}

/** The date that counts now: an approved extension, else the earliest dated deadline. */
export function dueOf(w: Pick<WorkItem, 'deadlines' | 'extendedTo'>): { date: string | null; extended: boolean; text: string } {
  if (w.extendedTo) return { date: w.extendedTo, extended: true, text: `${day(w.extendedTo)}（已延期）` };
  const dated = w.deadlines.filter((d) => d.date).sort((a, b) => (a.date! < b.date! ? -1 : 1))[0];
  if (dated) return { date: dated.date, extended: false, text: day(dated.date) };
  const other = w.deadlines[0];
  return { date: null, extended: false, text: other ? DEADLINE_KIND_NAMES[other.kind] ?? other.text : '未明确' };
}
