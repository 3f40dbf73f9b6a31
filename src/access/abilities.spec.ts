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
  return { userId: `user-${unitId}-${roles.join()}`, username: 'u', displayName: 'u', unitId, unitName: unitId, roles, mustChangePassword: false, planWide, scopeUnitIds: planWide ? [] : [unitId, ...below] };
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

describe('account reading scope', () => {
  const user = (unitId: string, id = `x-${unitId}`) => subject('User', { id, unitId } as never);
  it.each([
    ['office admin', principal(['office_admin'], 'u-office'), user(XINGQING), true],
    ['unit head, own unit', principal(['unit_head'], XINGQING), user(XINGQING), true],
    ['unit head, another unit', principal(['unit_head'], XINGQING), user(JINFENG), false],
    ['reporter, own unit', principal(['unit_reporter'], XINGQING), user(XINGQING), false],
    ['leader', principal(['leader'], 'u-city'), user(XINGQING), false],
  ])('%s reads: %s', (_who, p, target, want) => {
    expect(defineAbilityFor(p).can('read', target)).toBe(want);
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
    [Permission.ReportsRead]: roles,
    [Permission.DashboardRead]: roles,
    [Permission.ReportsWrite]: ['system_admin', 'office_admin', 'unit_head', 'unit_reporter'],
    [Permission.ExtensionsRequest]: ['system_admin', 'office_admin', 'unit_head', 'unit_reporter'],
    [Permission.ReportsSignOff]: ['system_admin', 'office_admin', 'unit_head'],
    [Permission.ReportsReview]: ['system_admin', 'office_admin', 'unit_head'],
    [Permission.PeriodsManage]: ['system_admin', 'office_admin'],
    [Permission.ExtensionsDecide]: ['system_admin', 'office_admin'],
    [Permission.UsersRead]: ['system_admin', 'office_admin', 'unit_head'],
    [Permission.UsersWrite]: ['system_admin', 'office_admin', 'unit_head'],
    [Permission.NotificationsManage]: ['system_admin', 'office_admin'],
    [Permission.RemindersManage]: ['system_admin', 'office_admin'],
    [Permission.NoticesIssue]: ['system_admin', 'office_admin'],
    [Permission.NoticesRespond]: ['system_admin', 'office_admin', 'unit_head'],
    [Permission.QueuesDashboard]: ['system_admin'],
    [Permission.YearEndManage]: ['system_admin', 'office_admin'],
    [Permission.AssessmentRead]: roles,
    [Permission.AssessmentManage]: ['system_admin', 'office_admin'],
    [Permission.AssessmentSelf]: ['system_admin', 'office_admin', 'unit_head', 'unit_reporter'],
    [Permission.AssessmentEvaluate]: ['system_admin', 'office_admin', 'evaluator'],
  };
  for (const permission of Object.values(Permission)) {
    it(`${permission}: ${expected[permission].join(', ')}`, () => {
      expect(roles.filter((r) => hasPermission([r], permission))).toEqual(expected[permission]);
    });
  }
});

describe('progress-report scope', () => {
  const report = (unitId: string, kind: 'report' | 'contribution', leadUnit: string) =>
    subject('ProgressReport', { id: 'r', unitId, kind, workItem: { assignments: [{ unitId: leadUnit, role: 'lead' }] } } as never);
  const county = principal(['unit_reporter'], XINGQING, [TOWN]);
  it.each([
    ['its own report', report(XINGQING, 'report', XINGQING), true, true],
    ['its own contribution', report(XINGQING, 'contribution', FGW), true, true],
    ['a contribution to an item it leads', report(JINFENG, 'contribution', XINGQING), true, false],
    ['a report of a unit below it', report(TOWN, 'report', TOWN), true, false],
    ['another county’s report', report(JINFENG, 'report', JINFENG), false, false],
    ['another unit’s contribution to an item it does not lead', report(JINFENG, 'contribution', FGW), false, false],
  ])('a county reporter and %s', (_what, target, reads, writes) => {
    expect(defineAbilityFor(county).can('read', target)).toBe(reads);
    expect(defineAbilityFor(county).can('manage', target)).toBe(writes);
  });

  it('the office reads every report but writes none of a unit’s', () => {
    const office = principal(['office_admin'], 'u-office');
    expect(defineAbilityFor(office).can('read', report(JINFENG, 'report', JINFENG))).toBe(true);
    expect(defineAbilityFor(office).can('manage', report(JINFENG, 'report', JINFENG))).toBe(false);
  });
});

describe('annual-report scope: a unit reads its own and those below it, writes only its own', () => {
  const report = (unitId: string) => subject('AnnualReport', { id: 'a', unitId } as never);
  const table: [string, Principal, Record<string, [boolean, boolean]>][] = [
    ['office admin', principal(['office_admin'], 'u-office'), { own: [true, false], xingqing: [true, false], town: [true, false] }],
    ['county reporter', principal(['unit_reporter'], XINGQING, [TOWN]), { own: [false, false], xingqing: [true, true], town: [true, false] }],
    ['other county head', principal(['unit_head'], JINFENG), { own: [false, false], xingqing: [false, false], town: [false, false] }],
  ];
  const rows: Record<string, string> = { own: 'u-office-x', xingqing: XINGQING, town: TOWN };
  for (const [who, p, expected] of table) {
    for (const [rel, [read, manage]] of Object.entries(expected)) {
      it(`${who} × ${rel}: read ${read}, manage ${manage}`, () => {
        const ability = defineAbilityFor(p);
        expect(ability.can('read', report(rows[rel]))).toBe(read);
        expect(ability.can('manage', report(rows[rel]))).toBe(manage);
      });
    }
  }
});
