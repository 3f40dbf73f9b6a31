import type { Role } from '../generated/prisma/enums.js';
import { accountRefusal, type AccountAction } from './account-grants.js';
import type { Principal } from './principal.js';

const UNIT = 'u-fgw';
const OTHER_UNIT = 'u-xingqing';
const actor = (role: Role): Principal => ({
  userId: `actor-${role}`,
  username: role,
  displayName: role,
  unitId: role === 'unit_head' || role === 'unit_reporter' ? UNIT : 'u-office',
  unitName: '',
  roles: [role],
  mustChangePassword: false,
  planWide: !['unit_head', 'unit_reporter'].includes(role),
  scopeUnitIds: [],
});
const ROLES: Role[] = ['system_admin', 'office_admin', 'leader', 'evaluator', 'unit_head', 'unit_reporter'];
const ACTIONS: AccountAction[] = ['create', 'edit', 'change_roles', 'disable', 'reset_password'];

/**
 * Every (actor role, target role, action) on an account of the actor's own unit (for unit heads) and of
 * another unit. ✓ = allowed. Same for every action except 'create' (the target is the new account) and
 * 'change_roles' (checked as granting the same role again): no action is allowed on an account the actor
 * could not have created.
 */
const MAY: Record<Role, Role[]> = {
  system_admin: ['system_admin', 'office_admin', 'leader', 'evaluator', 'unit_head', 'unit_reporter'],
  office_admin: ['leader', 'evaluator', 'unit_head', 'unit_reporter'],
  leader: [],
  evaluator: [],
  unit_head: ['unit_head', 'unit_reporter'],
  unit_reporter: [],
};

describe('account grants: actor role × target role × action', () => {
  for (const a of ROLES) {
    for (const target of ROLES) {
      for (const action of ACTIONS) {
        const want = MAY[a].includes(target);
        it(`${a} ${want ? 'may' : 'may not'} ${action} a ${target} of its unit`, () => {
          const t = { id: 'target', unitId: actor(a).unitId, roles: action === 'create' ? [] : [target] };
          const refusal = accountRefusal(actor(a), t, action, action === 'create' || action === 'change_roles' ? [target] : undefined);
          expect(refusal === null).toBe(want);
        });
      }
    }
  }

  it('a unit head reaches its own unit only', () => {
    const head = actor('unit_head');
    expect(accountRefusal(head, { id: 't', unitId: OTHER_UNIT, roles: ['unit_reporter'] }, 'reset_password')).toBe('只能管理本单位的账号');
    expect(accountRefusal(head, { unitId: OTHER_UNIT, roles: [] }, 'create', ['unit_reporter'])).toBe('只能管理本单位的账号');
  });

  it('nobody widens their own roles, disables or resets themselves through account management', () => {
    for (const role of ['system_admin', 'office_admin', 'unit_head'] as Role[]) {
      const me = actor(role);
      const self = { id: me.userId, unitId: me.unitId, roles: me.roles };
      expect(accountRefusal(me, self, 'change_roles', ['system_admin'])).not.toBeNull();
      expect(accountRefusal(me, self, 'disable')).not.toBeNull();
      expect(accountRefusal(me, self, 'reset_password')).not.toBeNull();
      expect(accountRefusal(me, self, 'edit')).toBeNull();
    }
  });

  it('an account with one role beyond reach is beyond reach, whatever else it has', () => {
    const office = actor('office_admin');
    expect(accountRefusal(office, { id: 't', unitId: UNIT, roles: ['unit_head', 'system_admin'] }, 'edit')).toContain('系统管理员');
    expect(accountRefusal(office, { id: 't', unitId: UNIT, roles: ['unit_reporter'] }, 'change_roles', ['office_admin'])).toContain('领导小组办公室管理员');
  });
});
