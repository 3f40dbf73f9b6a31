/**
 * The date an item is due: its last dated milestone (「6月底前出台方案，年底前完成」 is due at year end).
 * Ongoing, soft, recurring and superior-scheduled deadlines have none, and such an item is never overdue.
 */
export function dueDeadline<D extends { kind: string; date: Date | null }>(deadlines: D[]): (D & { date: Date }) | undefined {
  const dated = deadlines.filter((d): d is D & { date: Date } => d.date !== null && (d.kind === 'dated' || d.kind === 'period'));
  return dated.reduce<(D & { date: Date }) | undefined>((last, d) => (!last || d.date > last.date ? d : last), undefined);
}
