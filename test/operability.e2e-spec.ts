import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestDatabase, queryAs } from './db.js';
import { asUser, createTestApp, DEMO_PASSWORD, TestClock, tokenFor, type TestApp } from './app.js';
import { buildReminderPlan } from './support/reminder-plan.js';

/**
 * Holds a lock in another session (`lock`), sends a request that waits behind it, and has PostgreSQL signal the
 * waiting backend (found by a fragment of its statement): `pg_cancel_backend` as an operator does,
 * `pg_terminate_backend` as a restart does. Returns the answer and how many backends were signalled.
 */
async function signalBehindLock<T>(url: string, lock: string, send: () => Promise<T>, signal: 'pg_cancel_backend' | 'pg_terminate_backend', statement: string) {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(lock);
  const answer = send();
  let signalled = 0;
  for (let i = 0; i < 50 && !signalled; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { rows } = await holder.query(
      `SELECT ${signal}(pid) AS ok FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE $1 AND pid <> pg_backend_pid()`,
      [`%${statement}%`],
    );
    signalled = rows.filter((r) => r.ok).length;
  }
  const answered = await answer;
  await holder.query('ROLLBACK');
  await holder.end();
  return { answered, signalled };
}

describe('operability', () => {
  describe('with PostgreSQL and Redis up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    });
    afterAll(() => t.close());

    it('answers liveness and readiness', async () => {
      await request(t.http).get('/health/live').expect(200, { status: 'ok' });
      const res = await request(t.http).get('/health/ready').expect(200);
      expect(res.body).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } }, outbox: { pending: 0, dead: 0, oldestPendingAt: null }, notifications: { pending: 0, dead: 0 } });
    });

    it('answers errors as problem+json carrying the request id', async () => {
      const res = await request(t.http).get('/api/v1/plans/00000000-0000-4000-8000-000000000000').set('x-request-id', 'trace-42').expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['x-request-id']).toBe('trace-42');
      expect(res.body).toMatchObject({ status: 401, title: '未登录或登录已失效', code: 'AUTH.UNAUTHENTICATED', requestId: 'trace-42' });
    });

    it('refuses unknown and invalid fields by name', async () => {
      const res = await request(t.http).post('/api/v1/auth/login').send({ username: '', password: 'x', colour: 'red' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'username']);
    });

    it('compresses large JSON answers for clients that ask, and only for them', async () => {
      const plain = await request(t.http).get('/api/docs-json').set('accept-encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Number(plain.headers['content-length'])).toBeGreaterThan(100_000);
      const gzip = await request(t.http).get('/api/docs-json').set('accept-encoding', 'gzip').expect(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toContain('Accept-Encoding');
      expect(gzip.body).toEqual(plain.body);
      // Small answers are not worth it.
      const small = await request(t.http).get('/health/live').set('accept-encoding', 'gzip').expect(200);
      expect(small.headers['content-encoding']).toBeUndefined();
    });

    it('tells browsers and proxies to keep no answer, and sends no ETag', async () => {
      // A unit's data under its session: a shared proxy or the next user of the browser must not get it back.
      for (const path of ['/api/docs-json', '/health/live', '/api/v1/plans/00000000-0000-4000-8000-000000000000']) {
        const res = await request(t.http).get(path);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers.etag).toBeUndefined();
      }
    });

    it('publishes the OpenAPI document', async () => {
      const res = await request(t.http).get('/api/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/plans/{planId}/imports', '/api/v1/work-items', '/api/v1/units']));
    });

    it('declares the response of every route (the console builds its typed client from it)', async () => {
      const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
      const undeclared: string[] = [];
      for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>)) {
        for (const [method, op] of Object.entries(operations)) {
          const success = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
          const ok = success.length > 0 && success.every(([code, r]) => code === '204' || Object.values(r.content ?? {}).some((c) => c.schema));
          if (!ok) undeclared.push(`${method.toUpperCase()} ${path}`);
        }
      }
      expect(undeclared).toEqual([]);
      // Nested objects are named schemas, not opaque objects.
      expect(doc.components.schemas.ReportDto.properties.period.$ref ?? doc.components.schemas.ReportDto.properties.period.allOf).toBeDefined();
    });
  });

  describe('with Redis down', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    });
    afterAll(() => t.close());

    it('still serves the API and reports Redis down in readiness', async () => {
      await request(t.http).post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever-1A' }).expect(401);
      const res = await request(t.http).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
    });

    it('opens a period and runs a reminder scan without waiting for Redis: messages wait in the database', async () => {
      await seedDemo(t.app);
      const plan = await buildReminderPlan(t);
      const started = Date.now();
      const scan = await asUser(t, await tokenFor(t, 'office')).post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
      expect(Date.now() - started).toBeLessThan(8000);
      expect(await t.prisma.notification.count()).toBe(scan.body.written);
    }, 30_000);
  });

  describe('with PostgreSQL out of reach (down or restarting)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgresql://cpt_test_service@127.0.0.1:1/unreachable', JOBS_ENABLED: 'false' } });
    });
    afterAll(() => t.close());

    it('answers 503 "unavailable" with Retry-After, and a signed-in user keeps the session instead of a 401', async () => {
      const res = await request(t.http).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ checks: { postgres: { status: 'down' } } });
      const login = await request(t.http).post('/api/v1/auth/login').send({ username: 'office', password: DEMO_PASSWORD });
      // A valid token of a user the service cannot look up right now: the console signs the user out on a 401.
      const token = await t.app.get(JwtService).signAsync({ sub: '00000000-0000-4000-8000-000000000001', ver: 0 });
      const read = await request(t.http).get('/api/v1/plans').set('Authorization', `Bearer ${token}`);
      // The queue dashboard checks the same token outside Nest's routes.
      const queues = await request(t.http).get('/admin/queues').set('Authorization', `Bearer ${token}`);
      for (const refused of [login, read, queues]) {
        expect(refused.status).toBe(503);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.body).toMatchObject({ code: 'DATABASE.UNAVAILABLE' });
      }
    }, 30_000);
  });

  describe('with the database too busy to answer in time', () => {
    let t: TestApp;
    let planId: string;
    beforeAll(async () => {
      t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379' }, clock: new TestClock(new Date('2026-04-05T10:00:00+08:00')) });
      ({ planId } = await seedDemo(t.app));
    });
    afterAll(() => t.close());

    it('answers 503 with Retry-After when a transaction outlives its limit, and leaves nothing written', async () => {
      const login = await request(t.http).post('/api/v1/auth/login').send({ username: 'office', password: DEMO_PASSWORD }).expect(200);
      const as = asUser(t, `Bearer ${login.body.accessToken}`);
      const revoked = () => t.prisma.refreshToken.count({ where: { revokedAt: { not: null } } });
      // Another session holds the office's refresh tokens for longer than a transaction may last (5 s).
      const holder = new pg.Client({ connectionString: t.db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM refresh_tokens WHERE user_id = (SELECT id FROM users WHERE username = 'office') FOR UPDATE`);
      const release = new Promise<void>((resolve) => setTimeout(() => void holder.query('COMMIT').then(() => resolve()), 6000));
      const busy = await as.post('/api/v1/auth/logout', { refreshToken: login.body.refreshToken });
      await release;
      await holder.end();
      expect(busy.status).toBe(503);
      expect(busy.headers['content-type']).toContain('application/problem+json');
      expect(busy.headers['retry-after']).toBe('2');
      expect(busy.body).toMatchObject({ status: 503, code: 'DATABASE.BUSY', detail: '系统繁忙，本次操作未保存任何内容，请稍后重试' });
      expect(await revoked()).toBe(0);
      // The same request, sent again once the moment has passed.
      await as.post('/api/v1/auth/logout', { refreshToken: login.body.refreshToken }).expect(204);
      expect(await revoked()).toBe(1);
    }, 30_000);

    it('answers 503 when PostgreSQL breaks a deadlock by aborting the request, and leaves nothing written', async () => {
      const office = asUser(t, await tokenFor(t, 'office'));
      await office.put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
      const periodId = (await office.post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(201)).body.id;
      const [head] = await t.prisma.$queryRaw<{ username: string; unit_id: string }[]>`
        SELECT u.username, u.unit_id::text FROM users u JOIN progress_reports r ON r.unit_id = u.unit_id AND r.period_id = ${periodId}::uuid
        WHERE 'unit_head' = ANY(u.roles) GROUP BY u.username, u.unit_id HAVING count(*) >= 2 ORDER BY u.username LIMIT 1`;
      const as = asUser(t, await tokenFor(t, head.username));
      const items = ((await as.get(`/api/v1/periods/${periodId}/my-reports`).expect(200)).body.items as { id: string; version: number }[]).slice(0, 2);
      const [first, second] = items.map((i) => i.id).sort();
      const body = { items: items.map((i) => ({ reportId: i.id, version: i.version, status: 'on_track', percent: 10, done: '已启动' })) };
      // The service locks a batch's reports in id order; another session holds the second and then asks for the first.
      const holder = new pg.Client({ connectionString: t.db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM progress_reports WHERE id = $1 FOR UPDATE', [second]);
      const save = as.post(`/api/v1/periods/${periodId}/my-reports`, body).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cycle = holder.query('SELECT id FROM progress_reports WHERE id = $1 FOR UPDATE', [first]);
      const refused = await save;
      await cycle;
      await holder.query('ROLLBACK');
      await holder.end();
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'DATABASE.BUSY' });
      expect(refused.headers['retry-after']).toBe('2');
      expect(await t.prisma.progressReport.count({ where: { id: { in: [first, second] }, state: 'draft' } })).toBe(0);
      await as.post(`/api/v1/periods/${periodId}/my-reports`, body).expect(201);
      expect(await t.prisma.progressReport.count({ where: { id: { in: [first, second] }, state: 'draft' } })).toBe(2);
    }, 30_000);

    // The list waits behind a lock on its table; the operator cancels its statement, or a restart ends its connection.
    it.each([
      { what: 'cancels a read made straight on the pool (the work-item list)', signal: 'pg_cancel_backend', code: 'DATABASE.BUSY', retryAfter: '2' },
      { what: 'ends the connection under that read (a restart)', signal: 'pg_terminate_backend', code: 'DATABASE.UNAVAILABLE', retryAfter: '5' },
    ] as const)('answers 503 when PostgreSQL $what, and the next read is served', async ({ signal, code, retryAfter }) => {
      const office = asUser(t, await tokenFor(t, 'office'));
      const list = () => office.get(`/api/v1/work-items?planId=${planId}`).then((r) => r);
      await list();
      const { answered: refused, signalled } = await signalBehindLock(t.db.url, 'LOCK TABLE work_items IN ACCESS EXCLUSIVE MODE', list, signal, 'json_agg');
      expect(signalled).toBe(1);
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.headers['retry-after']).toBe(retryAfter);
      expect(refused.body).toMatchObject({ code });
      await office.get(`/api/v1/work-items?planId=${planId}`).expect(200);
    }, 30_000);

    it('answers 503 "unavailable" when PostgreSQL ends the connection under a transaction, leaves nothing written, and the retry succeeds', async () => {
      const login = await request(t.http).post('/api/v1/auth/login').send({ username: 'office', password: DEMO_PASSWORD }).expect(200);
      const as = asUser(t, `Bearer ${login.body.accessToken}`);
      const revoked = () => t.prisma.refreshToken.count({ where: { revokedAt: { not: null } } });
      const before = await revoked();
      const logout = () => as.post('/api/v1/auth/logout', { refreshToken: login.body.refreshToken }).then((r) => r);
      const lock = `SELECT id FROM refresh_tokens WHERE user_id = (SELECT id FROM users WHERE username = 'office') FOR UPDATE`;
      const { answered: refused, signalled } = await signalBehindLock(t.db.url, lock, logout, 'pg_terminate_backend', 'refresh_tokens');
      expect(signalled).toBe(1);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'DATABASE.UNAVAILABLE' });
      expect(await revoked()).toBe(before);
      await as.post('/api/v1/auth/logout', { refreshToken: login.body.refreshToken }).expect(204);
      expect(await revoked()).toBe(before + 1);
    }, 30_000);
  });
  describe('with every connection of the pool taken', () => {
    let t: TestApp;
    let planId: string;
    beforeAll(async () => {
      t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_POOL_MAX: '2', DATABASE_POOL_WAIT_MS: '1000', JOBS_ENABLED: 'false' } });
      ({ planId } = await seedDemo(t.app));
    });
    afterAll(() => t.close());

    it('answers 503 after DATABASE_POOL_WAIT_MS instead of waiting for ever, then serves the same requests', async () => {
      const office = asUser(t, await tokenFor(t, 'office'));
      // The session's user is cached, so the requests below get past the token check without the database.
      await office.get('/api/v1/auth/me').expect(200);
      // Two long transactions hold both connections of the service's pool.
      const holding = Promise.all([0, 1].map(() => t.prisma.$transaction((tx) => tx.$executeRaw`SELECT pg_sleep(3)`, { timeout: 10_000 })));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await office.get('/api/v1/auth/me').expect(200);
      // A read straight on the pool (the list) and one through Prisma (the plan), both waiting for a connection.
      const [list, plan] = await Promise.all([office.get(`/api/v1/work-items?planId=${planId}`), office.get(`/api/v1/plans/${planId}`)]);
      await holding;
      for (const refused of [list, plan]) {
        expect(refused.status).toBe(503);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.headers['retry-after']).toBe('2');
        expect(refused.body).toMatchObject({ code: 'DATABASE.BUSY' });
      }
      await office.get(`/api/v1/work-items?planId=${planId}`).expect(200);
      await office.get(`/api/v1/plans/${planId}`).expect(200);
    }, 30_000);
  });

  describe('when the service is stopped', () => {
    it('finishes a request already writing, answers it and keeps what it wrote, then stops', async () => {
      const db = await createTestDatabase();
      try {
        const t = await createTestApp({ database: db, env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
        await seedDemo(t.app);
        const login = await request(t.http).post('/api/v1/auth/login').send({ username: 'office', password: DEMO_PASSWORD }).expect(200);
        // The logout's transaction waits behind another session's lock while the service is told to stop.
        const holder = new pg.Client({ connectionString: db.url });
        await holder.connect();
        await holder.query('BEGIN');
        await holder.query(`SELECT id FROM refresh_tokens WHERE user_id = (SELECT id FROM users WHERE username = 'office') FOR UPDATE`);
        const logout = asUser(t, `Bearer ${login.body.accessToken}`).post('/api/v1/auth/logout', { refreshToken: login.body.refreshToken }).then((r) => r);
        let waiting = 0;
        for (let i = 0; i < 50 && !waiting; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          waiting = (await holder.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE '%refresh_tokens%'`)).rowCount ?? 0;
        }
        expect(waiting).toBe(1);
        let done = false;
        const stopped = t.close().then(() => (done = true));
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(done).toBe(false);
        await holder.query('COMMIT');
        await holder.end();
        expect((await logout).status).toBe(204);
        await stopped;
        expect(await queryAs(db.ownerUrl, `SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NOT NULL`)).toEqual([{ n: 1 }]);
      } finally {
        await db.drop();
      }
    }, 30_000);

    it('lets a transaction already running (a job, the audit sealer) finish, then stops', async () => {
      const t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
      // Still running when the database is closed: Prisma's disconnect first left its next statement waiting for ever.
      const running = t.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_sleep(2)`;
        return (await tx.$queryRaw<{ n: number }[]>`SELECT 1 AS n`)[0].n;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await t.close();
      expect(await running).toBe(1);
    }, 30_000);

    it('waits for a transaction only as long as DATABASE_SHUTDOWN_WAIT_MS, says so in the log, and stops', async () => {
      const db = await createTestDatabase();
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        const t = await createTestApp({ database: db, env: { REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_SHUTDOWN_WAIT_MS: '500' } });
        // A transaction that would run for 20 s (stuck on a lock, say): the stop must not wait for it.
        const running = t.prisma.$transaction(async (tx) => tx.$executeRaw`SELECT pg_sleep(20)`, { timeout: 60_000 }).catch((e: unknown) => e);
        const sleeping = async () => (await queryAs(db.superuserUrl, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()`)) as { n: number }[];
        for (let i = 0; i < 50 && (await sleeping())[0].n === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await sleeping()).toEqual([{ n: 1 }]);
        await t.close();
        // Stopped while the transaction still runs: left to PostgreSQL, which rolls it back when the connection ends.
        expect(await sleeping()).toEqual([{ n: 1 }]);
        expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(expect.stringContaining('关闭时仍有 1 个数据库连接在使用中（事务未结束），已等待 0.5 秒'));
        void running;
      } finally {
        warn.mockRestore();
        await db.drop();
      }
    }, 30_000);
  });
});
