import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobName } from '../jobs/job-names.js';
import { JobsService } from '../jobs/jobs.service.js';
import { OutboxService, type StoredEvent } from '../jobs/outbox.service.js';
import { LightsService, type UnitOnItem } from './lights.service.js';

/** The events that change an input of a light: what was signed off or decided, dates, the plan's rules. */
export const LIGHT_INPUT_EVENTS = [
  'report.signed_off',
  'report.accepted',
  'report.returned',
  'report.reopened',
  'extension.approved',
  'work_items.changed',
  'period.opened',
  'plan.light_rules_set',
];

/**
 * A unit's report moved: only that unit's history changed, so only its lights on the item and the item's own
 * (which follows the leads) are recomputed. Dates, extensions and rules change every unit's light.
 */
const UNIT_REPORT_EVENTS = new Set(['report.signed_off', 'report.accepted', 'report.returned', 'report.reopened']);

/**
 * Lights follow every change through the outbox instead of being called by each writer: writers announce,
 * this recomputes what the events name (idempotent, so a repeated delivery is harmless). It also owns the
 * nightly recomputation, because deadlines come closer without any write.
 */
@Injectable()
export class LightsSubscriber implements OnModuleInit {
  constructor(
    private readonly lights: LightsService,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit() {
    this.outbox.subscribe({ name: 'lights', types: LIGHT_INPUT_EVENTS, handle: (events) => this.handle(events) });
    this.jobs.register(JobName.LightsRecomputeAll, () => this.lights.recomputeAll());
  }

  private async handle(events: StoredEvent[]) {
    const planIds = new Set<string>();
    const itemIds = new Set<string>();
    const unitsOnItems: UnitOnItem[] = [];
    for (const e of events) {
      const { planId, workItemId, workItemIds, unitId } = e.payload as { planId?: string; workItemId?: string; workItemIds?: string[]; unitId?: string };
      if (UNIT_REPORT_EVENTS.has(e.type) && workItemId && unitId) unitsOnItems.push({ workItemId, unitId });
      else if (workItemIds) workItemIds.forEach((id) => itemIds.add(id));
      else if (workItemId) itemIds.add(workItemId);
      else if (planId) planIds.add(planId);
    }
    for (const planId of planIds) await this.lights.recomputePlan(planId);
    await Promise.all([this.lights.recomputeItems([...itemIds]), this.lights.recomputeUnitsOnItems(unitsOnItems)]);
  }
}
