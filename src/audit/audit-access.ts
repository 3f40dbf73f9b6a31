import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { actualScope, annualReportScope, defineAbilityFor, extensionScope, noticeScope, proposalScope, reportScope, userScope, workItemScope } from '../access/abilities.js';
import type { Principal } from '../access/principal.js';
import { notFound } from '../common/domain-error.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AUDITED_ENTITIES, type AuditedEntity } from './dto/audit-query.dto.js';

/**
 * An event is shown only to those who may read the entity it describes, whatever history it is listed in:
 * an extension request's events are visible to whoever may see that request, not to whoever may see the item.
 */
@Injectable()
export class AuditAccess {
  constructor(private readonly prisma: PrismaService) {}

  async assertVisible(p: Principal, type: AuditedEntity, id: string): Promise<void> {
    if (!(await this.visibleIds(p, type, [id])).has(id)) throw notFound('对象', 'AUDIT.ENTITY_NOT_FOUND');
  }

  /**
   * Drops the events whose own entity the caller may not read, and the actor's account id where the caller
   * may not read that account (who acted stays visible by name and unit: that is the point of the trail).
   */
  async filter<E extends { entityType: string; entityId: string | null; actor: { id: string | null } | null }>(p: Principal, events: E[]): Promise<E[]> {
    const shown = await this.visibleEntities(p, events);
    const actorIds = [...new Set(shown.flatMap((e) => (e.actor?.id ? [e.actor.id] : [])))];
    const readable = await this.visibleIds(p, 'User', actorIds);
    return shown.map((e) => (e.actor?.id && !readable.has(e.actor.id) ? { ...e, actor: { ...e.actor, id: null } } : e));
  }

  private async visibleEntities<E extends { entityType: string; entityId: string | null }>(p: Principal, events: E[]): Promise<E[]> {
    const byType = new Map<string, string[]>();
    for (const e of events) if (e.entityId) byType.set(e.entityType, [...(byType.get(e.entityType) ?? []), e.entityId]);
    const visible = new Map<string, Set<string>>();
    for (const [type, ids] of byType) {
      visible.set(type, (AUDITED_ENTITIES as readonly string[]).includes(type) ? await this.visibleIds(p, type as AuditedEntity, [...new Set(ids)]) : new Set());
    }
    // Events without an entity id (a failed login for an unknown name) are shown to the plan-wide roles only.
    return events.filter((e) => (e.entityId ? visible.get(e.entityType)!.has(e.entityId) : p.planWide));
  }

  /** The ids (of one type) the caller may read, each type by its own rule. */
  private async visibleIds(p: Principal, type: AuditedEntity, ids: string[]): Promise<Set<string>> {
    const uuids = ids.filter((id) => isUUID(id));
    if (uuids.length === 0) return new Set();
    const ability = defineAbilityFor(p);
    const where = { id: { in: uuids } };
    const select = { id: true } as const;
    const rows: { id: string }[] = await {
      Plan: () => this.prisma.plan.findMany({ where, select }),
      Unit: () => this.prisma.unit.findMany({ where, select }),
      ReportingPeriod: () => this.prisma.reportingPeriod.findMany({ where, select }),
      WorkItem: () => this.prisma.workItem.findMany({ where: { AND: [workItemScope(ability), where] }, select }),
      User: () => this.prisma.user.findMany({ where: { AND: [userScope(ability), where] }, select }),
      ProgressReport: () => this.prisma.progressReport.findMany({ where: { AND: [reportScope(ability), where] }, select }),
      ExtensionRequest: () => this.prisma.extensionRequest.findMany({ where: { AND: [extensionScope(ability), where] }, select }),
      AssignmentProposal: () => this.prisma.assignmentProposal.findMany({ where: { AND: [proposalScope(ability), where] }, select }),
      SupervisionNotice: () => this.prisma.supervisionNotice.findMany({ where: { AND: [noticeScope(ability), where] }, select }),
      ReminderMute: () => (p.planWide ? this.prisma.reminderMute.findMany({ where, select }) : Promise.resolve([])),
      YearEndCycle: () => this.prisma.yearEndCycle.findMany({ where, select }),
      AnnualReport: () => this.prisma.annualReport.findMany({ where: { AND: [annualReportScope(ability), where] }, select }),
      Indicator: () => this.prisma.indicator.findMany({ where, select }),
      IndicatorActual: () => this.prisma.indicatorActual.findMany({ where: { AND: [actualScope(ability), where] }, select }),
      // A target is as visible as its work item.
      Target: () => this.prisma.target.findMany({ where: { AND: [{ workItem: workItemScope(ability) }, where] }, select }),
      ImportRun: () => (p.planWide ? this.prisma.importRun.findMany({ where, select }) : Promise.resolve([])),
    }[type]();
    return new Set(rows.map((r) => r.id));
  }
}
