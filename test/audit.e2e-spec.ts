import request from 'supertest';
import { AuditService } from '../src/audit/audit.service.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, DEMO_PASSWORD, tokenFor, type TestApp } from './app.js';

describe('the audit trail', () => {
  let t: TestApp;
  let planId: string;
  let office: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ planId } = await seedDemo(t.app));
    office = await tokenFor(t, 'office');
  });
  afterAll(() => t.close());

  const events = (action: string) => t.prisma.auditEvent.findMany({ where: { action }, orderBy: { id: 'asc' } });

  it('records each kind of change with actor, unit, request id, client address and the changed fields', async () => {
    const officeUser = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    await request(t.http).patch(`/api/v1/plans/${planId}`).set('authorization', office).set('x-request-id', 'req-plan-1').send({ rowVersion: 1, documentNumber: '银发〔2023〕1号' }).expect(200);
    const [planEvent] = await events('plan.updated');
    expect(planEvent).toMatchObject({
      actorId: officeUser.id,
      actorName: 'office',
      actorUnitId: officeUser.unitId,
      entityType: 'Plan',
      entityId: planId,
      before: { documentNumber: null },
      after: { documentNumber: '银发〔2023〕1号' },
      requestId: 'req-plan-1',
    });
    expect(planEvent.clientIp).toMatch(/127\.0\.0\.1|::1/);

    const city = await t.prisma.unit.findUniqueOrThrow({ where: { name: '银川市' } });
    const unit = await request(t.http).post('/api/v1/units').set('authorization', office).send({ name: '市气象局', kind: 'department', parentId: city.id }).expect(201);
    await request(t.http).patch(`/api/v1/units/${unit.body.id}`).set('authorization', office).send({ rowVersion: 1, aliases: ['气象局'] }).expect(200);
    expect((await events('unit.updated')).at(-1)).toMatchObject({ entityId: unit.body.id, before: { aliases: [] }, after: { aliases: ['气象局'] } });
    expect(await events('unit.created')).toHaveLength(1);

    const gxj = await t.prisma.user.findUniqueOrThrow({ where: { username: 'gxj' } });
    await request(t.http).patch(`/api/v1/users/${gxj.id}`).set('authorization', office).send({ rowVersion: 1, roles: ['unit_head'] }).expect(200);
    expect((await events('user.roles_changed')).at(-1)).toMatchObject({ entityId: gxj.id, before: { roles: ['unit_reporter'] }, after: { roles: ['unit_head'] } });

    await request(t.http).post('/api/v1/auth/login').send({ username: 'fgw', password: 'Wrong-pass-2026' }).expect(401);
    expect((await events('auth.login_failed')).at(-1)).toMatchObject({ actorName: 'fgw', after: { failedLogins: 1 } });
    expect((await events('auth.login')).length).toBeGreaterThan(0);

    const plan = await request(t.http).post('/api/v1/plans').set('authorization', office).send({ title: '气象专项方案', jurisdictionId: city.id }).expect(201);
    expect((await events('plan.created')).at(-1)).toMatchObject({ entityId: plan.body.id, after: { title: '气象专项方案' } });
    const commit = await request(t.http)
      .post(`/api/v1/plans/${plan.body.id}/imports?dryRun=false`)
      .set('authorization', office)
      .attach('file', Buffer.from('序号,主要工作,牵头单位\n1,推进气象监测,市气象局\n'), '补充.csv')
      .expect(201);
    expect((await events('import.committed')).at(-1)).toMatchObject({ entityType: 'ImportRun', entityId: commit.body.importId, after: { fileName: '补充.csv', created: [{ seq: '1', item: 1 }] } });
  });

  it('writes no event when the change rolls back', async () => {
    const before = await t.prisma.auditEvent.count();
    const audit = t.app.get(AuditService);
    await expect(
      t.prisma.$transaction(async (tx) => {
        await audit.record(tx, { action: 'plan.updated', entityType: 'Plan', entityId: planId, after: { title: 'x' } });
        await tx.plan.update({ where: { id: planId }, data: { title: 'x' } });
        throw new Error('the change fails after its event was written');
      }),
    ).rejects.toThrow('the change fails');
    expect(await t.prisma.auditEvent.count()).toBe(before);
    // Through HTTP: a refused import leaves neither data nor an event.
    await request(t.http)
      .post(`/api/v1/plans/${planId}/imports?dryRun=false`)
      .set('authorization', office)
      .attach('file', Buffer.from('序号,主要工作,牵头单位\n1,推进,市不存在局\n'), 'bad.csv')
      .expect(422);
    expect(await t.prisma.auditEvent.count()).toBe(before);
  });

  it('shows the history of an entity only to those who may see the entity', async () => {
    const xingqing = await tokenFor(t, 'xingqing');
    const jinfeng = await t.prisma.unit.findUniqueOrThrow({ where: { name: '金凤区' } });
    const item = await t.prisma.workItem.create({
      data: { planId, seq: '99', itemNo: 1, sortKey: 999, text: '金凤区专项', assignments: { create: [{ unitId: jinfeng.id, role: 'lead', principal: true, source: 'table', position: 0 }] } },
    });
    await request(t.http).get(`/api/v1/audit-events?entityType=WorkItem&entityId=${item.id}`).set('authorization', xingqing).expect(404);
    await request(t.http).get(`/api/v1/audit-events?entityType=WorkItem&entityId=${item.id}`).set('authorization', office).expect(200);
    const officeUser = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    await request(t.http).get(`/api/v1/audit-events?entityType=User&entityId=${officeUser.id}`).set('authorization', xingqing).expect(404);
    const history = await request(t.http).get(`/api/v1/audit-events?entityType=Plan&entityId=${planId}`).set('authorization', xingqing).expect(200);
    expect(history.body.map((e: { action: string }) => e.action)).toContain('plan.updated');
  });

  it('PostgreSQL refuses UPDATE, DELETE and TRUNCATE of audit events', async () => {
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('verify holds on the demo data and names the first row altered behind the application\'s back', async () => {
    const count = await t.prisma.auditEvent.count();
    await request(t.http).get('/api/v1/audit-events/verify').set('authorization', office).expect(200, { ok: true, events: count });
    const target = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: 'plan.updated' } });
    // Only a superuser can do this: switch the guard off, alter a row, switch it on.
    await t.prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
    await t.prisma.$executeRawUnsafe(`UPDATE audit_events SET actor_name = 'someone-else' WHERE id = ${target.id}`);
    await t.prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
    const broken = await request(t.http).get('/api/v1/audit-events/verify').set('authorization', office).expect(200);
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { id: target.id.toString() } });
  });

  it('verify also notices a deleted row', async () => {
    const t2 = await createTestApp();
    try {
      await seedDemo(t2.app);
      const token = await tokenFor(t2, 'office');
      await request(t2.http).post('/api/v1/auth/login').send({ username: 'fgw', password: DEMO_PASSWORD }).expect(200);
      const [, second] = await t2.prisma.auditEvent.findMany({ orderBy: { id: 'asc' }, take: 2 });
      await t2.prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`);
      await t2.prisma.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = ${second.id}`);
      await t2.prisma.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`);
      const res = await request(t2.http).get('/api/v1/audit-events/verify').set('authorization', token).expect(200);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { id: (second.id + 1n).toString() } });
    } finally {
      await t2.close();
    }
  });
});
