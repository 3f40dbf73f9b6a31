import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, DEMO_PASSWORD, TestClock, type TestApp } from './app.js';

const login = (t: TestApp, username: string, password: string) => request(t.http).post('/api/v1/auth/login').send({ username, password });

describe('sessions and passwords', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2026-03-02T09:00:00+08:00'));
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, logLines, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' } });
    await seedDemo(t.app);
  });
  afterAll(() => t.close());

  it('login answers tokens and the user, never a password or its hash', async () => {
    const res = await login(t, 'fgw', DEMO_PASSWORD).expect(200);
    expect(res.body).toMatchObject({ user: { username: 'fgw', roles: ['unit_reporter'], mustChangePassword: false } });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/Demo-2026|argon2|passwordHash/);
    await login(t, 'fgw', 'Wrong-pass-2026').expect(401);
    await login(t, 'nobody', 'Wrong-pass-2026').expect(401);
  });

  it('locks the account after repeated failures and lets it in again once the lock expires', async () => {
    for (let i = 0; i < 3; i++) await login(t, 'jinfeng', 'Wrong-pass-2026').expect(401);
    const locked = await login(t, 'jinfeng', DEMO_PASSWORD).expect(423);
    expect(locked.body).toMatchObject({ code: 'AUTH.LOCKED', lockedUntil: '2026-03-02T01:15:00.000Z', detail: expect.stringContaining('2026-03-02 09:15（北京时间）') });
    clock.advance(14 * 60_000);
    await login(t, 'jinfeng', DEMO_PASSWORD).expect(423);
    clock.advance(2 * 60_000);
    await login(t, 'jinfeng', DEMO_PASSWORD).expect(200);
    // A success resets the count: one more failure does not lock.
    await login(t, 'jinfeng', 'Wrong-pass-2026').expect(401);
    await login(t, 'jinfeng', DEMO_PASSWORD).expect(200);
  });

  it('a refresh token works once; its reuse is refused and ends the whole session', async () => {
    const first = await login(t, 'gxj', DEMO_PASSWORD).expect(200);
    const second = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    const reuse = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('AUTH.REFRESH_REUSED');
    // The thief's use revoked the legitimate successor too.
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
  });

  it('logout revokes the refresh token', async () => {
    const session = await login(t, 'gxj', DEMO_PASSWORD).expect(200);
    await request(t.http).post('/api/v1/auth/logout').set('authorization', `Bearer ${session.body.accessToken}`).send({ refreshToken: session.body.refreshToken }).expect(204);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
  });

  it('a password change enforces the policy and ends every existing session', async () => {
    const session = await login(t, 'xingqing', DEMO_PASSWORD).expect(200);
    const bearer = `Bearer ${session.body.accessToken}`;
    const weak = await request(t.http).post('/api/v1/auth/password').set('authorization', bearer).send({ currentPassword: DEMO_PASSWORD, newPassword: 'short' }).expect(400);
    expect(weak.body.code).toBe('AUTH.WEAK_PASSWORD');
    await request(t.http).post('/api/v1/auth/password').set('authorization', bearer).send({ currentPassword: 'Not-the-one-1', newPassword: 'New-pass-2026!' }).expect(400);
    await request(t.http).post('/api/v1/auth/password').set('authorization', bearer).send({ currentPassword: DEMO_PASSWORD, newPassword: 'New-pass-2026!' }).expect(204);
    await request(t.http).get('/api/v1/auth/me').set('authorization', bearer).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
    await login(t, 'xingqing', DEMO_PASSWORD).expect(401);
    await login(t, 'xingqing', 'New-pass-2026!').expect(200);
  });

  it('an administrator reset forces a change at the next login before anything else', async () => {
    const office = (await login(t, 'office', DEMO_PASSWORD).expect(200)).body.accessToken;
    const target = await t.prisma.user.findUniqueOrThrow({ where: { username: 'xingqing-head' } });
    await request(t.http).post(`/api/v1/users/${target.id}/reset-password`).set('authorization', `Bearer ${office}`).send({ password: 'Temp-pass-2026' }).expect(204);
    const session = await login(t, 'xingqing-head', 'Temp-pass-2026').expect(200);
    expect(session.body.user.mustChangePassword).toBe(true);
    const bearer = `Bearer ${session.body.accessToken}`;
    const refused = await request(t.http).get('/api/v1/work-items').set('authorization', bearer).expect(403);
    expect(refused.body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    await request(t.http).get('/api/v1/auth/me').set('authorization', bearer).expect(200);
    await request(t.http).post('/api/v1/auth/password').set('authorization', bearer).send({ currentPassword: 'Temp-pass-2026', newPassword: 'Head-pass-2026!' }).expect(204);
    await request(t.http).get('/api/v1/auth/me').set('authorization', bearer).expect(401);
    const fresh = await login(t, 'xingqing-head', 'Head-pass-2026!').expect(200);
    await request(t.http).get('/api/v1/work-items').set('authorization', `Bearer ${fresh.body.accessToken}`).expect(200);
  });

  it('passwords never reach the logs', () => {
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of [DEMO_PASSWORD, 'Wrong-pass-2026', 'New-pass-2026!', 'Temp-pass-2026', 'Head-pass-2026!']) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/authorization|Bearer /i);
    // Every request is logged as JSON with its request id.
    const requests = logLines.map((l) => JSON.parse(l)).filter((l) => l.req);
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.every((l) => typeof l.req.id === 'string' && l.req.id.length > 0 && typeof l.res?.statusCode === 'number')).toBe(true);
  });
});

describe('login rate limit per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an address exceeds the limit', async () => {
    for (let i = 0; i < 3; i++) await login(t, 'nobody', 'Wrong-pass-2026').expect(401);
    const limited = await login(t, 'nobody', 'Wrong-pass-2026').expect(429);
    expect(limited.body.code).toBe('AUTH.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the login rate limit does not open the door, nor lock others out', () => {
  it('a malformed body is answered 400 without using up the address’s attempts', async () => {
    const t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 10; i++) await request(t.http).post('/api/v1/auth/login').send({ username: '', colour: 'red' }).expect(400);
      for (let i = 0; i < 3; i++) await login(t, 'nobody', 'Wrong-pass-2026').expect(401);
      await login(t, 'nobody', 'Wrong-pass-2026').expect(429);
    } finally {
      await t.close();
    }
  });

  it('with Redis down, each instance still counts attempts on its own', async () => {
    const t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3', REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      for (let i = 0; i < 3; i++) await login(t, 'nobody', 'Wrong-pass-2026').expect(401);
      const limited = await login(t, 'nobody', 'Wrong-pass-2026').expect(429);
      expect(limited.body.code).toBe('AUTH.RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
