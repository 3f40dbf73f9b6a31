import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DEMO_SCHEME } from '../src/assessment/assessment-demo.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';
import { expectValidationRefused } from './support/refusal.js';

/**
 * Validation rules that each have a test of their own: the years a date may name, dryRun's message on the
 * import routes, and the lists that refuse the same value twice. Every refusal is problem+json naming the field
 * path, and leaves the stored state as it was: a list that slipped through would be stored with its duplicate
 * (roles, synonyms, reminder days) or quietly collapsed by the database (evaluator assignments).
 */
describe('dates in range, dryRun, and lists without duplicates', () => {
  // A fixed day: the assessment year and the work item's deadline do not drift with the calendar.
  const clock = new TestClock(new Date('2026-06-15T02:00:00Z'));
  let t: TestApp;
  let planId: string;
  let office: ReturnType<typeof asUser>;
  let officeToken: string;
  let fgw: ReturnType<typeof asUser>;
  let fgwUnit: string;


  beforeAll(async () => {
    t = await createTestApp({ clock });
    planId = (await seedDemo(t.app)).planId;
    officeToken = await tokenFor(t, 'office');
    office = asUser(t, officeToken);
    fgw = asUser(t, await tokenFor(t, 'fgw'));
    fgwUnit = (await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委' } })).id;
  });
  afterAll(() => t.close());

  it('a date before 1900 or after 2200 is refused naming the years allowed; the years themselves are accepted', async () => {
    const item = (await t.prisma.workItem.findFirstOrThrow({ where: { planId, seq: '1' } })).id;
    const ask = (requestedDate: string) => fgw.post(`/api/v1/work-items/${item}/extensions`, { reason: '资金下达推迟，需要延期', requestedDate });
    for (const requestedDate of ['1899-12-31', '0001-01-01', '2201-01-01', '9999-12-31']) {
      expectValidationRefused(await ask(requestedDate), [{ field: 'requestedDate', message: '须为 1900 至 2200 年间的有效日期，格式 YYYY-MM-DD（如 2026-06-30）' }]);
    }
    expect(await t.prisma.extensionRequest.count({ where: { workItemId: item } })).toBe(0);
    // 1900-01-01 passes the door and meets the service's own rule (not later than the deadline), so the range
    // is what refused 1899, not the order of dates.
    const early = await ask('1900-01-01').expect(400);
    expect(early.body).toMatchObject({ code: 'EXTENSION.NOT_LATER', errors: [{ field: 'requestedDate', message: '不晚于现有期限' }] });
    await ask('2200-12-31').expect(201);
    expect(await t.prisma.extensionRequest.count({ where: { workItemId: item } })).toBe(1);
  });

  it('a dryRun that is not true or false is refused on both import routes, the message not repeating the field', async () => {
    const table = readFileSync('prisma/demo/yinchuan-task-division.csv');
    const actuals = Buffer.from(['指标,年份,单位,实际值（万千瓦）,数据来源,备注', '新能源发电装机规模,2026,银川市,530,统计部门,'].join('\n'));
    const runsBefore = (await office.get(`/api/v1/plans/${planId}/imports`).expect(200)).body.length;
    const actualsBefore = await t.prisma.indicatorActual.count();
    for (const dryRun of ['yes', '1', 'False']) {
      const imports = await request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=${dryRun}`).set('authorization', officeToken).attach('file', table, 'table.csv');
      const indicatorActuals = await request(t.http).post(`/api/v1/plans/${planId}/indicator-actuals/import?dryRun=${dryRun}`).set('authorization', officeToken).attach('file', actuals, 'actuals.csv');
      for (const res of [imports, indicatorActuals]) {
        expectValidationRefused(res, [{ field: 'dryRun', message: '只能是 true 或 false' }]);
        // The detail puts the field before the message: a message that named it too would say "dryRun dryRun …".
        expect(res.body.detail).toBe('请求参数无效：dryRun 只能是 true 或 false');
      }
    }
    expect((await office.get(`/api/v1/plans/${planId}/imports`).expect(200)).body).toHaveLength(runsBefore);
    expect(await t.prisma.indicatorActual.count()).toBe(actualsBefore);
  });

  it('a new user with the same role twice is refused naming roles, and no account is created', async () => {
    const res = await office.post('/api/v1/users', { username: 'fgw-twice', displayName: '重复角色账号', unitId: fgwUnit, roles: ['unit_reporter', 'unit_reporter'], password: 'Initial-pass-2026' });
    expectValidationRefused(res, [{ field: 'roles', message: '不能有重复项' }]);
    expect(await t.prisma.user.count({ where: { username: 'fgw-twice' } })).toBe(0);
  });

  it("a user's roles changed to the same role twice are refused naming roles, and the user keeps the old roles", async () => {
    const id = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'fgw' } })).id;
    const before = (await office.get(`/api/v1/users/${id}`).expect(200)).body;
    const res = await office.patch(`/api/v1/users/${id}`, { rowVersion: before.rowVersion, roles: ['unit_head', 'unit_reporter', 'unit_head'] });
    expectValidationRefused(res, [{ field: 'roles', message: '不能有重复项' }]);
    const after = (await office.get(`/api/v1/users/${id}`).expect(200)).body;
    expect(after.roles).toEqual(['unit_reporter']);
    expect(after.rowVersion).toBe(before.rowVersion);
  });

  it('accounts provisioned for the same role twice are refused naming roles, and no account is created', async () => {
    const users = await t.prisma.user.count();
    expectValidationRefused(await office.post(`/api/v1/plans/${planId}/accounts`, { roles: ['unit_head', 'unit_head'] }), [{ field: 'roles', message: '不能有重复项' }]);
    expect(await t.prisma.user.count()).toBe(users);
  });

  it('indicator synonyms with the same name twice are refused naming synonyms, on creation and on change', async () => {
    const created = await office.post(`/api/v1/plans/${planId}/indicators`, { name: '森林覆盖率', direction: 'higher', synonyms: ['森林覆盖面积比例', '森林覆盖面积比例'] });
    expectValidationRefused(created, [{ field: 'synonyms', message: '不能有重复项' }]);
    expect((await office.get(`/api/v1/plans/${planId}/indicators`).expect(200)).body.map((i: { name: string }) => i.name)).not.toContain('森林覆盖率');

    const id = (await office.post(`/api/v1/plans/${planId}/indicators`, { name: '森林蓄积量', unit: '万立方米', direction: 'higher', synonyms: ['活立木蓄积量'] }).expect(201)).body.id;
    const changed = await office.patch(`/api/v1/indicators/${id}`, { synonyms: ['森林蓄积', '森林蓄积'] });
    expectValidationRefused(changed, [{ field: 'synonyms', message: '不能有重复项' }]);
    const stored = (await office.get(`/api/v1/plans/${planId}/indicators`).expect(200)).body.find((i: { id: string }) => i.id === id);
    expect(stored.synonyms).toEqual(['活立木蓄积量']);
  });

  describe('evaluator assignments', () => {
    let roundId: string;
    let evaluatorId: string;
    const evaluations = async () => (await asUser(t, await tokenFor(t, 'evaluator')).get(`/api/v1/assessment-rounds/${roundId}/my-evaluations`).expect(200)).body;

    beforeAll(async () => {
      await office.post(`/api/v1/plans/${planId}/assessment-schemes`, { ...DEMO_SCHEME, name: '2026年度碳达峰工作年度考核方案', year: 2026 }).expect(201);
      roundId = (await office.post(`/api/v1/plans/${planId}/assessment-rounds`, { year: 2026 }).expect(201)).body.id;
      evaluatorId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'evaluator' } })).id;
    });

    it('the same unit twice is refused naming unitIds, and nothing is assigned', async () => {
      const res = await office.post(`/api/v1/assessment-rounds/${roundId}/evaluators`, { userId: evaluatorId, unitIds: [fgwUnit, fgwUnit], criterionKeys: ['quality'] });
      expectValidationRefused(res, [{ field: 'unitIds', message: '不能有重复项' }]);
      expect(await evaluations()).toEqual([]);
    });

    it('the same criterion twice is refused naming criterionKeys, and nothing is assigned', async () => {
      const res = await office.post(`/api/v1/assessment-rounds/${roundId}/evaluators`, { userId: evaluatorId, unitIds: [fgwUnit], criterionKeys: ['quality', 'quality'] });
      expectValidationRefused(res, [{ field: 'criterionKeys', message: '不能有重复项' }]);
      expect(await evaluations()).toEqual([]);
    });

    it('the same lists without the duplicate are assigned: the empty answers above were not blind', async () => {
      await office.post(`/api/v1/assessment-rounds/${roundId}/evaluators`, { userId: evaluatorId, unitIds: [fgwUnit], criterionKeys: ['quality'] }).expect(201);
      expect(await evaluations()).toHaveLength(1);
    });
  });

  it('reminder days with the same day twice are refused naming the nested list, and the rules stay as they were', async () => {
    const rules = (await office.get(`/api/v1/plans/${planId}/reminder-rules`).expect(200)).body;
    const res = await office.put(`/api/v1/plans/${planId}/reminder-rules`, { ...rules, reportDue: { enabled: true, daysBefore: [7, 3, 3] }, deadline: { ...rules.deadline, daysAfter: [1, 1] } });
    // The reminder DTO gives its own messages, which leave naming the list to the field path.
    expectValidationRefused(res, [
      { field: 'reportDue.daysBefore', message: '天数不能重复' },
      { field: 'deadline.daysAfter', message: '天数不能重复' },
    ]);
    expect((await office.get(`/api/v1/plans/${planId}/reminder-rules`).expect(200)).body).toEqual(rules);
  });
});
