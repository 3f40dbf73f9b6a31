import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { isoDay, shanghaiDay } from '../common/dates.js';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService, type Tx } from '../prisma/prisma.service.js';
import { dueDeadline } from '../work-items/due-date.js';
import { DEFAULT_LIGHT_RULES, evaluateLight, worstKnown, type LightColour, type LightReason, type LightRules } from './light-rules.js';

const ITEM_KEY = '';

export function planRules(stored: Prisma.JsonValue | null): LightRules {
  return { ...DEFAULT_LIGHT_RULES, ...((stored as Partial<LightRules> | null) ?? {}) };
}

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
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async recomputePlan(planId: string): Promise<{ items: number; changed: number }> {
    return this.recompute({ planId });
  }

  async recomputeItems(workItemIds: string[]): Promise<{ items: number; changed: number }> {
    return workItemIds.length ? this.recompute({ id: { in: workItemIds } }) : { items: 0, changed: 0 };
  }

  async recomputeAll(): Promise<{ items: number; changed: number }> {
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
   * Reads the inputs and writes the lights of the matching items in one transaction, under a lock per plan:
   * two recomputations of the same plan run one after the other, so an older computation can never
   * overwrite a newer one (a sign-off's lights racing the nightly job).
   */
  private async recompute(where: Prisma.WorkItemWhereInput) {
    const now = this.clock.now();
    const today = shanghaiDay(now);
    const planIds = (await this.prisma.workItem.findMany({ where, distinct: ['planId'], select: { planId: true } })).map((i) => i.planId).sort();
    if (planIds.length === 0) return { items: 0, changed: 0 };
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lights:' || p)) FROM unnest(${planIds}::text[]) AS p ORDER BY p`;
        return this.computeAndStore(tx, where, today, now);
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  }

  private async computeAndStore(tx: Tx, where: Prisma.WorkItemWhereInput, today: string, now: Date) {
    const items = await tx.workItem.findMany({
      where,
      include: {
        plan: { select: { horizonStartYear: true, lightRules: true } },
        deadlines: true,
        extensions: { where: { status: 'approved' }, orderBy: { decidedAt: 'desc' }, take: 1 },
        // Only the units currently on the item: an assignment a re-import ended no longer has a light.
        assignments: { where: { endedAt: null, unit: { kind: { not: 'collective' } } }, select: { id: true, unitId: true, role: true } },
      },
    });
    if (items.length === 0) return { items: 0, changed: 0 };
    const reports = await tx.progressReport.findMany({
      where: { workItemId: { in: items.map((i) => i.id) } },
      select: { assignmentId: true, state: true, status: true, percent: true, firstSubmittedAt: true, period: { select: { endDate: true, dueDate: true } } },
      orderBy: { period: { endDate: 'desc' } },
    });
    const byAssignment = new Map<string, typeof reports>();
    for (const r of reports) byAssignment.set(r.assignmentId, [...(byAssignment.get(r.assignmentId) ?? []), r]);

    const computed: Computed[] = [];
    for (const item of items) {
      const rules = planRules(item.plan.lightRules);
      const deadline = dueDeadline(item.deadlines);
      const originalDueDate = isoDay(deadline?.date ?? null);
      const dueDate = item.extensions[0] ? isoDay(item.extensions[0].requestedDate) : originalDueDate;
      const startDate = item.plan.horizonStartYear ? `${item.plan.horizonStartYear}-01-01` : isoDay(item.createdAt);
      const assignmentLights = item.assignments.map((a) => {
        const history = byAssignment.get(a.id) ?? [];
        const signed = history.find((r) => r.state === 'submitted' || r.state === 'accepted');
        let consecutiveMissing = 0;
        for (const r of history.filter((h) => isoDay(h.period.dueDate) < today)) {
          if (r.firstSubmittedAt) break;
          consecutiveMissing++;
        }
        const reportingStarted = Boolean(signed) || history.some((h) => isoDay(h.period.dueDate) < today);
        const result = evaluateLight(
          { today, dueDate, originalDueDate, startDate, percent: signed?.percent ?? null, completed: signed?.status === 'completed', consecutiveMissing, reportingStarted },
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
    const dropped = await tx.$executeRaw`
      DELETE FROM light_states s USING assignments a
      WHERE s.work_item_id = ANY(${itemIds}::uuid[]) AND s.assignment_key <> '' AND a.id::text = s.assignment_key AND a.ended_at IS NOT NULL`;
    const existing = await tx.lightState.findMany({ where: { workItemId: { in: itemIds } } });
    const current = new Map(existing.map((e) => [`${e.workItemId}|${e.assignmentKey}`, e]));
    const changes = computed.filter((c) => {
      const e = current.get(`${c.workItemId}|${c.assignmentKey}`);
      return !e || e.light !== c.light || JSON.stringify(e.reasons) !== JSON.stringify(c.reasons);
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

function dedupe(reasons: LightReason[]): LightReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.message) ? false : (seen.add(r.message), true)));
}
