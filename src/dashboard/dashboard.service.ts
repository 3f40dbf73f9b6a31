import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { Clock } from '../clock/clock.js';
import { shanghaiDay } from '../common/dates.js';
import { notFound } from '../common/domain-error.js';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type ReadSource } from '../prisma/prisma.service.js';
import type { DashboardQuery } from './dashboard.dto.js';

type LightCounts = { green: number; yellow: number; red: number; none: number };
const empty = (): LightCounts => ({ green: 0, yellow: 0, red: 0, none: 0 });

/**
 * The figures the office and leaders look at. Every figure is computed in SQL under the caller's
 * scope: a unit's figures cover the work it leads or supports and the units below it.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async figures(p: Principal, q: DashboardQuery) {
    const today = shanghaiDay(this.clock.now());
    // On the primary: a plan or period created a moment ago exists, whatever the replica has replayed.
    // With the period asked for, which must be one of the plan's: a plan's periods are the same for every unit, so
    // naming one tells nothing of any unit's data.
    const [plan] = await this.prisma.rawRead<{ id: string; period: string | null }>(Prisma.sql`
      SELECT p.id::text, ${q.periodId ? Prisma.sql`(SELECT rp.id::text FROM reporting_periods rp WHERE rp.id = ${q.periodId}::uuid AND rp.plan_id = p.id)` : Prisma.sql`NULL`} AS period
      FROM plans p WHERE p.id = ${q.planId}::uuid`);
    if (!plan) throw notFound('方案', 'PLAN.NOT_FOUND');
    if (q.periodId && !plan.period) throw notFound('调度期', 'PERIOD.NOT_FOUND');
    // On the read replica when there is one: figures a few seconds old serve the office as well, and these
    // scans are the heaviest reads it repeats all day.
    const { areas, units, overdue, rates } = await this.prisma.fromReplica((db) => this.rows(db, p, q, today));

    const byArea = new Map<string, { areaId: string | null; label: string | null; title: string } & LightCounts>();
    for (const row of areas) {
      const key = row.area_id ?? '';
      const entry = byArea.get(key) ?? { areaId: row.area_id, label: row.label, title: row.title ?? '（未归类）', ...empty() };
      entry[(row.light ?? 'none') as keyof LightCounts] += Number(row.n);
      byArea.set(key, entry);
    }
    const byUnit = new Map<string, { unitId: string; unitName: string } & LightCounts>();
    for (const row of units) {
      const entry = byUnit.get(row.unit_id) ?? { unitId: row.unit_id, unitName: row.name, ...empty() };
      entry[(row.light ?? 'none') as keyof LightCounts] += Number(row.n);
      byUnit.set(row.unit_id, entry);
    }
    const reporting = rates.map((r) => {
      const expected = Number(r.expected);
      const onTime = Number(r.on_time);
      return {
        unitId: r.unit_id,
        unitName: r.name,
        periodId: r.period_id,
        period: r.label,
        dueDate: r.due_date,
        expected,
        submitted: Number(r.submitted),
        onTime,
        missing: Number(r.missing),
        onTimeRate: expected ? Math.round((onTime / expected) * 1000) / 1000 : null,
      };
    });
    // The periods with something due in scope, newest first; the table shows one (every unit × every period
    // since the plan began was 528 rows and two thirds of the answer at province scale, its first page 2021):
    // the one asked for (empty when nothing of it is in scope), else the latest whose due date has passed, as
    // `missing` counts it, else the earliest.
    const periods = [...new Map(reporting.map((r) => [r.periodId, { id: r.periodId, label: r.period, dueDate: r.dueDate }])).values()].reverse();
    const shownId = plan.period ?? (periods.find((x) => x.dueDate < today) ?? periods.at(-1))?.id ?? null;
    return {
      today,
      byAreaLight: [...byArea.values()],
      byUnitLight: [...byUnit.values()],
      overdue: overdue.map((o) => ({ workItemId: o.id, seq: o.seq, itemNo: o.item_no, text: o.text, reasons: o.reasons })),
      unitsWithMissingReports: reporting.filter((r) => r.missing > 0).map(({ unitId, unitName, periodId, period, missing }) => ({ unitId, unitName, periodId, period, missing })),
      periods,
      periodId: shownId,
      reporting: reporting.filter((r) => r.periodId === shownId),
    };
  }

  /** The dashboard's rows under the caller's scope, all from one server (the replica, or the primary); only reads. */
  private async rows(db: ReadSource, p: Principal, q: DashboardQuery, today: string) {
    const scope = p.planWide ? null : p.scopeUnitIds;
    const itemFilter = Prisma.sql`w.plan_id = ${q.planId}::uuid
      ${scope ? Prisma.sql`AND EXISTS (SELECT 1 FROM assignments sa WHERE sa.work_item_id = w.id AND sa.ended_at IS NULL AND sa.unit_id = ANY(${scope}::uuid[]))` : Prisma.empty}
      ${q.areaId ? Prisma.sql`AND w.area_id = ${q.areaId}::uuid` : Prisma.empty}
      ${q.unitId ? Prisma.sql`AND EXISTS (SELECT 1 FROM assignments fa WHERE fa.work_item_id = w.id AND fa.ended_at IS NULL AND fa.unit_id = ${q.unitId}::uuid)` : Prisma.empty}`;
    const itemLight = q.light ? Prisma.sql`AND ls.light = ${q.light}::"Light"` : Prisma.empty;

    const [areas, units, overdue, rates] = await Promise.all([
      db.raw<{ area_id: string | null; label: string | null; title: string | null; position: number | null; light: string | null; n: string }>(Prisma.sql`
        SELECT n.id::text AS area_id, n.label, n.title, n.position, ls.light::text AS light, count(*) AS n
        FROM work_items w
        LEFT JOIN plan_nodes n ON n.id = w.area_id
        LEFT JOIN light_states ls ON ls.work_item_id = w.id AND ls.assignment_key = ''
        WHERE ${itemFilter} ${itemLight}
        GROUP BY n.id, n.label, n.title, n.position, ls.light
        ORDER BY n.position NULLS LAST`),
      db.raw<{ unit_id: string; name: string; light: string | null; n: string }>(Prisma.sql`
        SELECT u.id::text AS unit_id, u.name, ls.light::text AS light, count(*) AS n
        FROM light_states ls
        JOIN units u ON u.id = ls.unit_id
        JOIN work_items w ON w.id = ls.work_item_id
        WHERE ls.assignment_key <> '' AND w.plan_id = ${q.planId}::uuid
          ${scope ? Prisma.sql`AND ls.unit_id = ANY(${scope}::uuid[])` : Prisma.empty}
          ${q.areaId ? Prisma.sql`AND w.area_id = ${q.areaId}::uuid` : Prisma.empty}
          ${q.unitId ? Prisma.sql`AND ls.unit_id = ${q.unitId}::uuid` : Prisma.empty}
          ${itemLight}
        GROUP BY u.id, u.name, ls.light
        ORDER BY u.name`),
      db.raw<{ id: string; seq: string; item_no: number; text: string; reasons: unknown }>(Prisma.sql`
        SELECT w.id::text, w.seq, w.item_no, w.text, ls.reasons
        FROM work_items w JOIN light_states ls ON ls.work_item_id = w.id AND ls.assignment_key = ''
        WHERE ${itemFilter} AND ls.reasons @> '[{"code":"OVERDUE"}]'::jsonb
        ORDER BY w.sort_key`),
      // Pre-aggregated per period, unit and area by triggers in the transaction of every write
      // (prisma/sql/003_report_tallies.sql): a few rows per unit instead of every report of the plan.
      db.raw<{ unit_id: string; name: string; period_id: string; label: string; due_date: string; expected: string; submitted: string; on_time: string; missing: string }>(Prisma.sql`
        SELECT u.id::text AS unit_id, u.name, p.id::text AS period_id, p.label, to_char(p.due_date, 'YYYY-MM-DD') AS due_date,
          s.expected, s.submitted, s.on_time,
          CASE WHEN p.due_date < ${today}::date THEN s.expected - s.submitted ELSE 0 END AS missing
        -- Summed per period and unit before the joins: a unit's name is then looked up once per row of the
        -- answer, not once per tally (3,674 → 528 lookups for a city plan at province scale; 9.5 → 5.4 ms).
        FROM (
          SELECT t.period_id, t.unit_id, sum(t.expected) AS expected, sum(t.submitted) AS submitted, sum(t.on_time) AS on_time
          FROM report_tallies t
          -- The plan's periods as a list: joined only through the periods, the planner misjudges how few tallies
          -- a plan has and scans the whole table (44 ms at province scale, against 6 ms through the period index).
          WHERE t.period_id = ANY(ARRAY(SELECT id FROM reporting_periods WHERE plan_id = ${q.planId}::uuid))
            ${scope ? Prisma.sql`AND t.unit_id = ANY(${scope}::uuid[])` : Prisma.empty}
            ${q.areaId ? Prisma.sql`AND t.area_id = ${q.areaId}::uuid` : Prisma.empty}
            ${q.unitId ? Prisma.sql`AND t.unit_id = ${q.unitId}::uuid` : Prisma.empty}
          GROUP BY t.period_id, t.unit_id
          HAVING sum(t.expected) > 0
        ) s
        JOIN reporting_periods p ON p.id = s.period_id
        JOIN units u ON u.id = s.unit_id
        ORDER BY p.due_date, p.id, u.name`),
    ]);
    return { areas, units, overdue, rates };
  }
}
