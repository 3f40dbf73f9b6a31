import { AbilityBuilder, subject } from '@casl/ability';
import { accessibleBy, createPrismaAbility, type PrismaAbility } from '@casl/prisma';
import { Prisma } from '../generated/prisma/client.js';
import type { Principal } from './principal.js';

export type Action = 'read' | 'manage';
// Our client is generated outside @prisma/client, so @casl/prisma cannot infer model types: subjects are
// named by string and the compiled conditions are typed at the call sites below.
export type AppAbility = PrismaAbility<[Action, Subject]>;

type Subject = 'WorkItem' | 'User' | 'ProgressReport' | 'ExtensionRequest' | 'AssignmentProposal' | 'SupervisionNotice' | 'AnnualReport' | 'IndicatorActual';

/** Whether a loaded row may be changed: checked before every write, after the scoped read found it. */
export function canManage(p: Principal, type: Subject, row: object): boolean {
  return defineAbilityFor(p).can('manage', subject(type, { ...row }) as never);
}

/** The rules as a Prisma filter, to put first in a query's AND. */
export const workItemScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('WorkItem') as Prisma.WorkItemWhereInput;
export const reportScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('ProgressReport') as Prisma.ProgressReportWhereInput;
/**
 * The ProgressReport read rule of `defineAbilityFor` as SQL on `progress_reports r`, for the write path's
 * one-statement load. It must say exactly what the CASL rules say; test/report-scope.e2e-spec.ts compares
 * the two for every account of the demo.
 */
export function reportScopeSql(p: Principal): Prisma.Sql {
  if (p.planWide) return Prisma.sql`TRUE`;
  return Prisma.sql`(r.unit_id = ANY(${p.scopeUnitIds}::uuid[])
    OR (r.kind = 'contribution' AND EXISTS (SELECT 1 FROM assignments sa WHERE sa.work_item_id = r.work_item_id AND sa.unit_id = ANY(${p.scopeUnitIds}::uuid[]) AND sa.role = 'lead')))`;
}
export const extensionScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('ExtensionRequest') as Prisma.ExtensionRequestWhereInput;
export const noticeScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('SupervisionNotice') as Prisma.SupervisionNoticeWhereInput;
export const userScope = (ability: AppAbility, action: Action = 'read') => accessibleBy(ability, action).ofType('User') as Prisma.UserWhereInput;
export const annualReportScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('AnnualReport') as Prisma.AnnualReportWhereInput;
export const actualScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('IndicatorActual') as Prisma.IndicatorActualWhereInput;
export const proposalScope = (ability: AppAbility, action: Action = 'read') =>
  accessibleBy(ability, action).ofType('AssignmentProposal') as Prisma.AssignmentProposalWhereInput;

/**
 * Data scope as Prisma conditions. The office, leaders and evaluators see the whole plan; a unit sees
 * the work items it leads or supports (fan-out included, since those are its own assignment rows) and
 * those of the units below it. A unit head reads the accounts of its own unit.
 */
export function defineAbilityFor(p: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createPrismaAbility);
  if (p.planWide) {
    can('read', 'WorkItem');
    can('read', 'ProgressReport');
    can('read', 'ExtensionRequest');
    can('read', 'AssignmentProposal');
    can('read', 'SupervisionNotice');
    can('read', 'AnnualReport');
    can('read', 'IndicatorActual');
  } else {
    const inScope = { in: p.scopeUnitIds };
    can('read', 'WorkItem', { assignments: { some: { unitId: inScope } } });
    // A unit reads its own reports, and the contributions to the items it leads.
    can('read', 'ProgressReport', { unitId: inScope });
    can('read', 'ProgressReport', { kind: 'contribution', workItem: { is: { assignments: { some: { unitId: inScope, role: 'lead' } } } } });
    can('read', 'ExtensionRequest', { unitId: inScope });
    // A reviewer's remark about a unit's assignment is shown to that unit.
    can('read', 'AssignmentProposal', { assignment: { is: { unitId: inScope } } });
    // A supervision notice is the addressed unit's (and the units above it) only.
    can('read', 'SupervisionNotice', { unitId: inScope });
    // A unit reads its own annual report and actuals (and those of the units below it), never a sibling's.
    can('read', 'AnnualReport', { unitId: inScope });
    can('read', 'IndicatorActual', { unitId: inScope });
  }
  // Only the unit itself writes its reports and requests; units above it read them.
  can('manage', 'ProgressReport', { unitId: p.unitId });
  can('manage', 'ExtensionRequest', { unitId: p.unitId });
  can('manage', 'AnnualReport', { unitId: p.unitId });
  // Reading accounts; what may be done to one is decided by the grant table (account-grants.ts).
  if (p.roles.includes('office_admin') || p.roles.includes('system_admin')) {
    can('read', 'User');
  } else if (p.roles.includes('unit_head')) {
    can('read', 'User', { unitId: p.unitId });
  } else {
    can('read', 'User', { id: p.userId });
  }
  return build();
}
