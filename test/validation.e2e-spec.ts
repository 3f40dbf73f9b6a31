import { seedDemo } from '../src/demo/demo-seed.js';
import request from 'supertest';
import { asUser, createTestApp, tokenFor, type TestApp } from './app.js';

/** Values the database would reject or silently change are refused at the door, naming the field. */
describe('dates and numbers are validated, never rolled over', () => {
  let t: TestApp;
  let office: ReturnType<typeof asUser>;
  let fgw: ReturnType<typeof asUser>;
  let fgwToken: string;
  let item: string;
  let report: string;

  beforeAll(async () => {
    t = await createTestApp();
    const { planId } = await seedDemo(t.app);
    office = asUser(t, await tokenFor(t, 'office'));
    fgwToken = await tokenFor(t, 'fgw');
    fgw = asUser(t, fgwToken);
    item = (await t.prisma.workItem.findFirstOrThrow({ where: { planId, seq: '1' } })).id;
    await office.put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    const period = (await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 4 }).expect(201)).body.id;
    report = (await t.prisma.progressReport.findFirstOrThrow({ where: { periodId: period, unit: { name: '市发改委' }, kind: 'report' } })).id;
  });
  afterAll(() => t.close());

  it('2031-02-30 is refused, not stored as 2031-03-02', async () => {
    for (const requestedDate of ['2031-02-30', '2031-13-01', '2031-2-3', '二〇三一年']) {
      const res = await fgw.post(`/api/v1/work-items/${item}/extensions`, { reason: '资金下达推迟，需要延期', requestedDate }).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'requestedDate' })]);
    }
    expect(await t.prisma.extensionRequest.count()).toBe(0);
    await fgw.post(`/api/v1/work-items/${item}/extensions`, { reason: '资金下达推迟，需要延期', requestedDate: '2032-02-29' }).expect(201);
  });

  it('a missing or mistyped value is told so, not about a limit it did not reach', async () => {
    const login = async (body: object) => (await request(t.http).post('/api/v1/auth/login').send(body).expect(400)).body.errors;
    expect(await login({ username: null, password: 'x' })).toEqual([{ field: 'username', message: '必填' }]);
    expect(await login({ password: 'x' })).toEqual([{ field: 'username', message: '必填' }]);
    expect(await login({ username: ['office'], password: 'x' })).toEqual([{ field: 'username', message: '须为文本' }]);
    const save = async (body: object) => (await fgw.put(`/api/v1/reports/${report}`, { version: 1, status: 'on_track', percent: 50, done: '推进中', ...body }).expect(400)).body.errors;
    expect(await save({ percent: '50' })).toEqual([{ field: 'percent', message: '须为整数' }]);
    expect(await save({ percent: null })).toEqual([{ field: 'percent', message: '必填' }]);
    expect(await save({ done: 123 })).toEqual([{ field: 'done', message: '须为文本' }]);
    // A value of the right type is still told its limit.
    expect(await save({ percent: 150 })).toEqual([{ field: 'percent', message: '不能大于 100' }]);
  });

  it('the same id or name twice in a list is refused by name, not stored twice or left to a database constraint', async () => {
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    const fgwUnit = await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委' } });
    const plan = await office
      .post('/api/v1/plans', { title: '重复配合单位示例方案', jurisdictionId: city.id, horizonStartYear: 2026, horizonEndYear: 2030, implicitSupportingUnitIds: [fgwUnit.id, fgwUnit.id] })
      .expect(400);
    expect(plan.body.errors).toEqual([{ field: 'implicitSupportingUnitIds', message: '不能有重复项' }]);
    const unit = await office.post('/api/v1/units', { name: '市重复别名局', kind: 'department', parentId: city.id, aliases: ['别名一', '别名一'] }).expect(400);
    expect(unit.body.errors).toEqual([{ field: 'aliases', message: '不能有重复项' }]);
    expect(await t.prisma.unit.count({ where: { name: '市重复别名局' } })).toBe(0);
  });

  it('a record that already exists is refused naming the values that clash', async () => {
    const fgwUnit = await t.prisma.unit.findFirstOrThrow({ where: { name: '市发改委' } });
    const res = await office
      .post('/api/v1/users', { username: 'fgw', displayName: '同名账号', unitId: fgwUnit.id, roles: ['unit_reporter'], password: 'Initial-pass-2026' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT.DUPLICATE', detail: expect.stringContaining('username'), errors: [{ field: 'username', message: '已存在相同的记录' }] });
  });

  it('versions, pages and years beyond what the database stores answer 400 with the field, not 500', async () => {
    const content = { status: 'on_track', percent: 10, done: '推进中' };
    for (const version of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, 1.5, -1]) {
      const res = await fgw.put(`/api/v1/reports/${report}`, { version, ...content }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
    }
    await office.get('/api/v1/work-items?page=99999999999').expect(400);
    await office.get('/api/v1/work-items?deadlineYear=99999999999').expect(400);
    await office.get('/api/v1/units?page=1e300').expect(400);
  });

  it('evidence in the formats offices exchange: OFD, legacy Word/Excel and WPS by their bytes; a renamed file is refused', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('OFD.xml', '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>');
    const ofd = await zip.generateAsync({ type: 'nodebuffer' });
    const notOfd = await new JSZip().file('word/document.xml', '<w:document/>').generateAsync({ type: 'nodebuffer' });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const up = (content: Buffer, name: string) => request(t.http).post(`/api/v1/reports/${report}/evidence`).set('authorization', fgwToken).attach('file', content, name);
    expect((await up(ofd, '通知.ofd').expect(201)).body.mimeType).toBe('application/ofd');
    expect((await up(ole, '会议纪要.doc').expect(201)).body.mimeType).toBe('application/msword');
    expect((await up(ole, '台账.xls').expect(201)).body.mimeType).toBe('application/vnd.ms-excel');
    expect((await up(ole, '报告.wps').expect(201)).body.mimeType).toBe('application/vnd.ms-works');
    const renamed = await up(notOfd, '伪装.ofd').expect(415);
    expect(renamed.body).toMatchObject({ code: 'EVIDENCE.TYPE', detail: expect.stringContaining('OFD'), errors: [{ field: 'file' }] });
    await up(Buffer.from('%PDF-1.4'), '扫描件.doc').expect(415);
  });
});
