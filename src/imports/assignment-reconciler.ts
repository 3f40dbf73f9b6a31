import type { AssignmentRole, AssignmentSource } from '../generated/prisma/enums.js';
import type { Tx } from '../prisma/prisma.service.js';

export interface DesiredAssignment {
  unitId: string;
  role: AssignmentRole;
  principal: boolean;
  source: AssignmentSource;
  viaUnitId: string | null;
  cellText: string | null;
  position: number;
}

export interface StoredAssignment extends DesiredAssignment {
  id: string;
  endedAt: Date | null;
}

/** A report a re-import touched: its unit left the item, or changed role on it. The report itself stays. */
export interface AffectedReport {
  reportId: string;
  seq: string;
  item: number;
  unitId: string;
  period: string;
  state: string;
  change: 'assignment_ended' | 'role_changed';
}

export interface ReconcileResult {
  ended: number;
  reactivated: number;
  added: number;
  affectedReports: AffectedReport[];
}

const SAME_FIELDS = ['role', 'principal', 'source', 'viaUnitId', 'cellText', 'position'] as const;

/**
 * Brings the assignments of re-imported items to what the file says, without deleting any: an assignment is
 * updated in place by (item, unit), created when new, and ended (with the import that ended it) when the file
 * no longer lists the unit. Progress reports hang off assignments, so nothing a unit reported is lost; the
 * reports an ended or re-roled assignment carries are listed for the change report.
 */
export async function reconcileAssignments(
  tx: Tx,
  importRunId: string,
  now: Date,
  items: { workItemId: string; seq: string; itemNo: number; desired: DesiredAssignment[]; stored: StoredAssignment[] }[],
): Promise<ReconcileResult> {
  const create: (DesiredAssignment & { workItemId: string })[] = [];
  const update: (DesiredAssignment & { id: string })[] = [];
  const end: StoredAssignment[] = [];
  const roleChanged: StoredAssignment[] = [];
  let reactivated = 0;
  const itemOf = new Map<string, { seq: string; itemNo: number }>();
  for (const item of items) {
    const stored = new Map(item.stored.map((a) => [a.unitId, a]));
    for (const d of item.desired) {
      const s = stored.get(d.unitId);
      if (!s) {
        create.push({ ...d, workItemId: item.workItemId });
        continue;
      }
      if (s.endedAt) reactivated++;
      else if (s.role !== d.role) roleChanged.push(s);
      if (s.endedAt || SAME_FIELDS.some((f) => s[f] !== d[f])) update.push({ ...d, id: s.id });
    }
    const wanted = new Set(item.desired.map((d) => d.unitId));
    end.push(...item.stored.filter((s) => !s.endedAt && !wanted.has(s.unitId)));
    for (const s of item.stored) itemOf.set(s.id, { seq: item.seq, itemNo: item.itemNo });
  }

  if (update.length) {
    const rows = update.map((u) => ({ id: u.id, role: u.role, principal: u.principal, source: u.source, via_unit_id: u.viaUnitId, cell_text: u.cellText, position: u.position }));
    await tx.$executeRaw`
      UPDATE assignments a SET role = x.role, principal = x.principal, source = x.source, via_unit_id = x.via_unit_id,
        cell_text = x.cell_text, position = x.position, ended_at = NULL, ended_by_import_id = NULL
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id uuid, role "AssignmentRole", principal boolean, source "AssignmentSource", via_unit_id uuid, cell_text text, position int)
      WHERE a.id = x.id`;
  }
  if (end.length) {
    await tx.assignment.updateMany({ where: { id: { in: end.map((e) => e.id) } }, data: { endedAt: now, endedByImportId: importRunId } });
  }
  let createdIds: { id: string; unitId: string; workItemId: string; role: AssignmentRole }[] = [];
  if (create.length) {
    createdIds = await tx.assignment.createManyAndReturn({ data: create, select: { id: true, unitId: true, workItemId: true, role: true } });
  }
  await expectReportsInOpenPeriods(tx, createdIds);
  // A unit that changed role mid-round owes the other kind of report, as long as it has not started it.
  for (const s of roleChanged) {
    const kind = s.role === 'lead' ? 'contribution' : 'report'; // the new role is the other one
    await tx.progressReport.updateMany({ where: { assignmentId: s.id, state: 'pending', period: { status: 'open' } }, data: { kind } });
  }

  const touched = [...end.map((a) => ({ a, change: 'assignment_ended' as const })), ...roleChanged.map((a) => ({ a, change: 'role_changed' as const }))];
  const reports = touched.length
    ? await tx.progressReport.findMany({
        where: { assignmentId: { in: touched.map((t) => t.a.id) }, state: { not: 'pending' } },
        select: { id: true, assignmentId: true, unitId: true, state: true, period: { select: { label: true, startDate: true } } },
        orderBy: [{ period: { startDate: 'asc' } }],
      })
    : [];
  const changeOf = new Map(touched.map((t) => [t.a.id, t.change]));
  return {
    ended: end.length,
    reactivated,
    added: create.length,
    affectedReports: reports.map((r) => ({
      reportId: r.id,
      seq: itemOf.get(r.assignmentId)!.seq,
      item: itemOf.get(r.assignmentId)!.itemNo,
      unitId: r.unitId,
      period: r.period.label,
      state: r.state,
      change: changeOf.get(r.assignmentId)!,
    })),
  };
}

/** A unit added to an item while a round is open owes its report in that round too (collectives never report). */
async function expectReportsInOpenPeriods(tx: Tx, created: { id: string; unitId: string; workItemId: string; role: AssignmentRole }[]) {
  if (created.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO progress_reports (id, period_id, work_item_id, assignment_id, unit_id, kind, updated_at)
    SELECT gen_random_uuid(), p.id, x.work_item_id, x.id, x.unit_id,
           (CASE WHEN x.role = 'lead' THEN 'report' ELSE 'contribution' END)::"ReportKind", now()
    FROM jsonb_to_recordset(${JSON.stringify(created.map((c) => ({ id: c.id, unit_id: c.unitId, work_item_id: c.workItemId, role: c.role })))}::jsonb)
           AS x(id uuid, unit_id uuid, work_item_id uuid, role text)
    JOIN work_items w ON w.id = x.work_item_id
    JOIN reporting_periods p ON p.plan_id = w.plan_id AND p.status = 'open'
    JOIN units u ON u.id = x.unit_id AND u.kind <> 'collective'
    ON CONFLICT (period_id, assignment_id) DO NOTHING`;
}
