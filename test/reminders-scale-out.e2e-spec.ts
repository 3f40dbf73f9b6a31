import { seedDemo } from '../src/demo/demo-seed.js';
import { DeliveryService } from '../src/notifications/delivery.service.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';
import { buildReminderPlan } from './support/reminder-plan.js';
import { startSmtpSink, startWebhookSink } from './support/sinks.js';

/**
 * Exactly once with two service instances on one database and Redis, each scanning and delivering. On
 * 2026-04-07 (see reminders.e2e-spec.ts) the report-late reminder goes to fgw, fgw-head, xingqing and
 * xingqing-head: two emails (the heads have addresses), one WeCom message (兴庆区), one DingTalk message (市发改委).
 */
describe('reminders exactly once across two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hooks: Awaited<ReturnType<typeof startWebhookSink>>;
  const day = new Date('2026-04-07T09:00:00+08:00');
  const clockA = new TestClock(new Date('2026-03-20T09:00:00+08:00'));
  const clockB = new TestClock(day);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookSink();
    const env = { JOBS_ENABLED: 'true', SMTP_URL: smtp.url, NOTIFY_RETRY_DELAY_MS: '20' };
    a = await createTestApp({ clock: clockA, env });
    await seedDemo(a.app);
    b = await createTestApp({ database: a.db, clock: clockB, env });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await smtp.close();
    await hooks.close();
  });

  it('both scan twice at once and both deliver: each message arrives once', async () => {
    const plan = await buildReminderPlan(a);
    const office = await tokenFor(a, 'office');
    for (const who of ['fgw-head', 'xingqing-head']) await asUser(a, await tokenFor(a, who)).put('/api/v1/notifications/settings', { email: `${who}@example.gov.cn` }).expect(200);
    await asUser(a, office).put(`/api/v1/units/${plan.units.xingqing}/channels`, { wecomWebhook: `${hooks.base}/wecom?key=k1` }).expect(200);
    await asUser(a, office).put(`/api/v1/units/${plan.units.fgw}/channels`, { dingtalkWebhook: `${hooks.base}/dingtalk?access_token=t1` }).expect(200);
    clockA.set(day);
    const scan = (t: TestApp) => asUser(t, office).post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
    const first = await Promise.all([scan(a), scan(b), scan(a), scan(b)]);
    expect(first.reduce((n, r) => n + r.body.written, 0)).toBe(4);
    // Both instances queue every delivery again, as a sweep after a lost Redis would.
    const ids = (await a.prisma.notificationDelivery.findMany()).map((d) => d.id);
    await Promise.all([a.app.get(DeliveryService).enqueue(ids), b.app.get(DeliveryService).enqueue(ids), ...ids.map((id) => b.app.get(DeliveryService).deliver(id))]);
    for (let i = 0; i < 200 && (await a.prisma.notificationDelivery.count({ where: { status: { not: 'sent' } } })) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await Promise.all([scan(b), scan(a)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await a.prisma.notification.count()).toBe(4);
    expect(smtp.mails.map((m) => m.to.join()).sort()).toEqual(['fgw-head@example.gov.cn', 'xingqing-head@example.gov.cn']);
    expect(hooks.hooks.map((h) => h.path).sort()).toEqual(['/dingtalk', '/wecom']);
    expect(await a.prisma.deliveryAttempt.count({ where: { ok: true } })).toBe(4);
  });
});
