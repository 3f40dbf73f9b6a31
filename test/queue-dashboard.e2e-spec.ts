import request from 'supertest';
import { hashPassword } from '../src/auth/passwords.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, tokenFor, type TestApp } from './app.js';

describe('the queue dashboard (bull-board) is for system administrators only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { JOBS_ENABLED: 'true' } });
    await seedDemo(t.app);
    const office = await t.prisma.user.findUniqueOrThrow({ where: { username: 'office' } });
    await t.prisma.user.create({ data: { username: 'sysadmin', displayName: '系统管理员', unitId: office.unitId, roles: ['system_admin'], passwordHash: await hashPassword('Sysadmin-pass-2026') } });
  });
  afterAll(() => t.close());

  it('refuses anonymous and office callers with problem+json, serves a system administrator by header or by its session cookie', async () => {
    const anonymous = await request(t.http).get('/admin/queues').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await request(t.http).get('/admin/queues/api/queues').set('cookie', 'cpt_queues=forged.token.value').expect(401);
    const office = await tokenFor(t, 'office');
    await request(t.http).get('/admin/queues').set('authorization', office).expect(403);
    await request(t.http).post('/api/v1/admin/queue-dashboard/session').set('authorization', office).expect(403);

    const admin = await tokenFor(t, 'sysadmin', 'Sysadmin-pass-2026');
    const page = await request(t.http).get('/admin/queues').set('authorization', admin).expect(200);
    expect(page.text).toContain('<html');
    const session = await request(t.http).post('/api/v1/admin/queue-dashboard/session').set('authorization', admin).expect(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/^cpt_queues=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=900$/);
    const queues = await request(t.http).get('/admin/queues/api/queues').set('cookie', cookie.split(';')[0]).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['maintenance', 'notifications']);
  });
});
