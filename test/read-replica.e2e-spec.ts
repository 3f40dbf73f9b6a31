import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestDatabase, queryAs, type TestDatabase } from './db.js';
import { adminQuery, databaseUrl, OWNER_ROLE, SERVICE_ROLE } from './global-setup.js';
import { asUser, createTestApp, tokenFor, type TestApp } from './app.js';

/**
 * The dashboard and the ledger export read DATABASE_READ_URL when it is set. The "replica" here is a copy
 * of the primary taken after seeding, then changed by hand, so that every answer shows which server it came
 * from: a real standby would show the same rows a moment late.
 */
describe('a read replica for the dashboard and the ledger', () => {
  let primary: TestDatabase;
  let replicaName: string;
  let planId: string;
  const REPLICA_TITLE = '（只读副本中的名称）';

  /** Every text cell of the ledger's sheet. */
  const ledgerTexts = async (t: TestApp, token: string, id: string) => {
    const res = await request(t.http)
      .get(`/api/v1/plans/${id}/documents/ledger.xlsx`)
      .set('authorization', token)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const cells = wb.worksheets[0].getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])).filter((v): v is string => typeof v === 'string');
    return { fileName: decodeURIComponent(String(res.headers['content-disposition'])), cells };
  };

  beforeAll(async () => {
    primary = await createTestDatabase();
    const seeding = await createTestApp({ database: primary });
    planId = (await seedDemo(seeding.app)).planId;
    await seeding.close();
    // A copy needs the source without connections: the seeding app is closed.
    replicaName = `${primary.url.split('/').pop()}_replica_${randomBytes(3).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${replicaName}" TEMPLATE "${primary.url.split('/').pop()}" OWNER ${OWNER_ROLE}`);
    await queryAs(databaseUrl(replicaName), `UPDATE plans SET title = title || '${REPLICA_TITLE}'; UPDATE plan_nodes SET title = title || '${REPLICA_TITLE}'`);
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`);
    await primary.drop();
  });

  describe('when the replica answers', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ database: primary, env: { DATABASE_READ_URL: databaseUrl(replicaName, SERVICE_ROLE) } });
    });
    afterAll(() => t.close());

    it('the dashboard’s figures and the ledger’s rows come from the replica, under the caller’s scope; what units work from comes from the primary', async () => {
      const token = await tokenFor(t, 'office');
      const office = asUser(t, token);
      const dashboard = (await office.get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
      expect(dashboard.byAreaLight.length).toBeGreaterThan(1);
      for (const area of dashboard.byAreaLight) expect(area.title).toContain(REPLICA_TITLE);

      const ledger = await ledgerTexts(t, token, planId);
      expect(ledger.cells.filter((c) => c.includes(REPLICA_TITLE)).length).toBeGreaterThan(1);
      // The plan itself is read on the primary, and the download audited there: the replica only reads.
      expect(ledger.fileName).not.toContain(REPLICA_TITLE);
      const [audited] = (await queryAs(primary.superuserUrl, `SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.downloaded'`)) as { n: number }[];
      expect(audited.n).toBe(1);

      const plan = (await office.get(`/api/v1/plans/${planId}`).expect(200)).body;
      expect(plan.title).not.toContain(REPLICA_TITLE);
      const items = (await office.get(`/api/v1/work-items?planId=${planId}&pageSize=5`).expect(200)).body;
      expect(items.items.length).toBeGreaterThan(0);

      // A department's dashboard on the replica covers its own work only, as on the primary.
      const department = asUser(t, await tokenFor(t, 'gxj'));
      const own = (await department.get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
      const countAll = (d: { byAreaLight: Record<string, number>[] }) => d.byAreaLight.reduce((n, a) => n + a.green + a.yellow + a.red + a.none, 0);
      expect(countAll(own)).toBeGreaterThan(0);
      expect(countAll(own)).toBeLessThan(countAll(dashboard));
    });

    it('a plan the replica has not replayed yet is found on the primary: its dashboard and ledger answer, empty, not 404', async () => {
      const token = await tokenFor(t, 'office');
      const office = asUser(t, token);
      const city = (await office.get('/api/v1/units?q=银川市').expect(200)).body.items.find((u: { name: string }) => u.name === '银川市');
      const created = (await office.post('/api/v1/plans', { title: '刚创建的方案', jurisdictionId: city.id, horizonStartYear: 2026, horizonEndYear: 2030 }).expect(201)).body;
      const dashboard = (await office.get(`/api/v1/dashboard?planId=${created.id}`).expect(200)).body;
      expect(dashboard).toMatchObject({ byAreaLight: [], reporting: [], periods: [] });
      expect((await ledgerTexts(t, token, created.id)).fileName).toContain('刚创建的方案-工作台账.xlsx');
      // A plan that exists nowhere is still not found.
      const missing = await office.get('/api/v1/dashboard?planId=00000000-0000-4000-8000-000000000000').expect(404);
      expect(missing.body.code).toBe('PLAN.NOT_FOUND');
    });

    it('opens the replica read-only: a write that went there by mistake is refused, not applied', async () => {
      await expect(t.prisma.readReplica!.client.$executeRaw`UPDATE plans SET title = 'x'`).rejects.toThrow(/read-only/);
      const [plan] = (await queryAs(databaseUrl(replicaName), `SELECT count(*)::int AS n FROM plans WHERE title = 'x'`)) as { n: number }[];
      expect(plan.n).toBe(0);
    });

    it('readiness reports the replica and its lag (none: it is not a standby)', async () => {
      const ready = (await request(t.http).get('/health/ready').expect(200)).body;
      expect(ready.checks.replica).toEqual({ status: 'up', lagSeconds: 0 });
    });
  });

  describe.each([
    { what: 'cannot be reached', url: () => `postgresql://${SERVICE_ROLE}@127.0.0.1:1/${replicaName}` },
    { what: 'is misconfigured (a database that does not exist)', url: () => databaseUrl(`${replicaName}_missing`, SERVICE_ROLE) },
  ])('when the replica $what', ({ url }) => {
    let t: TestApp;
    // What operators would read in the log (Nest's logger is silenced in tests).
    let warn: jest.SpiedFunction<Logger['warn']>;
    beforeAll(async () => {
      warn = jest.spyOn(Logger.prototype, 'warn');
      t = await createTestApp({ database: primary, env: { DATABASE_READ_URL: url() } });
    });
    afterAll(async () => {
      await t.close();
      warn.mockRestore();
    });

    it('the dashboard and the ledger read the primary, and the replica is left alone for a while after one failure', async () => {
      const token = await tokenFor(t, 'office');
      const office = asUser(t, token);
      for (let i = 0; i < 3; i++) {
        const dashboard = (await office.get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
        expect(dashboard.byAreaLight.length).toBeGreaterThan(1);
        for (const area of dashboard.byAreaLight) expect(area.title).not.toContain(REPLICA_TITLE);
      }
      const ledger = await ledgerTexts(t, token, planId);
      expect(ledger.cells.length).toBeGreaterThan(10);
      expect(ledger.cells.filter((c) => c.includes(REPLICA_TITLE))).toEqual([]);
      // One warning: after the first failure the replica is skipped, not tried and logged on every read.
      const warnings = warn.mock.calls.filter(([message]) => String(message).includes('只读副本无法完成查询'));
      expect(warnings).toHaveLength(1);
    });

    it('readiness says the replica is down and the service still ready', async () => {
      const ready = (await request(t.http).get('/health/ready').expect(200)).body;
      expect(ready.status).toBe('ok');
      expect(ready.checks.replica.status).toBe('down');
    });
  });
});
