import { isoDay } from '../common/dates.js';
import type { Prisma } from '../generated/prisma/client.js';

export const reportInclude = {
  unit: { select: { name: true } },
  period: { select: { label: true, dueDate: true, status: true } },
  // The item's current lead units: they receive its contributions.
  workItem: { select: { seq: true, itemNo: true, text: true, assignments: { where: { role: 'lead', endedAt: null }, select: { unitId: true } } } },
  assignment: { select: { endedAt: true } },
  // In upload order, as the write path's one-statement load (report-load.ts) gives them.
  evidence: { select: { id: true, fileName: true, mimeType: true, size: true, sha256: true, createdAt: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.ProgressReportInclude;

export type ReportRow = Prisma.ProgressReportGetPayload<{ include: typeof reportInclude }>;

export const contentOf = (r: { status: unknown; percent: unknown; done: unknown; problems: unknown; nextSteps: unknown }) => ({
  status: r.status,
  percent: r.percent,
  done: r.done,
  problems: r.problems,
  nextSteps: r.nextSteps,
});

export function toReportView(r: ReportRow) {
  return {
    id: r.id,
    periodId: r.periodId,
    period: { label: r.period.label, dueDate: isoDay(r.period.dueDate), status: r.period.status },
    workItemId: r.workItemId,
    workItem: { seq: r.workItem.seq, itemNo: r.workItem.itemNo, text: r.workItem.text },
    unitId: r.unitId,
    unitName: r.unit.name,
    kind: r.kind,
    state: r.state,
    ...contentOf(r),
    returnReason: r.returnReason,
    firstSubmittedAt: r.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    /** Set when a re-import no longer lists the unit on the item: the report stays, read-only. */
    assignmentEndedAt: r.assignment.endedAt?.toISOString() ?? null,
    version: r.version,
    evidence: r.evidence.map((e) => ({ id: e.id, fileName: e.fileName, mimeType: e.mimeType, size: e.size, sha256: e.sha256, uploadedAt: e.createdAt.toISOString() })),
  };
}
