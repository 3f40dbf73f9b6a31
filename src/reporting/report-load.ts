import { reportScopeSql } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import type { PeriodStatus, ProgressStatus, ReportKind, ReportState } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import type { ReportRow } from './report-view.js';

interface Flat {
  id: string;
  periodId: string;
  workItemId: string;
  assignmentId: string;
  unitId: string;
  kind: ReportKind;
  state: ReportState;
  status: ProgressStatus | null;
  percent: number | null;
  done: string | null;
  problems: string | null;
  nextSteps: string | null;
  returnReason: string | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  version: number;
  updatedAt: Date;
  unitName: string;
  periodLabel: string;
  periodDueDate: Date;
  periodStatus: PeriodStatus;
  seq: string;
  itemNo: number;
  text: string;
  leadUnitIds: string[];
  assignmentEndedAt: Date | null;
  evidence: { id: string; fileName: string; mimeType: string; size: number; sha256: string; createdAt: string }[] | null;
}

/**
 * The reports a transition moves, as `reportInclude` shapes them, in one statement through the caller's read
 * scope. Prisma's findMany with that include took seven statements and, for a batch of 40, more time compiling
 * and mapping them than PostgreSQL took to answer (docs/performance.md).
 */
export async function loadReports(tx: Tx, p: Principal, ids: string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<Flat[]>`
    SELECT r.id::text, r.period_id::text AS "periodId", r.work_item_id::text AS "workItemId", r.assignment_id::text AS "assignmentId",
      r.unit_id::text AS "unitId", r.kind::text AS kind, r.state::text AS state, r.status::text AS status, r.percent, r.done,
      r.problems, r.next_steps AS "nextSteps", r.return_reason AS "returnReason", r.first_submitted_at AS "firstSubmittedAt",
      r.submitted_at AS "submittedAt", r.accepted_at AS "acceptedAt", r.version, r.updated_at AS "updatedAt",
      u.name AS "unitName", p.label AS "periodLabel", p.due_date AS "periodDueDate", p.status::text AS "periodStatus",
      w.seq, w.item_no AS "itemNo", w.text, a.ended_at AS "assignmentEndedAt",
      ARRAY(SELECT la.unit_id::text FROM assignments la WHERE la.work_item_id = r.work_item_id AND la.role = 'lead' AND la.ended_at IS NULL ORDER BY la.id) AS "leadUnitIds",
      (SELECT json_agg(json_build_object('id', e.id, 'fileName', e.file_name, 'mimeType', e.mime_type, 'size', e.size, 'sha256', e.sha256, 'createdAt', e.created_at) ORDER BY e.created_at, e.id)
         FROM evidence_files e WHERE e.report_id = r.id) AS evidence
    FROM progress_reports r
    JOIN units u ON u.id = r.unit_id
    JOIN reporting_periods p ON p.id = r.period_id
    JOIN work_items w ON w.id = r.work_item_id
    JOIN assignments a ON a.id = r.assignment_id
    WHERE r.id = ANY(${ids}::uuid[]) AND ${reportScopeSql(p)}`;
  return rows.map((f) => ({
    id: f.id,
    periodId: f.periodId,
    workItemId: f.workItemId,
    assignmentId: f.assignmentId,
    unitId: f.unitId,
    kind: f.kind,
    state: f.state,
    status: f.status,
    percent: f.percent,
    done: f.done,
    problems: f.problems,
    nextSteps: f.nextSteps,
    returnReason: f.returnReason,
    firstSubmittedAt: f.firstSubmittedAt,
    submittedAt: f.submittedAt,
    acceptedAt: f.acceptedAt,
    version: f.version,
    updatedAt: f.updatedAt,
    unit: { name: f.unitName },
    period: { label: f.periodLabel, dueDate: f.periodDueDate, status: f.periodStatus },
    workItem: { seq: f.seq, itemNo: f.itemNo, text: f.text, assignments: f.leadUnitIds.map((unitId) => ({ unitId })) },
    assignment: { endedAt: f.assignmentEndedAt },
    evidence: (f.evidence ?? []).map((e) => ({ ...e, createdAt: new Date(e.createdAt) })),
  }));
}
