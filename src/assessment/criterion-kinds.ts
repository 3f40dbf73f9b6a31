import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../prisma/prisma.service.js';
import { perRolePoints, ratePoints } from './scoring.js';

/**
 * The computed criterion kinds: one entry each. A kind declares its Chinese name, the formula shown to
 * every unit it scores, when the plan has the data it needs, how to gather per-unit facts (with the ids
 * of the records behind them) and a pure scoring function. Kinds on indicators and annual reports are
 * still to be added, each as one more entry.
 */

export type Role = 'lead' | 'supporting';

/** One record behind a computed score: what an office would open to check the point. */
export interface FactRecord {
  type: 'ProgressReport' | 'WorkItem' | 'ExtensionRequest' | 'SupervisionNotice';
  id: string;
  role: Role;
  /** What the record is, as the office reads it (「第 3 项 2026年第一季度报告」). */
  label: string;
  /** Whether the record counts towards the points (on time, completed …) and why. */
  counted: boolean;
  note: string;
}

export interface Facts {
  lead: number;
  supporting: number;
  /** Rate kinds: records that met the requirement, and records due. */
  met: number;
  due: number;
  records: FactRecord[];
}

export interface CriterionParams {
  /** Rate kinds: the points deducted at a 0 % rate (in proportion above it). */
  points?: number;
  /** Count kinds: points per counted record for a lead and a supporting unit (negative deducts). */
  lead?: number;
  supporting?: number;
  /** Veto criteria on a count kind: triggered at this many counted records. */
  threshold?: number;
}

export interface GatherContext {
  planId: string;
  year: number;
  /** Start of the year in Shanghai. */
  yearStart: Date;
  /** The moment the round looks at: the end of the year, or now if the year has not ended. */
  cutoff: Date;
  unitIds: string[];
}

export interface PlanData {
  periodsInYear: number;
  datedItems: number;
}

export interface CriterionKind {
  kind: string;
  name: string;
  measure: 'rate' | 'count';
  formula(params: CriterionParams): string;
  /** Why the plan cannot offer this kind (null: it can). */
  unavailable(data: PlanData): string | null;
  gather(tx: Tx, ctx: GatherContext): Promise<Map<string, Facts>>;
  score(facts: Facts, params: CriterionParams): number;
}

const empty = (): Facts => ({ lead: 0, supporting: 0, met: 0, due: 0, records: [] });

function collect(rows: { unit_id: string; role: Role; counted: boolean; record: Omit<FactRecord, 'role' | 'counted'> }[], measure: 'rate' | 'count') {
  const out = new Map<string, Facts>();
  for (const r of rows) {
    const f = out.get(r.unit_id) ?? empty();
    out.set(r.unit_id, f);
    f.records.push({ ...r.record, role: r.role, counted: r.counted });
    if (measure === 'rate') {
      f.due += 1;
      if (r.counted) f.met += 1;
    } else if (r.counted) f[r.role] += 1;
  }
  return out;
}

const noPeriods = (d: PlanData) => (d.periodsInYear > 0 ? null : '该方案本年度没有调度期次，无法计算报送情况');
const noDated = (d: PlanData) => (d.datedItems > 0 ? null : '该方案没有明确完成时限的事项，无法计算完成情况');
const n = (x: number | undefined) => x ?? 0;
const signed = (x: number | undefined) => (n(x) > 0 ? `+${n(x)}` : `${n(x)}`);

