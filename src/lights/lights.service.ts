import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { canonicalJson } from '../common/canonical-json.js';
import { dayToDate, isoDay, shanghaiDay } from '../common/dates.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { dueDeadline } from '../work-items/due-date.js';
import { DEFAULT_LIGHT_RULES, evaluateLight, worstKnown, type LightColour, type LightReason, type LightRules } from './light-rules.js';

const ITEM_KEY = '';

export function planRules(stored: Prisma.JsonValue | null): LightRules {
  return { ...DEFAULT_LIGHT_RULES, ...((stored as Partial<LightRules> | null) ?? {}) };
}

export interface RecomputeResult {
  items: number;
  changed: number;
}

/** A unit whose reports on an item changed: only its lights there and the item's own can follow. */
export interface UnitOnItem {
  workItemId: string;
  unitId: string;
}

interface Batch {
  whole: boolean;
  /** Items whose every light is recomputed. */
  items: Set<string>;
  /** Items whose named units' lights and own light are recomputed (and their leads', which the item's follows). */
  units: Map<string, Set<string>>;
  done: Promise<RecomputeResult>;
  resolve: (r: RecomputeResult) => void;
  reject: (e: unknown) => void;
}

interface PlanSlot {
  running: boolean;
  next: Batch | null;
}

function pendingBatch(): Batch {
  let resolve!: (r: RecomputeResult) => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<RecomputeResult>((res, rej) => ((resolve = res), (reject = rej)));
  // A batch nobody awaits any more (its callers gave up) must not crash the process with an unhandled rejection.
  done.catch(() => undefined);
  return { whole: false, items: new Set(), units: new Map(), done, resolve, reject };
}

type Request = { items: string[] } | { units: UnitOnItem[] } | null;

interface Computed {
  workItemId: string;
  assignmentKey: string;
  unitId: string | null;
  light: LightColour | null;
  reasons: LightReason[];
}

/**
 * Computes traffic lights from what the database holds (deadlines, approved extensions, signed-off
 * reports, past periods) and stores each change with its reasons. Safe to run any number of times:
 * a light that did not change writes nothing.
 */
@Injectable()
export class LightsService {
  private readonly slots = new Map<string, PlanSlot>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async recomputePlan(planId: string): Promise<RecomputeResult> {
    return this.enqueue(planId, null);
  }

  /** Recomputes the given items; resolves once a computation that started after this call has stored them. */
  async recomputeItems(workItemIds: string[]): Promise<RecomputeResult> {
    const byPlan = await this.byPlan(workItemIds, (id) => id);
    return sum(await Promise.all([...byPlan].map(([planId, items]) => this.enqueue(planId, { items }))));
  }

  /**
   * After a unit's reports changed (signed off, accepted, returned): that unit's lights on the items and the
   * items' own lights, computed from every lead. The other units' lights depend on nothing that changed; they
   * are left as stored. A sign-off of 40 items at province scale then reads the history of 40 assignments
   * and their leads instead of all 880 on those items.
   */
  async recomputeUnitsOnItems(pairs: UnitOnItem[]): Promise<RecomputeResult> {
    const byPlan = await this.byPlan(pairs, (p) => p.workItemId);
    return sum(await Promise.all([...byPlan].map(([planId, units]) => this.enqueue(planId, { units }))));
  }

  private async byPlan<T>(entries: T[], itemOf: (e: T) => string): Promise<Map<string, T[]>> {
    const byPlan = new Map<string, T[]>();
    if (entries.length === 0) return byPlan;
    const rows = await this.prisma.$queryRaw<{ id: string; planId: string }[]>`
      SELECT id::text, plan_id::text AS "planId" FROM work_items WHERE id = ANY(${[...new Set(entries.map(itemOf))]}::uuid[])`;
    const planOf = new Map(rows.map((r) => [r.id, r.planId]));
    for (const e of entries) {
      const planId = planOf.get(itemOf(e));
      if (planId) byPlan.set(planId, [...(byPlan.get(planId) ?? []), e]);
    }
    return byPlan;
  }

  async recomputeAll(): Promise<RecomputeResult> {
    let items = 0;
    let changed = 0;
    for (const { id } of await this.prisma.plan.findMany({ where: { status: { not: 'archived' } }, select: { id: true } })) {
      const r = await this.recomputePlan(id);
      items += r.items;
      changed += r.changed;
    }
    return { items, changed };
  }

