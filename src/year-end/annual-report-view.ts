import { isoDay } from '../common/dates.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AnnualItem } from './prefill.js';

export const annualReportInclude = {
  unit: { select: { name: true } },
  cycle: { select: { planId: true, year: true, dueDate: true, recipient: true, status: true } },
} satisfies Prisma.AnnualReportInclude;

type AnnualReportWith = Prisma.AnnualReportGetPayload<{ include: typeof annualReportInclude }>;
export type AnnualReportRow = AnnualReportWith;

export const STATE_NAMES = { draft: '草稿', submitted: '已报送', returned: '已退回', accepted: '已采纳' } as const;

export const annualContentOf = (r: { items: unknown; achievements: string | null; problems: string | null; nextYearPlans: string | null }) => ({
  items: r.items as AnnualItem[],
  achievements: r.achievements,
  problems: r.problems,
  nextYearPlans: r.nextYearPlans,
});

/** Signed off after the end of the due day (Beijing time) counts as late. */
export const isLate = (r: { firstSubmittedAt: Date | null; cycle: { dueDate: Date } }) =>
  r.firstSubmittedAt !== null && r.firstSubmittedAt.getTime() > r.cycle.dueDate.getTime() + 86_400_000 - 8 * 3_600_000;

export function toAnnualReportView(r: AnnualReportWith) {
  return {
    id: r.id,
    cycleId: r.cycleId,
    planId: r.cycle.planId,
    year: r.cycle.year,
    dueDate: isoDay(r.cycle.dueDate),
    recipient: r.cycle.recipient,
    unitId: r.unitId,
    unitName: r.unit.name,
    state: r.state,
    ...annualContentOf(r),
    addedReason: r.addedReason,
    droppedAt: r.droppedAt?.toISOString() ?? null,
    dropReason: r.dropReason,
    returnReason: r.returnReason,
    firstSubmittedAt: r.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    late: isLate(r),
    version: r.version,
  };
}
