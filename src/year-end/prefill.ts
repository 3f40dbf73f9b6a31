import type { Tx } from '../prisma/prisma.service.js';

/** One line of an annual report: a work item the unit leads, with what the system already holds about it. */
export interface AnnualItem {
  workItemId: string;
  seq: string;
  itemNo: number;
  area: string | null;
  text: string;
  status: string | null;
  percent: number | null;
  done: string | null;
  problems: string | null;
  nextSteps: string | null;
  light: string | null;
  /** Where the prefill came from (「2026年第3季度」, accepted), or null when nothing was reported that year. */
  source: { periodLabel: string; state: string } | null;
}

/**
 * The items of a unit's annual report, prefilled so that the unit never types again what it already
 * reported (最多报一次): per item it currently leads, the year's last accepted progress report, or the
 * last one its head signed off when none was accepted yet, and the item's light.
 */
export async function prefillItems(tx: Tx, planId: string, unitId: string, year: number): Promise<AnnualItem[]> {
  const items = await tx.workItem.findMany({
    where: { planId, assignments: { some: { unitId, role: 'lead', endedAt: null } } },
    orderBy: { sortKey: 'asc' },
    include: {
      area: { select: { title: true } },
      lights: { where: { assignmentKey: '' }, select: { light: true } },
      reports: {
        where: {
          unitId,
          kind: 'report',
          state: { in: ['accepted', 'submitted'] },
          period: { endDate: { gte: new Date(Date.UTC(year, 0, 1)), lte: new Date(Date.UTC(year, 11, 31)) } },
        },
        include: { period: { select: { label: true, endDate: true } } },
      },
    },
  });
  return items.map((w) => {
    // Latest period first; within a period an accepted report is the one the office stands behind.
    const ranked = [...w.reports].sort((a, b) => (a.state === 'accepted' ? 0 : 1) - (b.state === 'accepted' ? 0 : 1) || b.period.endDate.getTime() - a.period.endDate.getTime());
    const accepted = ranked.find((r) => r.state === 'accepted');
    const r = accepted ?? ranked[0];
    return {
      workItemId: w.id,
      seq: w.seq,
      itemNo: w.itemNo,
      area: w.area?.title ?? null,
      text: w.text,
      status: r?.status ?? null,
      percent: r?.percent ?? null,
      done: r?.done ?? null,
      problems: r?.problems ?? null,
      nextSteps: r?.nextSteps ?? null,
      light: w.lights[0]?.light ?? null,
      source: r ? { periodLabel: r.period.label, state: r.state } : null,
    };
  });
}
