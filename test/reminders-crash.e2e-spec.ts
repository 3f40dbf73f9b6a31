import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { seedDemo } from '../src/demo/demo-seed.js';
import { JobName } from '../src/jobs/job-names.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';
import { freePort, startRedis } from './support/redis.js';
import { buildReminderPlan } from './support/reminder-plan.js';
import { startSmtpSink, startWebhookSink } from './support/sinks.js';

/**
 * Through crashes, on a Redis of the test's own. On 2026-04-07 the report-late reminder makes two emails
 * (fgw-head, xingqing-head), one WeCom message (兴庆区) and one DingTalk message (市发改委): see
 * reminders.e2e-spec.ts. Each must arrive exactly once whatever dies between the ledger and the delivery.
 */
describe('reminders through a dead worker and an emptied Redis', () => {
  let redis: ChildProcess;
  let port: number;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hooks: Awaited<ReturnType<typeof startWebhookSink>>;
  const apps: TestApp[] = [];
  const start = async (jobs: boolean, clock: TestClock, database?: TestApp['db']) => {
    const t = await createTestApp({ clock, database, env: { REDIS_URL: `redis://127.0.0.1:${port}`, JOBS_ENABLED: String(jobs), SMTP_URL: smtp.url, NOTIFY_RETRY_DELAY_MS: '20' } });
    apps.push(t);
    return t;
  };
  const delivered = () => ({ mails: smtp.mails.map((m) => m.to.join()).sort(), hooks: hooks.hooks.map((h) => h.path).sort() });
  const waitAllSent = async (t: TestApp) => {
    for (let i = 0; i < 200 && (await t.prisma.notificationDelivery.count({ where: { status: { not: 'sent' } } })) > 0; i++) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    smtp = await startSmtpSink();
    hooks = await startWebhookSink();
  });
  afterAll(async () => {
    for (const t of apps.reverse()) await t.close().catch(() => undefined);
    redis.kill('SIGKILL');
    await smtp.close();
    await hooks.close();
  });

  async function setUp(t: TestApp) {
    await seedDemo(t.app);
    const plan = await buildReminderPlan(t);
    const office = await tokenFor(t, 'office');
    for (const who of ['fgw-head', 'xingqing-head']) await asUser(t, await tokenFor(t, who)).put('/api/v1/notifications/settings', { email: `${who}@example.gov.cn` }).expect(200);
    await asUser(t, office).put(`/api/v1/units/${plan.units.xingqing}/channels`, { wecomWebhook: `${hooks.base}/wecom?key=k1` }).expect(200);
    await asUser(t, office).put(`/api/v1/units/${plan.units.fgw}/channels`, { dingtalkWebhook: `${hooks.base}/dingtalk?access_token=t1` }).expect(200);
    return { plan, office };
  }

  it('a worker that dies after the scan queued the deliveries: the next worker sends each once', async () => {
    const clock = new TestClock(new Date('2026-03-20T09:00:00+08:00'));
    // An instance without workers scans and queues, then dies before anything is sent.
    const a = await start(false, clock);
    const { plan, office } = await setUp(a);
    clock.set(new Date('2026-04-07T09:00:00+08:00'));
    expect((await asUser(a, office).post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200)).body).toMatchObject({ written: 4, queued: 4 });
    await a.app.close(); // the process dies; its database stays (dropped at the end)
    expect(delivered()).toEqual({ mails: [], hooks: [] });

    const b = await start(true, clock, a.db);
    await waitAllSent(b);
    expect(delivered()).toEqual({ mails: ['fgw-head@example.gov.cn', 'xingqing-head@example.gov.cn'], hooks: ['/dingtalk', '/wecom'] });

    // Redis restarted empty after the next day's scan queued its jobs and before any worker ran them: the
    // sweep of a worker started afterwards finds the pending rows again.
    await b.app.close();
    const c = await start(false, clock, a.db);
    clock.set(new Date('2026-04-08T09:00:00+08:00'));
    expect((await asUser(c, office).post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200)).body).toMatchObject({ written: 4, queued: 4 });
    redis.kill('SIGKILL');
    await once(redis, 'exit');
    redis = await startRedis(port);
    expect(delivered().mails).toHaveLength(2);
    // The sweep leaves deliveries younger than 30 s to the jobs queued with them: these are a minute old.
    await c.prisma.$executeRaw`UPDATE notification_deliveries SET created_at = created_at - interval '1 minute' WHERE status = 'pending'`;
    const d = await start(true, clock, a.db);
    const jobs = d.app.get(JobsService);
    for (let i = 0; i < 100; i++) {
      const swept = await jobs.runNow(JobName.NotificationSweep, {}).catch(() => undefined);
      if (swept !== undefined) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await waitAllSent(d);
    expect(delivered()).toEqual({
      mails: ['fgw-head@example.gov.cn', 'fgw-head@example.gov.cn', 'xingqing-head@example.gov.cn', 'xingqing-head@example.gov.cn'],
      hooks: ['/dingtalk', '/dingtalk', '/wecom', '/wecom'],
    });
    expect(await d.prisma.notificationDelivery.count({ where: { status: 'sent' } })).toBe(8);
  }, 60_000);
});
