import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, DEMO_PASSWORD, tokenFor, type TestApp } from './app.js';

/**
 * A city the system has never seen: only its own unit and the office exist. The office imports the city's
 * list, accepts the proposals, commits; a user of a unit created that way logs in and sees its items.
 * The demo's Yinchuan units are in the same database: another city's 市发改委 must never bind to them.
 */
const NEW_CITY_TABLE = [
  '序号,主要工作,牵头单位,配合单位,完成时限',
  '1,推进煤电机组节能降碳改造。,市发改委,市工信局、大武口区人民政府,2026年12月31日',
  '2,建设公共充电基础设施。,市交通运输局,市发改委、惠农区人民政府,2027年6月30日',
  '3,开展绿色建筑创建行动。,市住房城乡建设局,市发改委,持续推进',
].join('\n');

describe('onboarding a new jurisdiction in the import itself', () => {
  let t: TestApp;
  let office: ReturnType<typeof asUser>;
  let officeToken: string;
  let cityId: string;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
    officeToken = await tokenFor(t, 'office');
    office = asUser(t, officeToken);
    const province = await t.prisma.unit.findFirstOrThrow({ where: { name: '宁夏回族自治区' } });
    cityId = (await office.post('/api/v1/units', { name: '石嘴山市', kind: 'city', level: 'city', parentId: province.id }).expect(201)).body.id;
    planId = (await office.post('/api/v1/plans', { title: '石嘴山市碳达峰实施方案', jurisdictionId: cityId, horizonStartYear: 2021, horizonEndYear: 2030 }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const upload = (body: string | Buffer, dryRun: boolean, fields: Record<string, string> = {}, name = 'list.csv') => {
    const req = request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=${dryRun}`).set('authorization', officeToken).attach('file', Buffer.from(body), name);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req;
  };

  it('the dry run proposes a unit for every unknown name, of this city, never the Yinchuan ones', async () => {
    const dry = (await upload(NEW_CITY_TABLE, true).expect(201)).body;
    const byName = Object.fromEntries(dry.summary.unknownUnits.map((u: { name: string }) => [u.name, u]));
    expect(Object.keys(byName).sort()).toEqual(['大武口区人民政府', '市交通运输局', '市住房城乡建设局', '市发改委', '市工信局', '惠农区人民政府'].sort());
    expect(byName['市发改委']).toMatchObject({ action: 'create', kind: 'department', parent: { relation: 'jurisdiction', id: cityId } });
    expect(byName['大武口区人民政府']).toMatchObject({ action: 'create', kind: 'county' });
    // Yinchuan's 市发改委 exists, but not in this city: no alias proposed to it.
    expect(dry.summary.unknownUnits.some((u: { aliasOf?: unknown }) => u.aliasOf)).toBe(false);
  });

  it('a dry run with decisions shows what the commit would see, and writes nothing', async () => {
    const units = await t.prisma.unit.count();
    const events = await t.prisma.auditEvent.count();
    const dry = (await upload(NEW_CITY_TABLE, true, { onboarding: JSON.stringify({ acceptAll: true }) }).expect(201)).body;
    expect(dry.summary).toMatchObject({ unknownNames: [], errors: 0 });
    expect(dry.rows[0].lead).toMatchObject({ name: '市发改委', status: 'matched' });
    expect(await t.prisma.unit.count()).toBe(units);
    expect(await t.prisma.auditEvent.count()).toBe(events);
  });

  it('a commit without decisions is refused with the proposals, and writes nothing', async () => {
    const units = await t.prisma.unit.count();
    const refused = await upload(NEW_CITY_TABLE, false).expect(422);
    expect(refused.body).toMatchObject({ code: 'IMPORT.ROW_ERRORS', proposals: expect.arrayContaining([expect.objectContaining({ name: '市发改委' })]) });
    expect(await t.prisma.unit.count()).toBe(units);
    expect(await t.prisma.workItem.count({ where: { planId } })).toBe(0);
  });

  it('accepting the proposals commits units, aliases and items in one go; a unit user then sees its items', async () => {
    const committed = (await upload(NEW_CITY_TABLE, false, { onboarding: JSON.stringify({ acceptAll: true }) }).expect(201)).body;
    expect(committed.changes.onboarding.created.map((u: { name: string }) => u.name).sort()).toEqual(['大武口区人民政府', '市交通运输局', '市住房城乡建设局', '市发改委', '市工信局', '惠农区人民政府'].sort());
    expect(committed.changes.created).toHaveLength(3);
    const fgw = await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委', parentId: cityId } });
    expect(fgw.kind).toBe('department');
    expect(await t.prisma.unit.count({ where: { name: '市发改委' } })).toBe(2); // Yinchuan's and this city's
    const county = await t.prisma.unit.findFirstOrThrow({ where: { name: '大武口区人民政府', parentId: cityId } });
    expect(county.kind).toBe('county');
    expect(await t.prisma.auditEvent.count({ where: { action: 'unit.created', entityId: { in: [fgw.id, county.id] } } })).toBe(2);

    // Accounts for every unit of the plan in one step: a reporter and a head each, one-time passwords shown once.
    const accounts = (await office.post(`/api/v1/plans/${planId}/accounts`, {}).expect(201)).body;
    expect(accounts.created).toHaveLength(12);
    const reporter = accounts.created.find((a: { unitId: string; role: string }) => a.unitId === fgw.id && a.role === 'unit_reporter');
    expect(reporter).toMatchObject({ username: 'sfgw-tb', displayName: '市发改委填报员', password: expect.any(String) });
    expect((await office.post(`/api/v1/plans/${planId}/accounts`, {}).expect(201)).body).toMatchObject({ created: [], existing: expect.arrayContaining([expect.objectContaining({ username: 'sfgw-tb' })]) });
    const first = await request(t.http).post('/api/v1/auth/login').send({ username: reporter.username, password: reporter.password }).expect(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    await request(t.http).post('/api/v1/auth/password').set('authorization', `Bearer ${first.body.accessToken}`).send({ currentPassword: reporter.password, newPassword: DEMO_PASSWORD }).expect(204);
    const user = asUser(t, await tokenFor(t, reporter.username));
    const items = (await user.get(`/api/v1/work-items?planId=${planId}`).expect(200)).body.items;
    expect(items.map((i: { seq: string }) => i.seq)).toEqual(['1', '2', '3']);
    // The Yinchuan plan stays invisible to it.
    const yinchuan = (await user.get('/api/v1/work-items?pageSize=200').expect(200)).body.items;
    expect(yinchuan.every((i: { planId: string }) => i.planId === planId)).toBe(true);
  });

  it('an alias chosen once is remembered; a name marked as no unit is never proposed again', async () => {
    const corrected = NEW_CITY_TABLE.replace('市住房城乡建设局,市发改委', '市住房城乡建设局,市发展改革委、相关行业协会');
    const dry = (await upload(corrected, true).expect(201)).body;
    const byName = Object.fromEntries(dry.summary.unknownUnits.map((u: { name: string }) => [u.name, u]));
    expect(byName['市发展改革委']).toMatchObject({ action: 'alias', aliasOf: { name: '市发改委' } });
    expect(byName['市发展改革委'].aliasOf.id).toBe((await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委', parentId: cityId } })).id);
    const decisions = [
      { name: '市发展改革委', action: 'alias' },
      ...(byName['相关行业协会'] ? [{ name: '相关行业协会', action: 'not_unit' }] : []),
    ];
    await upload(corrected, false, { onboarding: JSON.stringify({ decisions }) }).expect(201);
    const again = (await upload(corrected, true).expect(201)).body;
    expect(again.summary.unknownUnits).toEqual([]);
    expect(again.summary.errors).toBe(0);
  });

  it('bad onboarding input is refused by field, nothing written', async () => {
    const units = await t.prisma.unit.count();
    const notJson = await upload(NEW_CITY_TABLE.replace('市发改委,市工信局', '市能源局,市工信局'), false, { onboarding: '{not json' }).expect(400);
    expect(notJson.body.errors[0].field).toMatch(/^onboarding/);
    const foreign = await upload(NEW_CITY_TABLE.replace('市发改委,市工信局', '市能源局,市工信局'), false, {
      onboarding: JSON.stringify({ decisions: [{ name: '市能源局', action: 'alias', aliasOf: (await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委', parent: { name: '银川市' } } })).id }] }),
    }).expect(400);
    expect(foreign.body).toMatchObject({ code: 'IMPORT.ALIAS_TARGET', errors: [{ field: 'onboarding.decisions[0].aliasOf' }] });
    const stranger = await upload(NEW_CITY_TABLE, false, { onboarding: JSON.stringify({ decisions: [{ name: '从未出现的名称', action: 'create', kind: 'department' }] }) }).expect(400);
    expect(stranger.body.errors[0].field).toBe('onboarding.decisions[0].name');
    expect(await t.prisma.unit.count()).toBe(units);
  });
});

describe('reviewer remarks in a draft become proposals the office decides', () => {
  let t: TestApp;
  let officeToken: string;
  let planId: string;
  const DRAFT = [
    '示范区碳达峰实施方案（初稿）',
    '二、重点任务',
    '（一）能源结构优化行动',
    '1.推进光伏发电开发。建设屋顶分布式光伏项目，到2025年装机达到20万千瓦。（区发改委、工信局、科技局建议删除）',
    '2.推动燃煤锅炉淘汰。2024年6月底前完成10蒸吨以下燃煤锅炉淘汰。（区生态环境分局、市场监管局建议为配合单位、发改委）',
  ].join('\n');

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app);
    officeToken = await tokenFor(t, 'office');
    const office = asUser(t, officeToken);
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    const district = (await office.post('/api/v1/units', { name: '示范区', kind: 'county', level: 'county', parentId: city.id }).expect(201)).body.id;
    planId = (await office.post('/api/v1/plans', { title: '示范区碳达峰实施方案（初稿）', jurisdictionId: district, horizonStartYear: 2021, horizonEndYear: 2030 }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('stores each remark on its assignment; accepting a removal ends it, a rejection keeps it with the reason', async () => {
    const commit = await request(t.http)
      .post(`/api/v1/plans/${planId}/imports?dryRun=false`)
      .set('authorization', officeToken)
      .field('onboarding', JSON.stringify({ acceptAll: true }))
      .attach('file', Buffer.from(DRAFT), '初稿.txt')
      .expect(201);
    expect(commit.body.changes.proposalsAdded).toBe(2);
    const office = asUser(t, officeToken);
    const proposals = (await office.get(`/api/v1/plans/${planId}/assignment-proposals?status=open`).expect(200)).body;
    expect(proposals.map((p: { unitName: string; kind: string; remark: string }) => [p.unitName, p.kind])).toEqual([
      ['区科技局', 'remove'],
      ['区市场监管局', 'to_supporting'],
    ]);
    // The unit is still assigned as listed until the office decides.
    const removal = proposals[0];
    const science = await t.prisma.assignment.findFirstOrThrow({ where: { workItemId: removal.workItemId, unitId: removal.unitId } });
    expect(science.endedAt).toBeNull();

    await office.post(`/api/v1/assignment-proposals/${removal.id}/accept`, { version: removal.version }).expect(200);
    expect((await t.prisma.assignment.findUniqueOrThrow({ where: { id: science.id } })).endedAt).not.toBeNull();
    await office.post(`/api/v1/assignment-proposals/${proposals[1].id}/reject`, { version: proposals[1].version }).expect(400);
    const rejected = await office.post(`/api/v1/assignment-proposals/${proposals[1].id}/reject`, { version: proposals[1].version, reason: '市场监管局承担锅炉能效监管，仍为牵头' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '市场监管局承担锅炉能效监管，仍为牵头', remark: expect.stringContaining('建议为配合单位') });
    await office.post(`/api/v1/assignment-proposals/${proposals[1].id}/accept`, { version: rejected.body.version }).expect(409);

    // Importing the same draft again adds no duplicate proposal.
    const again = await request(t.http)
      .post(`/api/v1/plans/${planId}/imports?dryRun=false`)
      .set('authorization', officeToken)
      .attach('file', Buffer.from(DRAFT), '初稿.txt')
      .expect(201);
    expect(again.body.changes.proposalsAdded).toBe(0);
    const history = (await office.get(`/api/v1/plans/${planId}/imports`).expect(200)).body;
    expect(history).toHaveLength(2);
  });
});
