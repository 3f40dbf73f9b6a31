import type { Role } from '../generated/prisma/enums.js';

/** What a route requires. Every route names one, or is marked public: see auth/decorators.ts. */
export enum Permission {
  Self = 'self',
  PlansRead = 'plans:read',
  PlansWrite = 'plans:write',
  ImportsWrite = 'imports:write',
  UnitsRead = 'units:read',
  UnitsWrite = 'units:write',
  WorkItemsRead = 'work-items:read',
  UsersRead = 'users:read',
  UsersWrite = 'users:write',
  AuditRead = 'audit:read',
  AuditVerify = 'audit:verify',
  ReportsRead = 'reports:read',
  /** Fill in the unit's own reports and contributions. */
  ReportsWrite = 'reports:write',
  /** Sign off what leaves the unit. */
  ReportsSignOff = 'reports:sign-off',
  /** Accept, return and reopen: reports (the office) and contributions (the head of the item's lead unit, or the office). */
  ReportsReview = 'reports:review',
  /** Reporting cadence, periods, traffic-light rules. */
  PeriodsManage = 'periods:manage',
  ExtensionsRequest = 'extensions:request',
  ExtensionsDecide = 'extensions:decide',
  DashboardRead = 'dashboard:read',
  /** Units' robots, the delivery dead letters (the office). */
  NotificationsManage = 'notifications:manage',
  /** Reminder rules, mutes and the preview (the office). */
  RemindersManage = 'reminders:manage',
  /** Issue, return and close supervision notices (督办单): the office. */
  NoticesIssue = 'notices:issue',
  /** Acknowledge (签收) and answer a notice addressed to the unit: its head. */
  NoticesRespond = 'notices:respond',
  /** The BullMQ queue dashboard (bull-board): system administrators only, not the office. */
  QueuesDashboard = 'queues:dashboard',
  /** The office's year-end work: open cycles, set obligations, accept annual reports, keep the indicator catalogue, verify actuals, finalise the summary. */
  YearEndManage = 'year-end:manage',
  /** Assessment schemes, rounds and sheets, each read through its own scope (a unit: its own sheet). */
  AssessmentRead = 'assessment:read',
  /** Define schemes, run rounds, adjust scores, decide appeals, record outcomes: the office. */
  AssessmentManage = 'assessment:manage',
  /** A unit's self-assessment (自评) and appeals (申诉) on its own sheet. */
  AssessmentSelf = 'assessment:self',
  /** Score the criteria and units assigned to the caller (互评、第三方评估). */
  AssessmentEvaluate = 'assessment:evaluate',
}

const READ = [
  Permission.Self,
  Permission.PlansRead,
  Permission.UnitsRead,
  Permission.WorkItemsRead,
  Permission.AuditRead,
  Permission.ReportsRead,
  Permission.DashboardRead,
  Permission.AssessmentRead,
];
const UNIT_WORK = [Permission.ReportsWrite, Permission.ExtensionsRequest, Permission.AssessmentSelf];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  system_admin: Object.values(Permission),
  office_admin: Object.values(Permission).filter((p) => p !== Permission.QueuesDashboard),
  leader: READ,
  evaluator: [...READ, Permission.AssessmentEvaluate],
  unit_head: [...READ, ...UNIT_WORK, Permission.ReportsSignOff, Permission.ReportsReview, Permission.UsersRead, Permission.UsersWrite, Permission.NoticesRespond],
  unit_reporter: [...READ, ...UNIT_WORK],
};

/** Roles whose data scope is the whole plan rather than their own unit. */
export const PLAN_WIDE_ROLES: Role[] = ['system_admin', 'office_admin', 'leader', 'evaluator'];

export function hasPermission(roles: Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
