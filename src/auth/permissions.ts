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
}

const READ = [Permission.Self, Permission.PlansRead, Permission.UnitsRead, Permission.WorkItemsRead, Permission.AuditRead];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  system_admin: Object.values(Permission),
  office_admin: Object.values(Permission),
  leader: READ,
  evaluator: READ,
  unit_head: [...READ, Permission.UsersRead, Permission.UsersWrite],
  unit_reporter: READ,
};

/** Roles whose data scope is the whole plan rather than their own unit. */
export const PLAN_WIDE_ROLES: Role[] = ['system_admin', 'office_admin', 'leader', 'evaluator'];

export function hasPermission(roles: Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
