import type { Role } from '../generated/prisma/enums.js';
import type { Principal } from './principal.js';

/**
 * Who may hand out which role: the one table account management follows. Nobody may grant a role they could
 * not hold power over, and an administrator's powers never reach an account that has more than they may grant:
 * the office manages leaders, evaluators and units' accounts, not its peers nor the system administrator.
 */
export const GRANTABLE: Record<Role, readonly Role[]> = {
  system_admin: ['system_admin', 'office_admin', 'leader', 'evaluator', 'unit_head', 'unit_reporter'],
  office_admin: ['leader', 'evaluator', 'unit_head', 'unit_reporter'],
  unit_head: ['unit_head', 'unit_reporter'],
  leader: [],
  evaluator: [],
  unit_reporter: [],
};

/** Roles whose account powers reach every unit; the others only their own unit. */
const EVERY_UNIT: readonly Role[] = ['system_admin', 'office_admin'];

export type AccountAction = 'create' | 'edit' | 'change_roles' | 'disable' | 'reset_password';

export interface AccountTarget {
  id?: string;
  unitId: string;
  roles: readonly Role[];
}

export function grantableBy(actor: Pick<Principal, 'roles'>): Set<Role> {
  return new Set(actor.roles.flatMap((r) => GRANTABLE[r]));
}

/**
 * Why the actor may not do this to the account, or null when it may. `roles` are the roles the account
 * would have afterwards (create, change_roles). An account is only ever within reach when every role it has
 * (and will have) is grantable by the actor, and its unit is within the actor's reach.
 */
export function accountRefusal(actor: Principal, target: AccountTarget, action: AccountAction, roles?: readonly Role[]): string | null {
  // One's own display name, yes; one's own powers, never through account management.
  if (target.id && target.id === actor.userId) return action === 'edit' ? null : '不能修改自己的角色、停用自己或重置自己的密码（修改密码请使用“修改密码”）';
  const grantable = grantableBy(actor);
  if (grantable.size === 0) return '无权管理账号';
  if (!actor.roles.some((r) => EVERY_UNIT.includes(r)) && target.unitId !== actor.unitId) return '只能管理本单位的账号';
  const beyond = [...target.roles, ...(roles ?? [])].filter((r) => !grantable.has(r));
  if (beyond.length) return `无权${action === 'create' ? '创建' : '管理'}具有「${[...new Set(beyond)].map((r) => ROLE_NAMES[r]).join('、')}」角色的账号`;
  return null;
}

export const ROLE_NAMES: Record<Role, string> = {
  system_admin: '系统管理员',
  office_admin: '领导小组办公室管理员',
  leader: '领导',
  evaluator: '评估人员',
  unit_head: '单位负责人',
  unit_reporter: '单位填报员',
};
