import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

/** Two instances behind a load balancer share sessions and see each other's access changes at once. */
describe('two service instances on one database and Redis', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ env: { JOBS_ENABLED: 'true' } });
    await seedDemo(a.app);
    b = await createTestApp({ database: a.db, env: { JOBS_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a session from one instance works on the other; a user disabled on one is refused on the other at once', async () => {
    const user = await tokenFor(a, 'xingqing');
    const office = await tokenFor(b, 'office');
    // B loads and caches the principal.
    await request(b.http).get('/api/v1/work-items').set('authorization', user).expect(200);
    const target = await a.prisma.user.findFirstOrThrow({ where: { username: 'xingqing' } });
    await request(a.http).patch(`/api/v1/users/${target.id}`).set('authorization', office).send({ rowVersion: target.rowVersion, disabled: true }).expect(200);
    // Pub/sub reaches B before the next request: no window where the disabled user still reads.
    for (let i = 0; i < 20; i++) {
      const res = await request(b.http).get('/api/v1/work-items').set('authorization', user);
      if (res.status === 401) break;
      await new Promise((r) => setTimeout(r, 25));
      if (i === 19) throw new Error(`still ${res.status} on the other instance`);
    }
    await request(a.http).get('/api/v1/work-items').set('authorization', user).expect(401);
  });

  it('a role taken away on one instance narrows access on the other', async () => {
    const head = await tokenFor(a, 'fgw-head');
    const report = await a.prisma.user.findFirstOrThrow({ where: { username: 'fgw' } });
    await request(b.http).get('/api/v1/users').set('authorization', head).expect(200);
    const target = await a.prisma.user.findFirstOrThrow({ where: { username: 'fgw-head' } });
    await request(a.http).patch(`/api/v1/users/${target.id}`).set('authorization', await tokenFor(a, 'office')).send({ rowVersion: target.rowVersion, roles: ['unit_reporter'] }).expect(200);
    let status = 0;
    for (let i = 0; i < 20 && status !== 403; i++) {
      status = (await request(b.http).get(`/api/v1/users/${report.id}`).set('authorization', head)).status;
      if (status !== 403) await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(403);
  });

  it('a unit renamed or a user’s display name changed on one instance shows in the other’s 当前用户 at once', async () => {
    const user = await tokenFor(a, 'jinfeng');
    const office = await tokenFor(a, 'office');
    expect((await request(b.http).get('/api/v1/auth/me').set('authorization', user).expect(200)).body).toMatchObject({ unitName: '金凤区', displayName: '金凤区填报员' });
    const unit = await a.prisma.unit.findFirstOrThrow({ where: { name: '金凤区' } });
    await request(a.http).patch(`/api/v1/units/${unit.id}`).set('authorization', office).send({ rowVersion: unit.rowVersion, name: '金凤区（新）' }).expect(200);
    const me = await a.prisma.user.findFirstOrThrow({ where: { username: 'jinfeng' } });
    await request(a.http).patch(`/api/v1/users/${me.id}`).set('authorization', office).send({ rowVersion: me.rowVersion, displayName: '金凤区统计员' }).expect(200);
    let body: { unitName?: string; displayName?: string } = {};
    for (let i = 0; i < 20 && body.displayName !== '金凤区统计员'; i++) {
      body = (await request(b.http).get('/api/v1/auth/me').set('authorization', user).expect(200)).body;
      if (body.displayName !== '金凤区统计员') await new Promise((r) => setTimeout(r, 25));
    }
    expect(body).toMatchObject({ unitName: '金凤区（新）', displayName: '金凤区统计员' });
  });
});

describe('the principal cache follows the database within its stated bound', () => {
  it('a change made behind the service’s back (no invalidation) shows after PRINCIPAL_CACHE_SECONDS at the latest', async () => {
    const clock = new TestClock(new Date());
    const t = await createTestApp({ clock, env: { PRINCIPAL_CACHE_SECONDS: '30' } });
    try {
      await seedDemo(t.app);
      const user = await tokenFor(t, 'jinfeng');
      await request(t.http).get('/api/v1/work-items').set('authorization', user).expect(200);
      await t.prisma.user.update({ where: { username: 'jinfeng' }, data: { disabled: true } });
      clock.advance(29_000);
      await request(t.http).get('/api/v1/work-items').set('authorization', user).expect(200);
      clock.advance(2_000);
      await request(t.http).get('/api/v1/work-items').set('authorization', user).expect(401);
    } finally {
      await t.close();
    }
  });

  it('while Redis is down (no invalidation can travel), nothing is served from the cache at all', async () => {
    const t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', PRINCIPAL_CACHE_SECONDS: '30' } });
    try {
      await seedDemo(t.app);
      const user = await tokenFor(t, 'jinfeng');
      await request(t.http).get('/api/v1/work-items').set('authorization', user).expect(200);
      await t.prisma.user.update({ where: { username: 'jinfeng' }, data: { disabled: true } });
      await request(t.http).get('/api/v1/work-items').set('authorization', user).expect(401);
    } finally {
      await t.close();
    }
  });
});
