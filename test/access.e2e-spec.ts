import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { IS_PUBLIC, PERMISSION } from '../src/auth/decorators.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, DEMO_PASSWORD, tokenFor, type TestApp } from './app.js';

describe('accounts, unit-scoped access and the audit trail', () => {
  let t: TestApp;
  let planId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ({ planId } = await seedDemo(t.app));
    for (const u of ['office', 'leader', 'fgw', 'xingqing', 'jinfeng']) tokens[u] = await tokenFor(t, u);
  });
  afterAll(() => t.close());

  it('every route declares a permission or is public', () => {
    const routes: string[] = [];
    const undeclared: string[] = [];
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    expect(controllers.length).toBeGreaterThan(5);
    for (const wrapper of controllers) {
      const proto = Object.getPrototypeOf(wrapper.instance);
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, wrapper.metatype as object);
        const permission = Reflect.getMetadata(PERMISSION, handler);
        const label = `${wrapper.name}.${name}`;
        routes.push(`${label} → ${isPublic ? 'public' : permission}`);
        if (!isPublic && !permission) undeclared.push(label);
      }
    }
    expect(undeclared).toEqual([]);
    expect(routes).toEqual(expect.arrayContaining(['ImportsController.import → imports:write', 'AuthController.login → public', 'WorkItemsController.list → work-items:read']));
  });

  it('refuses requests without a token or with an expired one (401)', async () => {
    await request(t.http).get('/api/v1/work-items').expect(401);
    const office = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    const expired = await t.app.get(JwtService).signAsync({ sub: office.id, pwd: office.passwordChangedAt.getTime() }, { expiresIn: -10 });
    await request(t.http).get('/api/v1/work-items').set('authorization', `Bearer ${expired}`).expect(401);
  });

  it('a county sees only the work items it leads or supports; another county’s item is missing (404)', async () => {
    const list = await request(t.http).get(`/api/v1/work-items?planId=${planId}&pageSize=200`).set('authorization', tokens.xingqing).expect(200);
    expect(list.body.total).toBe(43); // every Yinchuan row names the counties through 各县(市)区人民政府
    const other = await t.prisma.unit.findUniqueOrThrow({ where: { name: '金凤区' } });
    // An item only 金凤区 supports.
    const item = await t.prisma.workItem.create({
      data: { planId, seq: '99', itemNo: 1, sortKey: 999, text: '金凤区专项', assignments: { create: [{ unitId: other.id, role: 'lead', principal: true, source: 'table', position: 0 }] } },
    });
    await request(t.http).get(`/api/v1/work-items/${item.id}`).set('authorization', tokens.xingqing).expect(404);
    await request(t.http).get(`/api/v1/work-items/${item.id}`).set('authorization', tokens.jinfeng).expect(200);
    const mine = await request(t.http).get(`/api/v1/work-items?unitId=${other.id}&pageSize=200`).set('authorization', tokens.xingqing).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(item.id);
  });

  it('a department cannot use office routes (403) and a leader reads but cannot write (403)', async () => {
    await request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=true`).set('authorization', tokens.fgw).attach('file', Buffer.from('序号,主要工作\n1,x'), 'a.csv').expect(403);
    await request(t.http).get(`/api/v1/plans/${planId}`).set('authorization', tokens.leader).expect(200);
    await request(t.http).patch(`/api/v1/plans/${planId}`).set('authorization', tokens.leader).send({ title: '改名' }).expect(403);
  });

  it('a refresh token works once; its second use is refused and ends the session', async () => {
    const login = await request(t.http).post('/api/v1/auth/login').send({ username: 'gxj', password: DEMO_PASSWORD }).expect(200);
    expect(JSON.stringify(login.body)).not.toContain(DEMO_PASSWORD);
    const first = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
  });

  it('locks an account after repeated failures', async () => {
    for (let i = 0; i < 5; i++) await request(t.http).post('/api/v1/auth/login').send({ username: 'jinfeng', password: 'Wrong-pass-1' }).expect(401);
    const locked = await request(t.http).post('/api/v1/auth/login').send({ username: 'jinfeng', password: DEMO_PASSWORD }).expect(423);
    expect(locked.body.code).toBe('AUTH.LOCKED');
    await t.prisma.user.update({ where: { username: 'jinfeng' }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await request(t.http).post('/api/v1/auth/login').send({ username: 'jinfeng', password: DEMO_PASSWORD }).expect(200);
  });

  it('records changes in an append-only hash chain that detects tampering', async () => {
    await request(t.http).patch(`/api/v1/plans/${planId}`).set('authorization', tokens.office).send({ documentNumber: '银发〔2023〕1号' }).expect(200);
    const history = await request(t.http).get(`/api/v1/audit-events?entityType=Plan&entityId=${planId}`).set('authorization', tokens.office).expect(200);
    expect(history.body.at(-1)).toMatchObject({ action: 'plan.updated', actor: { name: 'office' }, before: { documentNumber: null }, after: { documentNumber: '银发〔2023〕1号' } });
    expect(await t.prisma.auditEvent.count({ where: { action: 'auth.login_failed' } })).toBeGreaterThan(0);

    await request(t.http).get('/api/v1/audit-events/verify').set('authorization', tokens.office).expect(200, { ok: true, events: await t.prisma.auditEvent.count() });
    await request(t.http).get('/api/v1/audit-events/verify').set('authorization', tokens.fgw).expect(403);
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);

    const target = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: 'plan.updated' } });
    await t.prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    await t.prisma.$executeRawUnsafe(`UPDATE audit_events SET actor_name = 'someone-else' WHERE id = ${target.id}`);
    await t.prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    const verify = await request(t.http).get('/api/v1/audit-events/verify').set('authorization', tokens.office).expect(200);
    expect(verify.body).toMatchObject({ ok: false, firstBroken: { id: target.id.toString() } });
  });
});