// Reports due (their day ended in Shanghai) within the year and before the cutoff.
const dueEnd = Prisma.sql`((p.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

// When an item is due: the approved extension if any, else its last dated milestone (as work-items/due-date.ts),
// and when its lead reported it completed (a report signed off or accepted, not one returned).
const itemDates = (planId: string) => Prisma.sql`
  due AS (
    SELECT w.id, w.seq, w.item_no, w.text,
           COALESCE((SELECT max(e.requested_date) FROM extension_requests e WHERE e.work_item_id = w.id AND e.status = 'approved'),
                    (SELECT max(d.date) FROM deadlines d WHERE d.work_item_id = w.id AND d.date IS NOT NULL AND d.kind IN ('dated', 'period'))) AS due_date,
           (SELECT min(r.submitted_at) FROM progress_reports r JOIN assignments la ON la.id = r.assignment_id
             WHERE r.work_item_id = w.id AND la.role = 'lead' AND r.kind = 'report' AND r.status = 'completed' AND r.state IN ('submitted', 'accepted')) AS done_at
      FROM work_items w WHERE w.plan_id = ${planId}::uuid)`;
const itemLabel = Prisma.sql`'第 ' || d.seq || CASE WHEN d.item_no > 1 THEN '-' || d.item_no ELSE '' END || ' 项：' || left(d.text, 40)`;
const dueDayEnd = Prisma.sql`((d.due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

type Row = { unit_id: string; role: Role; counted: boolean; id: string; label: string; note: string };
const toRows = (rows: Row[], type: FactRecord['type']) => rows.map((r) => ({ unit_id: r.unit_id, role: r.role, counted: r.counted, record: { type, id: r.id, label: r.label, note: r.note } }));

export const CRITERION_KINDS: CriterionKind[] = [
  {
    kind: 'on_time_reporting',
    name: '按时报送率',
    measure: 'rate',
    formula: (p) => `按时报送率 = 在报送期限当日结束前首次报送的报告数 ÷ 本年度已到期的应报报告数（含配合单位的协办材料）；得分 = ${n(p.points)} ×（按时报送率 − 1），全部按时不扣分，一份也未按时扣 ${n(p.points)} 分`,
    unavailable: noPeriods,
    async gather(tx, ctx) {
      const rows = await tx.$queryRaw<Row[]>`
        SELECT r.unit_id::text, a.role::text AS role, r.id::text,
               '第 ' || w.seq || ' 项 ' || p.label || CASE WHEN r.kind = 'contribution' THEN '协办材料' ELSE '报告' END AS label,
               (r.first_submitted_at IS NOT NULL AND r.first_submitted_at < ${dueEnd}) AS counted,
               CASE WHEN r.first_submitted_at IS NULL THEN '期限 ' || p.due_date || '，未报送'
                    WHEN r.first_submitted_at < ${dueEnd} THEN '期限 ' || p.due_date || '，按时报送'
                    ELSE '期限 ' || p.due_date || '，逾期报送' END AS note
          FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id JOIN assignments a ON a.id = r.assignment_id JOIN work_items w ON w.id = r.work_item_id
         WHERE p.plan_id = ${ctx.planId}::uuid AND extract(year FROM p.due_date) = ${ctx.year} AND ${dueEnd} <= ${ctx.cutoff}
           AND r.unit_id = ANY(${ctx.unitIds}::uuid[])
         ORDER BY w.sort_key, p.due_date`;
      return collect(toRows(rows, 'ProgressReport'), 'rate');
    },
    score: (f, p) => ratePoints(n(p.points), f.met, f.due),
  },
  {
    kind: 'completion_rate',
    name: '年度到期事项完成率',
    measure: 'rate',
    formula: (p) => `完成率 = 本年度到期（以批准延期后的期限为准）且已报告完成的牵头事项数 ÷ 本年度已到期的牵头事项数；得分 = ${n(p.points)} ×（完成率 − 1）`,
    unavailable: noDated,
    async gather(tx, ctx) {
      const rows = await tx.$queryRaw<Row[]>`
        WITH ${itemDates(ctx.planId)}
        SELECT a.unit_id::text, 'lead' AS role, d.id::text, ${itemLabel} AS label,
               (d.done_at IS NOT NULL AND d.done_at < ${ctx.cutoff}) AS counted,
               '期限 ' || d.due_date || CASE WHEN d.done_at IS NOT NULL AND d.done_at < ${ctx.cutoff} THEN '，已完成' ELSE '，未完成' END AS note
          FROM due d JOIN assignments a ON a.work_item_id = d.id AND a.role = 'lead' AND a.ended_at IS NULL
         WHERE extract(year FROM d.due_date) = ${ctx.year} AND ${dueDayEnd} <= ${ctx.cutoff} AND a.unit_id = ANY(${ctx.unitIds}::uuid[])
         ORDER BY d.seq, d.item_no`;
      return collect(toRows(rows, 'WorkItem'), 'rate');
    },
    score: (f, p) => ratePoints(n(p.points), f.met, f.due),
  },
  {
    kind: 'overdue_or_red',
    name: '年末逾期或红灯事项',
    measure: 'count',
    formula: (p) => `年末（或评分时点）已过期限仍未完成、或红黄绿灯为红灯的事项：牵头单位每项 ${signed(p.lead)} 分，配合单位每项 ${signed(p.supporting)} 分`,
    unavailable: noDated,
    async gather(tx, ctx) {
      const rows = await tx.$queryRaw<Row[]>`
        WITH ${itemDates(ctx.planId)},
        lit AS (
          SELECT a.id AS assignment_id,
                 COALESCE((SELECT c.to_light FROM light_changes c WHERE c.work_item_id = a.work_item_id AND c.assignment_key = a.id::text AND c.changed_at <= ${ctx.cutoff} ORDER BY c.changed_at DESC LIMIT 1),
                          (SELECT s.light FROM light_states s WHERE s.work_item_id = a.work_item_id AND s.assignment_key = a.id::text
                             AND NOT EXISTS (SELECT 1 FROM light_changes c2 WHERE c2.work_item_id = a.work_item_id AND c2.assignment_key = a.id::text))) AS light
            FROM assignments a JOIN work_items w ON w.id = a.work_item_id WHERE w.plan_id = ${ctx.planId}::uuid AND a.ended_at IS NULL)
        SELECT a.unit_id::text, a.role::text AS role, d.id::text, ${itemLabel} AS label, true AS counted,
               concat_ws('；',
                 CASE WHEN d.due_date IS NOT NULL AND ${dueDayEnd} <= ${ctx.cutoff} AND (d.done_at IS NULL OR d.done_at >= ${ctx.cutoff}) THEN '期限 ' || d.due_date || ' 已过仍未完成' END,
                 CASE WHEN l.light = 'red' THEN '红灯' END) AS note
          FROM due d JOIN assignments a ON a.work_item_id = d.id AND a.ended_at IS NULL JOIN lit l ON l.assignment_id = a.id
         WHERE a.unit_id = ANY(${ctx.unitIds}::uuid[])
           AND ((d.due_date IS NOT NULL AND ${dueDayEnd} <= ${ctx.cutoff} AND (d.done_at IS NULL OR d.done_at >= ${ctx.cutoff})) OR l.light = 'red')
         ORDER BY d.seq, d.item_no`;
      return collect(toRows(rows, 'WorkItem'), 'count');
    },
    score: (f, p) => perRolePoints(n(p.lead), n(p.supporting), f.lead, f.supporting),
  },
  {
    kind: 'completed_items',
    name: '本年度完成事项',
    measure: 'count',
    formula: (p) => `本年度内牵头单位报告完成的事项：牵头单位每项 ${signed(p.lead)} 分，配合单位每项 ${signed(p.supporting)} 分`,
    unavailable: noDated,
    async gather(tx, ctx) {
      const rows = await tx.$queryRaw<Row[]>`
        WITH ${itemDates(ctx.planId)}
        SELECT a.unit_id::text, a.role::text AS role, d.id::text, ${itemLabel} AS label, true AS counted,
               '完成于 ' || to_char(d.done_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS note
          FROM due d JOIN assignments a ON a.work_item_id = d.id AND a.ended_at IS NULL
         WHERE d.done_at >= ${ctx.yearStart} AND d.done_at < ${ctx.cutoff} AND a.unit_id = ANY(${ctx.unitIds}::uuid[])
         ORDER BY d.seq, d.item_no`;
      return collect(toRows(rows, 'WorkItem'), 'count');
    },
    score: (f, p) => perRolePoints(n(p.lead), n(p.supporting), f.lead, f.supporting),
  },
  {
    kind: 'returned_reports',
    name: '报告被退回',
    measure: 'count',
    formula: (p) => `本年度被退回（含采纳后重新打开）的报告，每退回一次：牵头单位 ${signed(p.lead)} 分，配合单位 ${signed(p.supporting)} 分`,
    unavailable: noPeriods,
    async gather(tx, ctx) {
      const rows = await tx.$queryRaw<Row[]>`
        SELECT r.unit_id::text, a.role::text AS role, r.id::text, '第 ' || w.seq || ' 项 ' || p.label || CASE WHEN r.kind = 'contribution' THEN '协办材料' ELSE '报告' END AS label,
               true AS counted, to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') || ' 退回：' || coalesce(v.reason, '') AS note
          FROM report_revisions v JOIN progress_reports r ON r.id = v.report_id JOIN reporting_periods p ON p.id = r.period_id
          JOIN assignments a ON a.id = r.assignment_id JOIN work_items w ON w.id = r.work_item_id
         WHERE p.plan_id = ${ctx.planId}::uuid AND v.action IN ('report.returned', 'report.reopened') AND v.created_at >= ${ctx.yearStart} AND v.created_at < ${ctx.cutoff}
           AND r.unit_id = ANY(${ctx.unitIds}::uuid[])
         ORDER BY w.sort_key, v.created_at`;
      return collect(toRows(rows, 'ProgressReport'), 'count');
    },
    score: (f, p) => perRolePoints(n(p.lead), n(p.supporting), f.lead, f.supporting),
  },
  {
    kind: 'extensions',
    name: '申请延期',
    measure: 'count',
    formula: (p) => `本年度获批延期的事项（延期由牵头单位申请），每项 ${signed(p.lead)} 分`,
    unavailable: noDated,
    async gather(tx, ctx) {
      const rows = await tx.$queryRaw<Row[]>`
        SELECT e.unit_id::text, 'lead' AS role, e.id::text, '第 ' || w.seq || ' 项延期申请' AS label, true AS counted,
               '原期限 ' || e.original_date || '，延至 ' || e.requested_date AS note
          FROM extension_requests e JOIN work_items w ON w.id = e.work_item_id
         WHERE w.plan_id = ${ctx.planId}::uuid AND e.status = 'approved' AND e.decided_at >= ${ctx.yearStart} AND e.decided_at < ${ctx.cutoff}
           AND e.unit_id = ANY(${ctx.unitIds}::uuid[])
         ORDER BY w.sort_key`;
      return collect(toRows(rows, 'ExtensionRequest'), 'count');
    },
    score: (f, p) => perRolePoints(n(p.lead), n(p.supporting), f.lead, f.supporting),
  },
  ...(['notices_received', 'notices_escalated'] as const).map(
    (kind): CriterionKind => ({
      kind,
      name: kind === 'notices_received' ? '收到督办单' : '督办单被升级',
      measure: 'count',
      formula: (p) =>
        kind === 'notices_received'
          ? `本年度编号的督办单（催办、督办、挂牌督办）每收到一件：事项的牵头单位 ${signed(p.lead)} 分，配合单位 ${signed(p.supporting)} 分`
          : `本年度编号的督办单因逾期未签收或未答复被自动升级的，每件：事项的牵头单位 ${signed(p.lead)} 分，配合单位 ${signed(p.supporting)} 分`,
      // Notices are a record of the year like any other: no notice received is a result, not missing data.
      unavailable: () => null,
      async gather(tx, ctx) {
        const rows = await tx.$queryRaw<Row[]>`
          SELECT n.unit_id::text,
                 COALESCE((SELECT a.role::text FROM assignments a WHERE a.work_item_id = n.work_item_id AND a.unit_id = n.unit_id ORDER BY a.role LIMIT 1), 'lead') AS role,
                 n.id::text, n.number_text || ' 第 ' || w.seq || ' 项' AS label,
                 ${kind === 'notices_received' ? Prisma.sql`true` : Prisma.sql`n.escalations > 0`} AS counted,
                 CASE n.level WHEN 'urge' THEN '催办' WHEN 'supervise' THEN '督办' ELSE '挂牌督办' END
                   || CASE WHEN n.escalations > 0 THEN '，升级 ' || n.escalations || ' 次' ELSE '' END AS note
            FROM supervision_notices n JOIN work_items w ON w.id = n.work_item_id
           WHERE n.plan_id = ${ctx.planId}::uuid AND n.year = ${ctx.year} AND n.issued_at < ${ctx.cutoff}
             AND n.unit_id = ANY(${ctx.unitIds}::uuid[])
           ORDER BY n.number`;
        return collect(toRows(rows, 'SupervisionNotice'), 'count');
      },
      score: (f, p) => perRolePoints(n(p.lead), n(p.supporting), f.lead, f.supporting),
    }),
  ),
];

export const criterionKind = (kind: string) => CRITERION_KINDS.find((k) => k.kind === kind);

export async function planData(tx: Tx, planId: string, year: number): Promise<PlanData> {
  const [row] = await tx.$queryRaw<{ periods: number; dated: number }[]>`
    SELECT (SELECT count(*)::int FROM reporting_periods WHERE plan_id = ${planId}::uuid AND extract(year FROM due_date) = ${year}) AS periods,
           (SELECT count(DISTINCT w.id)::int FROM work_items w JOIN deadlines d ON d.work_item_id = w.id WHERE w.plan_id = ${planId}::uuid AND d.date IS NOT NULL AND d.kind IN ('dated', 'period')) AS dated`;
  return { periodsInYear: row.periods, datedItems: row.dated };
}