  /**
   * Coalesces the recomputations one process asks for, per plan. While a plan's computation runs, every
   * further request joins one pending batch (the union of their items, or the whole plan), which starts when
   * the running one ends: it reads after each joiner's commit, so a caller still sees its own change in the
   * lights when its promise resolves, and eight units signing off at once cost two computations, not eight.
   * Across processes the advisory lock in `recompute` keeps the order.
   */
  private enqueue(planId: string, request: Request): Promise<RecomputeResult> {
    let slot = this.slots.get(planId);
    if (!slot) this.slots.set(planId, (slot = { running: false, next: null }));
    if (!slot.next) slot.next = pendingBatch();
    const batch = slot.next;
    if (request === null) batch.whole = true;
    else if ('items' in request) request.items.forEach((id) => batch.items.add(id));
    else for (const { workItemId, unitId } of request.units) batch.units.set(workItemId, (batch.units.get(workItemId) ?? new Set()).add(unitId));
    if (!slot.running) void this.drain(planId, slot);
    return batch.done;
  }

  private async drain(planId: string, slot: PlanSlot): Promise<void> {
    slot.running = true;
    while (slot.next) {
      const batch = slot.next;
      slot.next = null;
      try {
        batch.resolve(await this.recompute(planId, batch.whole ? null : batch));
      } catch (e) {
        batch.reject(e);
      }
    }
    slot.running = false;
    this.slots.delete(planId);
  }

