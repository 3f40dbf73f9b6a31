// What each role may do, as the service decides it (src/access/permissions.ts). The console uses it
// only to show or hide screens and buttons; the service enforces every request on its own, so a
// drift shows a button that answers 403, never grants anything. e2e/permissions.spec.ts compares
// this table with the service's.
import type { Role } from '../api/views';

export type Permission =
  | 'self'
  | 'plans:read'
  | 'plans:write'
  | 'imports:write'
  | 'units:read'
  | 'units:write'
  | 'work-items:read'
  | 'users:read'
  | 'users:write'
  | 'audit:read'
  | 'audit:verify'
  | 'reports:read'
  | 'reports:write'
  | 'reports:sign-off'
  | 'reports:review'
  | 'periods:manage'
  | 'extensions:request'
  | 'extensions:decide'
  | 'dashboard:read'
  | 'notifications:manage'
  | 'reminders:manage'
  | 'notices:issue'
  | 'notices:respond'
  | 'queues:dashboard'
  | 'year-end:manage'
  | 'assessment:read'
  | 'assessment:manage'
  | 'assessment:self'
  | 'assessment:evaluate';

const ALL: Permission[] = [
  'self',
  'plans:read',
  'plans:write',
  'imports:write',
  'units:read',
  'units:write',
  'work-items:read',
  'users:read',
  'users:write',
  'audit:read',
  'audit:verify',
  'reports:read',
  'reports:write',
  'reports:sign-off',
  'reports:review',
  'periods:manage',
  'extensions:request',
  'extensions:decide',
  'dashboard:read',
  'notifications:manage',
  'reminders:manage',
  'notices:issue',
  'notices:respond',
  'queues:dashboard',
  'year-end:manage',
  'assessment:read',
  'assessment:manage',
  'assessment:self',
  'assessment:evaluate',
];
const READ: Permission[] = ['self', 'plans:read', 'units:read', 'work-items:read', 'audit:read', 'reports:read', 'dashboard:read', 'assessment:read'];
const UNIT_WORK: Permission[] = ['reports:write', 'extensions:request', 'assessment:self'];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  system_admin: ALL,
  // The queue dashboard is for system administrators only.
  office_admin: ALL.filter((p) => p !== 'queues:dashboard'),
  leader: READ,
  evaluator: [...READ, 'assessment:evaluate'],
  // A unit head reviews (receives or returns) the contributions supporting units send for the items it leads.
  unit_head: [...READ, ...UNIT_WORK, 'reports:sign-off', 'reports:review', 'users:read', 'users:write', 'notices:respond'],
  unit_reporter: [...READ, ...UNIT_WORK],
};

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}

/** Users who report for a unit (the office's own accounts do not fill in unit reports). */
export function isUnitUser(roles: readonly Role[]): boolean {
  return roles.includes('unit_head') || roles.includes('unit_reporter');
}
