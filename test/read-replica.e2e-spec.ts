import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
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

    it('the dashboard and the ledger come from the replica, under the caller’s scope; what units work from comes from the primary', async () => {
      const office = asUser(t, await tokenFor(t, 'office'));
      const dashboard = (await office.get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
      expect(dashboard.byAreaLight.length).toBeGreaterThan(1);
      for (const area of dashboard.byAreaLight) expect(area.title).toContain(REPLICA_TITLE);

      const ledger = await office.get(`/api/v1/plans/${planId}/documents/ledger.xlsx`).expect(200);
      expect(decodeURIComponent(String(ledger.headers['content-disposition']))).toContain(`${REPLICA_TITLE}-工作台账.xlsx`);
      // The download is audited on the primary: the replica only reads.
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

    it('a refusal on the replica is the caller’s answer, not a reason to ask the primary', async () => {
      const office = asUser(t, await tokenFor(t, 'office'));
      const missing = await office.get('/api/v1/dashboard?planId=00000000-0000-4000-8000-000000000000').expect(404);
      expect(missing.body.code).toBe('PLAN.NOT_FOUND');
    });

    it('opens the replica read-only: a write that went there by mistake is refused, not applied', async () => {
      await expect(t.prisma.replicaClient!.$executeRaw`UPDATE plans SET title = 'x'`).rejects.toThrow(/read-only/);
      const [plan] = (await queryAs(databaseUrl(replicaName), `SELECT count(*)::int AS n FROM plans WHERE title = 'x'`)) as { n: number }[];
      expect(plan.n).toBe(0);
    });

    it('readiness reports the replica', async () => {
      const ready = (await request(t.http).get('/health/ready').expect(200)).body;
      expect(ready.checks.replica).toEqual({ status: 'up' });
    });
  });

  describe('when the replica cannot be reached', () => {
    let t: TestApp;
    // What operators would read in the log (Nest's logger is silenced in tests).
    const warn = jest.spyOn(Logger.prototype, 'warn');
    beforeAll(async () => {
      t = await createTestApp({ database: primary, env: { DATABASE_READ_URL: `postgresql://${SERVICE_ROLE}@127.0.0.1:1/${replicaName}` } });
    });
    afterAll(async () => {
      warn.mockRestore();
      await t.close();
    });

    it('the dashboard and the ledger read the primary, and the replica is left alone for a while after one failure', async () => {
      const office = asUser(t, await tokenFor(t, 'office'));
      for (let i = 0; i < 3; i++) {
        const dashboard = (await office.get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
        expect(dashboard.byAreaLight.length).toBeGreaterThan(1);
        for (const area of dashboard.byAreaLight) expect(area.title).not.toContain(REPLICA_TITLE);
      }
      const ledger = await office.get(`/api/v1/plans/${planId}/documents/ledger.xlsx`).expect(200);
      expect(decodeURIComponent(String(ledger.headers['content-disposition']))).not.toContain(REPLICA_TITLE);
      // One warning: after the first failure the replica is skipped, not tried and logged on every read.
      const warnings = warn.mock.calls.filter(([message]) => String(message).includes('只读副本无法访问'));
      expect(warnings).toHaveLength(1);
    });

    it('readiness says the replica is down and the service still ready', async () => {
      const ready = (await request(t.http).get('/health/ready').expect(200)).body;
      expect(ready.status).toBe('ok');
      expect(ready.checks.replica.status).toBe('down');
    });
  });
});
