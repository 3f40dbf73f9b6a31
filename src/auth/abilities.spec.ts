import { subject } from '@casl/ability';
import type { Role } from '../generated/prisma/enums.js';
import { defineAbilityFor } from './abilities.js';
import { hasPermission, Permission, PLAN_WIDE_ROLES } from './permissions.js';
import type { Principal } from './principal.js';

// Units: the city department 发改委, the county 兴庆区 with a town below it, and another county 金凤区.
const FGW = 'u-fgw';
const XINGQING = 'u-xingqing';
const TOWN = 'u-xingqing-town';
const JINFENG = 'u-jinfeng';

function principal(roles: Role[], unitId: string, below: string[] = []): Principal {
  const planWide = roles.some((r) => PLAN_WIDE_ROLES.includes(r));
  return { userId: `user-${unitId}-${roles.join()}`, username: 'u', displayName: 'u', unitId, roles, mustChangePassword: false, planWide, scopeUnitIds: planWide ? [] : [unitId, ...below] };
}

const item = (...assignments: { unitId: string; role: 'lead' | 'supporting'; source?: string }[]) => subject('WorkItem', { id: 'w', assignments } as never);

describe('work-item read scope (role × relation to the unit)', () => {
  const relations = {
    leads: item({ unitId: XINGQING, role: 'lead' }),
    supports: item({ unitId: FGW, role: 'lead' }, { unitId: XINGQING, role: 'supporting' }),
    'supports through a collective fan-out': item({ unitId: FGW, role: 'lead' }, { unitId: XINGQING, role: 'supporting', source: 'fanout' }),
    'a unit below it leads': item({ unitId: TOWN, role: 'lead' }),
    'another unit only': item({ unitId: JINFENG, role: 'lead' }, { unitId: FGW, role: 'supporting' }),
  };
  const table: [string, Principal, Record<keyof typeof relations, boolean>][] = [
    ['office admin', principal(['office_admin'], 'u-office'), { leads: true, supports: true, 'supports through a collective fan-out': true, 'a unit below it leads': true, 'another unit only': true }],
    ['leader', principal(['leader'], 'u-city'), { leads: true, supports: true, 'supports through a collective fan-out': true, 'a unit below it leads': true, 'another unit only': true }],
    ['evaluator', principal(['evaluator'], 'u-third-party'), { leads: true, supports: true, 'supports through a collective fan-out': true, 'a unit below it leads': true, 'another unit only': true }],
    ['county reporter', principal(['unit_reporter'], XINGQING, [TOWN]), { leads: true, supports: true, 'supports through a collective fan-out': true, 'a unit below it leads': true, 'another unit only': false }],
    ['county head', principal(['unit_head'], XINGQING, [TOWN]), { leads: true, supports: true, 'supports through a collective fan-out': true, 'a unit below it leads': true, 'another unit only': false }],
    ['town reporter', principal(['unit_reporter'], TOWN), { leads: false, supports: false, 'supports through a collective fan-out': false, 'a unit below it leads': true, 'another unit only': false }],
  ];
  for (const [who, p, expected] of table) {
    for (const [relation, subjectItem] of Object.entries(relations)) {
      const want = expected[relation as keyof typeof relations];
      it(`${who} ${want ? 'reads' : 'does not read'} an item that ${relation}`, () => {
        expect(defineAbilityFor(p).can('read', subjectItem)).toBe(want);
      });
    }
  }
});

describe('user management scope', () => {
  const user = (unitId: string, id = `x-${unitId}`) => subject('User', { id, unitId } as never);
  it.each([
    ['office admin', principal(['office_admin'], 'u-office'), user(XINGQING), true],
    ['unit head, own unit', principal(['unit_head'], XINGQING), user(XINGQING), true],
    ['unit head, another unit', principal(['unit_head'], XINGQING), user(JINFENG), false],
    ['reporter, own unit', principal(['unit_reporter'], XINGQING), user(XINGQING), false],
    ['leader', principal(['leader'], 'u-city'), user(XINGQING), false],
  ])('%s manages: %s', (_who, p, target, want) => {
    expect(defineAbilityFor(p).can('manage', target)).toBe(want);
  });

  it('a reporter reads only itself', () => {
    const p = principal(['unit_reporter'], XINGQING);
    expect(defineAbilityFor(p).can('read', user(XINGQING, p.userId))).toBe(true);
    expect(defineAbilityFor(p).can('read', user(XINGQING))).toBe(false);
  });
});

describe('route permissions per role', () => {
  const roles: Role[] = ['system_admin', 'office_admin', 'leader', 'unit_head', 'unit_reporter', 'evaluator'];
  const expected: Record<Permission, Role[]> = {
    [Permission.Self]: roles,
    [Permission.PlansRead]: roles,
    [Permission.UnitsRead]: roles,
    [Permission.WorkItemsRead]: roles,
    [Permission.AuditRead]: roles,
    [Permission.PlansWrite]: ['system_admin', 'office_admin'],
    [Permission.ImportsWrite]: ['system_admin', 'office_admin'],
    [Permission.UnitsWrite]: ['system_admin', 'office_admin'],
    [Permission.AuditVerify]: ['system_admin', 'office_admin'],
    [Permission.UsersRead]: ['system_admin', 'office_admin', 'unit_head'],
    [Permission.UsersWrite]: ['system_admin', 'office_admin', 'unit_head'],
  };
  for (const permission of Object.values(Permission)) {
    it(`${permission}: ${expected[permission].join(', ')}`, () => {
      expect(roles.filter((r) => hasPermission([r], permission))).toEqual(expected[permission]);
    });
  }
});
