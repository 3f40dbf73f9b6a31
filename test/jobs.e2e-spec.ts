import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobsService } from '../src/jobs/jobs.service.js';
import { SCHEDULES } from '../src/jobs/schedules.js';
import { createTestApp, type TestApp } from './app.js';

/** A free TCP port on loopback, for a Redis of the test's own. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A Redis the test starts, stops and starts again on the same port; it keeps nothing on disk. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(true));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (up) return child;
    await sleep(100);
  }
  throw new Error('redis-server did not start (is it installed? apt-get install redis-server)');
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, seconds = 20): Promise<T> {
  for (let i = 0; i < seconds * 10; i++) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('schedules survive a Redis restart', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, JOBS_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await t.close();
    redis.kill('SIGKILL');
  });

  it('registers every schedule again once an empty Redis is back, without a service restart', async () => {
    const jobs = t.app.get(JobsService);
    for (const s of SCHEDULES) await until(`schedule ${s.id}`, () => jobs.schedule(s.id));
    expect(await jobs.schedule('lights-daily')).toMatchObject({ pattern: '0 1 * * *', tz: 'Asia/Shanghai' });

    redis.kill('SIGKILL');
    await once(redis, 'exit');
    redis = await startRedis(port); // a fresh server: every key, every schedule is gone
    for (const s of SCHEDULES) await until(`schedule ${s.id} after the restart`, () => jobs.schedule(s.id));
    expect(await jobs.schedule('lights-daily')).toMatchObject({ pattern: '0 1 * * *', tz: 'Asia/Shanghai' });
    expect(await jobs.schedule('outbox-sweep')).toMatchObject({ every: 15_000 });
  }, 60_000);
});