  /**
   * Reads the inputs and writes the lights of the matching items in one transaction, under a lock per plan:
   * two recomputations of the same plan run one after the other, so an older computation can never
   * overwrite a newer one (a sign-off's lights racing the nightly job).
   */
  private async recompute(planId: string, scope: Pick<Batch, 'items' | 'units'> | null): Promise<RecomputeResult> {
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const itemIds = scope ? [...scope.items, ...scope.units.keys()] : null;
    // An item asked for whole and for some units is recomputed whole.
    const narrowed = scope ? [...scope.units].filter(([id]) => !scope.items.has(id)) : [];
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'lights:' + planId}))`;
        return this.computeAndStore(tx, planId, itemIds, new Map(narrowed), today, now);
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  }

  /** `itemIds` null: every item of the plan. */
  private async computeAndStore(tx: Tx, planId: string, itemIds: string[] | null, narrowed: Map<string, Set<string>>, today: string, now: Date) {
    const items = await lightedItems(tx, planId, itemIds);
    if (items.length === 0) return { items: 0, changed: 0 };
    const assignments = await lightedAssignments(tx, items.map((i) => i.id), narrowed);
    const histories = await reportHistories(tx, assignments.map((a) => a.id), today);
    const onItem = new Map<string, LightedAssignment[]>();
    for (const a of assignments) onItem.set(a.workItemId, [...(onItem.get(a.workItemId) ?? []), a]);

    const computed: Computed[] = [];
    for (const item of items) {
      const rules = planRules(item.lightRules);
      const deadline = dueDeadline(item.deadlines.map((d) => ({ kind: d.kind, date: d.date ? dayToDate(d.date) : null })));
      const originalDueDate = isoDay(deadline?.date ?? null);
      const dueDate = item.extendedTo ?? originalDueDate;
      const startDate = item.horizonStartYear ? `${item.horizonStartYear}-01-01` : isoDay(item.createdAt);
      const assignmentLights = (onItem.get(item.id) ?? []).map((a) => {
        const h = histories.get(a.id) ?? NO_HISTORY;
        const result = evaluateLight(
          {
            today,
            dueDate,
            originalDueDate,
            startDate,
            percent: h.signedPercent,
            completed: h.signedStatus === 'completed',
            consecutiveMissing: h.consecutiveMissing,
            reportingStarted: h.signed || h.anyPastDue,
          },
          rules,
        );
        computed.push({ workItemId: item.id, assignmentKey: a.id, unitId: a.unitId, ...result });
        return { role: a.role, ...result };
      });
      const leads = assignmentLights.filter((a) => a.role === 'lead');
      if (leads.length > 0) {
        // The item is as bad as its worst lead; the reasons say which unit's light it took.
        const light = worstKnown(leads.map((l) => l.light));
        const reasons = leads.filter((l) => l.light === light).flatMap((l) => l.reasons);
        computed.push({ workItemId: item.id, assignmentKey: ITEM_KEY, unitId: null, light, reasons: dedupe(reasons) });
      } else {
        // Nobody reports on an unassigned item: only its dates can light it.
        const result = evaluateLight({ today, dueDate, originalDueDate, startDate, percent: null, completed: false, consecutiveMissing: 0, reportingStarted: false }, rules);
        computed.push({ workItemId: item.id, assignmentKey: ITEM_KEY, unitId: null, ...result });
      }
    }
    return { items: items.length, changed: await this.store(tx, computed, now) };
  }

  /** Returns how many lights (item or assignment) were written. */
  private async store(tx: Tx, computed: Computed[], now: Date): Promise<number> {
    const itemIds = [...new Set(computed.map((c) => c.workItemId))];
    // Lights of units no longer on an item (a re-import ended their assignment) are derived data: dropped.
    // The ended assignments looked up through the items (an index), not matched by a cast id, which scanned
    // every assignment of the database (13.6 → 0.4 ms at province scale).
    const dropped = await tx.$executeRaw`
      DELETE FROM light_states s
      WHERE s.work_item_id = ANY(${itemIds}::uuid[]) AND s.assignment_key <> ''
        AND s.assignment_key IN (SELECT a.id::text FROM assignments a WHERE a.work_item_id = ANY(${itemIds}::uuid[]) AND a.ended_at IS NOT NULL)`;
    // Only the lights computed: a narrowed recomputation leaves the others as they are.
    const existing = await tx.$queryRaw<{ workItemId: string; assignmentKey: string; light: LightColour | null; reasons: Prisma.JsonValue }[]>`
      SELECT s.work_item_id::text AS "workItemId", s.assignment_key AS "assignmentKey", s.light::text AS light, s.reasons
      FROM light_states s JOIN unnest(${computed.map((c) => c.workItemId)}::uuid[], ${computed.map((c) => c.assignmentKey)}::text[]) AS k(work_item_id, assignment_key)
        ON s.work_item_id = k.work_item_id AND s.assignment_key = k.assignment_key`;
    const current = new Map(existing.map((e) => [`${e.workItemId}|${e.assignmentKey}`, e]));
    const changes = computed.filter((c) => {
      const e = current.get(`${c.workItemId}|${c.assignmentKey}`);
      return !e || e.light !== c.light || canonicalJson(e.reasons) !== canonicalJson(c.reasons);
    });
    if (changes.length === 0) return dropped;
    const key = (c: Computed) => `${c.workItemId}|${c.assignmentKey}`;
    const json = (c: Computed) => c.reasons as unknown as Prisma.InputJsonValue;
    const fresh = changes.filter((c) => !current.has(key(c)));
    const moved = changes.filter((c) => current.has(key(c)));
    // History records changes of colour; a reason's detail (days left) may move daily without one.
    // A first computation with no data yet is not a change of colour.
    const recolored = changes.filter((c) => (current.has(key(c)) ? current.get(key(c))!.light !== c.light : c.light !== null));
    // The first computation of a plan writes thousands of lights: one statement for the new ones.
    if (fresh.length) {
      await tx.lightState.createMany({ data: fresh.map((c) => ({ workItemId: c.workItemId, assignmentKey: c.assignmentKey, unitId: c.unitId, light: c.light, reasons: json(c), computedAt: now })) });
    }
    if (moved.length) {
      await tx.$executeRaw`
        UPDATE light_states s SET light = x.light, reasons = x.reasons, computed_at = ${now}
        FROM unnest(${moved.map((c) => c.workItemId)}::uuid[], ${moved.map((c) => c.assignmentKey)}::text[],
                    ${moved.map((c) => c.light)}::"Light"[], ${moved.map((c) => JSON.stringify(c.reasons))}::jsonb[]) AS x(work_item_id, assignment_key, light, reasons)
        WHERE s.work_item_id = x.work_item_id AND s.assignment_key = x.assignment_key`;
    }
    if (recolored.length) {
      await tx.lightChange.createMany({
        data: recolored.map((c) => ({ workItemId: c.workItemId, assignmentKey: c.assignmentKey, fromLight: current.get(key(c))?.light ?? null, toLight: c.light, reasons: json(c), changedAt: now })),
      });
    }
    return changes.length + dropped;
  }
}

interface LightedItem {
  id: string;
  createdAt: Date;
  horizonStartYear: number | null;
  lightRules: Prisma.JsonValue | null;
  /** Dates as YYYY-MM-DD. */
  deadlines: { kind: string; date: string | null }[];
  /** The date of the latest approved extension. */
  extendedTo: string | null;
}

/** What the lights of items depend on besides reports, in one statement (Prisma took four, and compiled them each time). */
function lightedItems(tx: Tx, planId: string, itemIds: string[] | null): Promise<LightedItem[]> {
  return tx.$queryRaw<LightedItem[]>`
    SELECT w.id::text, w.created_at AS "createdAt", pl.horizon_start_year AS "horizonStartYear", pl.light_rules AS "lightRules",
      COALESCE((SELECT json_agg(json_build_object('kind', d.kind, 'date', to_char(d.date, 'YYYY-MM-DD'))) FROM deadlines d WHERE d.work_item_id = w.id), '[]'::json) AS deadlines,
      (SELECT to_char(e.requested_date, 'YYYY-MM-DD') FROM extension_requests e
       WHERE e.work_item_id = w.id AND e.status = 'approved' ORDER BY e.decided_at DESC NULLS LAST LIMIT 1) AS "extendedTo"
    FROM work_items w JOIN plans pl ON pl.id = w.plan_id
    WHERE w.plan_id = ${planId}::uuid AND (${itemIds === null} OR w.id = ANY(${itemIds ?? []}::uuid[]))`;
}

interface LightedAssignment {
  id: string;
  workItemId: string;
  unitId: string;
  role: string;
}

/**
 * The units currently on the items (an assignment a re-import ended no longer has a light; collectives report
 * through their members). On a narrowed item only the named units and the leads, whose lights make the item's.
 */
async function lightedAssignments(tx: Tx, itemIds: string[], narrowed: Map<string, Set<string>>): Promise<LightedAssignment[]> {
  const pairs = [...narrowed].flatMap(([item, units]) => [...units].map((unit) => [item, unit]));
  return tx.$queryRaw<LightedAssignment[]>`
    SELECT a.id::text, a.work_item_id::text AS "workItemId", a.unit_id::text AS "unitId", a.role::text AS role
    FROM assignments a JOIN units u ON u.id = a.unit_id
    WHERE a.work_item_id = ANY(${itemIds}::uuid[]) AND a.ended_at IS NULL AND u.kind <> 'collective'
      AND (a.role = 'lead' OR a.work_item_id <> ALL(${[...narrowed.keys()]}::uuid[])
           OR (a.work_item_id, a.unit_id) IN (SELECT * FROM unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::uuid[])))
    ORDER BY a.work_item_id, a.id`;
}

/** What a light needs from one assignment's reports, from newest period to oldest. */
interface ReportHistory {
  /** The newest signed-off (submitted or accepted) report's figures. */
  signed: boolean;
  signedPercent: number | null;
  signedStatus: string | null;
  /** Periods past their due date, newest first, before the newest one that was ever submitted. */
  consecutiveMissing: number;
  anyPastDue: boolean;
}

const NO_HISTORY: ReportHistory = { signed: false, signedPercent: null, signedStatus: null, consecutiveMissing: 0, anyPastDue: false };

/**
 * One row per assignment, aggregated in PostgreSQL: the items of a batch carry thousands of past reports
 * (five years of quarters for every unit), and loading them as objects cost most of a recomputation.
 */
async function reportHistories(tx: Tx, assignmentIds: string[], today: string): Promise<Map<string, ReportHistory>> {
  const rows = await tx.$queryRaw<{ assignment_id: string; signed: boolean; signed_percent: number | null; signed_status: string | null; missing: bigint; any_past_due: boolean }[]>`
    WITH r AS (
      SELECT r.assignment_id, r.state, r.status, r.percent, p.end_date, p.due_date < ${today}::date AS past_due,
             max(p.end_date) FILTER (WHERE p.due_date < ${today}::date AND r.first_submitted_at IS NOT NULL) OVER (PARTITION BY r.assignment_id) AS last_submitted_end
      FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id
      WHERE r.assignment_id = ANY(${assignmentIds}::uuid[]))
    SELECT assignment_id,
           bool_or(state IN ('submitted', 'accepted')) AS signed,
           (array_agg(percent ORDER BY end_date DESC) FILTER (WHERE state IN ('submitted', 'accepted')))[1] AS signed_percent,
           (array_agg(status::text ORDER BY end_date DESC) FILTER (WHERE state IN ('submitted', 'accepted')))[1] AS signed_status,
           count(*) FILTER (WHERE past_due AND (last_submitted_end IS NULL OR end_date > last_submitted_end)) AS missing,
           bool_or(past_due) AS any_past_due
    FROM r GROUP BY assignment_id`;
  return new Map(
    rows.map((r) => [
      r.assignment_id,
      { signed: r.signed, signedPercent: r.signed_percent, signedStatus: r.signed_status, consecutiveMissing: Number(r.missing), anyPastDue: r.any_past_due },
    ]),
  );
}

function sum(results: RecomputeResult[]): RecomputeResult {
  return results.reduce((a, r) => ({ items: a.items + r.items, changed: a.changed + r.changed }), { items: 0, changed: 0 });
}

function dedupe(reasons: LightReason[]): LightReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.message) ? false : (seen.add(r.message), true)));
}
