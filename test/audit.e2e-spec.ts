import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditService, eventHash } from '../src/audit/audit.service.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, DEMO_PASSWORD, tokenFor, type TestApp } from './app.js';
import { queryAs } from './db.js';

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

    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
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

  it('the office searches the whole trail by type, action and Beijing day, and exports it as CSV or Excel with Beijing times', async () => {
    const found = (await request(t.http).get('/api/v1/audit-events/search?entityType=Plan&action=plan.updated').set('authorization', office).expect(200)).body;
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((e: { action: string }) => e.action === 'plan.updated')).toBe(true);
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: 'plan.updated' }, orderBy: { id: 'asc' } });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(event.occurredAt);
    const dayBefore = new Date(new Date(`${day}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
    expect((await request(t.http).get(`/api/v1/audit-events/search?action=plan.updated&from=${day}&to=${day}`).set('authorization', office).expect(200)).body.total).toBe(found.total);
    expect((await request(t.http).get(`/api/v1/audit-events/search?action=plan.updated&to=${dayBefore}`).set('authorization', office).expect(200)).body.total).toBe(0);
    const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(event.occurredAt);

    const csv = await request(t.http).get('/api/v1/audit-events/export?format=csv&action=plan.updated').set('authorization', office).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('时间（北京时间）');
    expect(text).toContain(`${event.id},${beijing},office`);

    const xlsx = await request(t.http).get('/api/v1/audit-events/export?format=xlsx&entityType=Plan').set('authorization', office).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('审计记录')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('时间（北京时间）');
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === event.id.toString())!;
    expect(row.getCell(2).value).toBe(beijing);
    expect(row.getCell(5).value).toBe('plan.updated');
    expect(await t.prisma.auditEvent.count({ where: { action: 'audit.exported' } })).toBe(2);
    // Units cannot take the trail out.
    await request(t.http).get('/api/v1/audit-events/export').set('authorization', await tokenFor(t, 'fgw-head')).expect(403);
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
    const jinfeng = await t.prisma.unit.findFirstOrThrow({ where: { name: '金凤区' } });
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

  it('the service’s database role may only append audit events, and cannot switch the guard off', async () => {
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    await expect(t.prisma.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
    await expect(t.prisma.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(t.prisma.$executeRawUnsafe(`DROP TRIGGER audit_events_no_update_delete ON audit_events`)).rejects.toThrow(/must be owner/);
    const [role] = await t.prisma.$queryRaw<{ rolsuper: boolean }[]>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`;
    expect(role.rolsuper).toBe(false);
  });

  it('writers append without queueing on one lock; one sealer links them all, and a seal is the only update ever allowed', async () => {
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    await Promise.all(Array.from({ length: 20 }, (_, i) => request(t.http).post('/api/v1/plans').set('authorization', office).send({ title: `并发方案${i}`, jurisdictionId: city.id }).expect(201)));
    const res = await request(t.http).get('/api/v1/audit-events/verify').set('authorization', office).expect(200);
    expect(res.body).toEqual({ ok: true, events: await t.prisma.auditEvent.count() });
    const seqs = (await t.prisma.auditEvent.findMany({ select: { chainSeq: true }, orderBy: { chainSeq: 'asc' } })).map((e) => Number(e.chainSeq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // The service's role may seal an unsealed event once, and nothing else: not a sealed one, not its content.
    const sealed = await t.prisma.auditEvent.findFirstOrThrow({ where: { chainSeq: { not: null } } });
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_events SET hash = repeat('0', 64) WHERE id = ${sealed.id}`)).rejects.toThrow(/append-only/);
    await t.prisma.auditEvent.create({ data: { action: 'plan.updated', entityType: 'Plan', entityId: null, hashVersion: 2 } });
    const fresh = await t.prisma.auditEvent.findFirstOrThrow({ where: { chainSeq: null } });
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_events SET action = 'x', chain_seq = 999999, hash = 'h' WHERE id = ${fresh.id}`)).rejects.toThrow(/append-only|permission denied/);
    await t.app.get(AuditService).seal();
    expect((await request(t.http).get('/api/v1/audit-events/verify').set('authorization', office).expect(200)).body.ok).toBe(true);
  });

  it('even the owner cannot UPDATE, DELETE or TRUNCATE them while the triggers stand', async () => {
    await expect(queryAs(t.db.ownerUrl, `UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(queryAs(t.db.ownerUrl, `DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(queryAs(t.db.ownerUrl, `TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('verify holds on the demo data and names the first row altered behind the application\'s back', async () => {
    const count = await t.prisma.auditEvent.count();
    await request(t.http).get('/api/v1/audit-events/verify').set('authorization', office).expect(200, { ok: true, events: count });
    const target = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: 'plan.updated' } });
    // Only the owner or a superuser can do this: switch the guard off, alter a row, switch it on.
    await queryAs(
      t.db.ownerUrl,
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
       UPDATE audit_events SET actor_name = 'someone-else' WHERE id = ${target.id};
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`,
    );
    const broken = await request(t.http).get('/api/v1/audit-events/verify').set('authorization', office).expect(200);
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { id: target.id.toString() } });
  });

  it('a row rewritten with a recomputed hash is caught without the key, and a cut-off tail against a kept checkpoint', async () => {
    const t2 = await createTestApp();
    try {
      await seedDemo(t2.app);
      const token = await tokenFor(t2, 'office');
      const verify = (query = '') => request(t2.http).get(`/api/v1/audit-events/verify${query}`).set('authorization', token).expect(200);
      const checkpoint = (await request(t2.http).get('/api/v1/audit-events/checkpoint').set('authorization', token).expect(200)).body;
      expect(checkpoint).toMatchObject({ lastId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const kept = `?checkpointId=${checkpoint.lastId}&checkpointHash=${checkpoint.hash}`;
      expect((await verify(kept)).body.ok).toBe(true);

      // Someone with the database but not the key rewrites an event and recomputes its hash as the
      // unkeyed scheme would: the link to the next event holds only if they rewrite all later events too,
      // which needs the key.
      const last = await t2.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
      const forged = eventHash({ ...last, actorName: 'someone-else' });
      await queryAs(
        t2.db.ownerUrl,
        `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
         UPDATE audit_events SET actor_name = 'someone-else', hash = '${forged}', hash_version = 1 WHERE id = ${last.id};
         ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`,
      );
      expect((await verify()).body).toMatchObject({ ok: false, firstBroken: { id: last.id.toString() } });

      // Cutting the tail off leaves a chain that still links up: only the checkpoint kept outside shows it.
      await queryAs(
        t2.db.ownerUrl,
        `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
         DELETE FROM audit_events WHERE id >= ${last.id};
         ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`,
      );
      expect((await verify()).body.ok).toBe(true);
      expect((await verify(kept)).body).toMatchObject({ ok: false, firstBroken: { id: checkpoint.lastId } });
    } finally {
      await t2.close();
    }
  });

  it('verify also notices a deleted row', async () => {
    const t2 = await createTestApp();
    try {
      await seedDemo(t2.app);
      const token = await tokenFor(t2, 'office');
      await request(t2.http).post('/api/v1/auth/login').send({ username: 'fgw', password: DEMO_PASSWORD }).expect(200);
      const [, second] = await t2.prisma.auditEvent.findMany({ orderBy: { id: 'asc' }, take: 2 });
      await queryAs(
        t2.db.ownerUrl,
        `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
         DELETE FROM audit_events WHERE id = ${second.id};
         ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`,
      );
      const res = await request(t2.http).get('/api/v1/audit-events/verify').set('authorization', token).expect(200);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { id: (second.id + 1n).toString() } });
    } finally {
      await t2.close();
    }
  });
});
