import { seedDemo } from '../src/demo/demo-seed.js';
import { JobName } from '../src/jobs/job-names.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { DeliveryService } from '../src/notifications/delivery.service.js';
import { scheduleId } from '../src/reminders/reminders.service.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';
import { buildReminderPlan } from './support/reminder-plan.js';
import { startSmtpSink, startWebhookSink } from './support/sinks.js';

const DINGTALK_SECRET = 'SECtest-dingtalk-secret-0001';
/** 09:00 Beijing time, the default send hour. */
const nine = (day: string) => new Date(`${day}T09:00:00+08:00`);
const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function settled(t: TestApp) {
  // Deliveries run on the BullMQ workers of the app: wait until none is pending (or only quiet-time ones).
  for (let i = 0; i < 200; i++) {
    if ((await t.prisma.notificationDelivery.count({ where: { status: 'pending' } })) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('deliveries still pending');
}

/**
 * The worked calendar. Hand-computed from the rules (report due T−7/−3/−1; late +1/+3/+7 then every 7 days,
 * office from +7; deadline T−30/−7/−1, overdue +1/+7 then every 30 days, supporting units overdue only),
 * sent on working days only: a reminder before a date that falls on a day off comes on the working day
 * before, one after a date on the first working day after. Calendar facts (chinese-days):
 *   2026-04-04..06 清明 holiday (Sat–Mon); 2026-05-01..05 劳动节 holiday; 2026-05-09 (Sat) make-up working day.
 * Report due 2026-04-05 (Sun):  T−7 = 03-29 Sun → Fri 03-27;  T−3 = 04-02 Thu;  T−1 = 04-04 holiday → Fri 04-03.
 *   late +1 = 04-06 holiday → Tue 04-07;  +3 = 04-08;  +7 = 04-12 Sun → Mon 04-13 (office from here);
 *   +14 = 04-19 → 04-20 (兴庆区 muted 04-14..04-24: nothing);  +21 = 04-26 → 04-27;  +28 = 05-03 holiday → Wed 05-06;
 *   +35 = 05-10 Sun → Mon 05-11 (Sat 05-09 is a working day, so 05-11 covers 05-10 and 05-11 only);  +42 = 05-17 → 05-18.
 * Item A due 2026-05-10 (Sun): T−30 = 04-10 Fri;  T−7 = 05-03 holiday → Thu 04-30;  T−1 = 05-09 make-up Saturday;
 *   overdue +1 = 05-11;  +7 = 05-17 Sun → 05-18. Item B is ongoing: never.
 * Events: 04-01 fgw saves a draft (so 市发改委's reminders go to its head for sign-off); 04-09 fgw-head signs off;
 *   04-14 the office mutes 兴庆区 for report_late; 04-24 lifts it. 04-13's scan runs at 21:30 (quiet hours).
 */
const EXPECTED: Record<string, string[]> = {
  '2026-03-27': ['report_due fgw', 'report_due xingqing'],
  '2026-04-02': ['report_due xingqing', 'report_signoff fgw-head'],
  '2026-04-03': ['report_due xingqing', 'report_signoff fgw-head'],
  '2026-04-07': ['report_late fgw', 'report_late fgw-head', 'report_late xingqing', 'report_late xingqing-head'],
  '2026-04-08': ['report_late fgw', 'report_late fgw-head', 'report_late xingqing', 'report_late xingqing-head'],
  '2026-04-10': ['deadline_due fgw-head'],
  '2026-04-13': ['report_late office', 'report_late xingqing', 'report_late xingqing-head'],
  '2026-04-27': ['report_late office', 'report_late xingqing', 'report_late xingqing-head'],
  '2026-04-30': ['deadline_due fgw-head'],
  '2026-05-06': ['report_late office', 'report_late xingqing', 'report_late xingqing-head'],
  '2026-05-09': ['deadline_due fgw-head'],
  '2026-05-11': ['deadline_overdue fgw-head', 'deadline_overdue xingqing-head', 'report_late office', 'report_late xingqing', 'report_late xingqing-head'],
  '2026-05-18': ['deadline_overdue fgw-head', 'deadline_overdue xingqing-head', 'report_late office', 'report_late xingqing', 'report_late xingqing-head'],
};

describe('reminders on a fixed calendar, delivered in-app, by email and to group robots', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hooks: Awaited<ReturnType<typeof startWebhookSink>>;
  const clock = new TestClock(nine('2026-03-20'));
  const tok: Record<string, string> = {};
  let plan: Awaited<ReturnType<typeof buildReminderPlan>>;
  const as = (who: string) => asUser(t, tok[who]);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookSink(DINGTALK_SECRET);
    t = await createTestApp({ clock, env: { JOBS_ENABLED: 'true', SMTP_URL: smtp.url, NOTIFY_RETRY_DELAY_MS: '20', NOTIFY_MAX_ATTEMPTS: '3' } });
    await seedDemo(t.app);
    for (const u of ['office', 'fgw', 'fgw-head', 'xingqing', 'xingqing-head']) tok[u] = await tokenFor(t, u);
    plan = await buildReminderPlan(t);
    // Light reminders follow the lights' own clock; this calendar is about dates.
    const rules = (await as('office').get(`/api/v1/plans/${plan.planId}/reminder-rules`).expect(200)).body;
    expect(rules).toEqual({
      sendHour: 9,
      reportDue: { enabled: true, daysBefore: [7, 3, 1] },
      reportLate: { enabled: true, daysAfter: [1, 3, 7], repeatEveryDays: 7, officeFromDay: 7 },
      deadline: { enabled: true, daysBefore: [30, 7, 1], daysAfter: [1, 7], repeatEveryDays: 30 },
      lightRed: { enabled: true },
    });
    await as('office').put(`/api/v1/plans/${plan.planId}/reminder-rules`, { ...rules, lightRed: { enabled: false } }).expect(200);
    await as('fgw-head').put('/api/v1/notifications/settings', { email: 'fgw-head@example.gov.cn' }).expect(200);
    await as('xingqing-head').put('/api/v1/notifications/settings', { email: 'xq-head@example.gov.cn' }).expect(200);
    await as('fgw').put('/api/v1/notifications/settings', { email: 'fgw@example.gov.cn', emailOptOut: true }).expect(200);
    await as('office').put(`/api/v1/units/${plan.units.xingqing}/channels`, { wecomWebhook: `${hooks.base}/wecom/send?key=xq-robot-key` }).expect(200);
    await as('office').put(`/api/v1/units/${plan.units.fgw}/channels`, { dingtalkWebhook: `${hooks.base}/dingtalk/send?access_token=fgw-token`, dingtalkSecret: DINGTALK_SECRET }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await hooks.close();
  });

  it('who receives what on each day, with digests, holidays, a make-up day, quiet hours and a mute', async () => {
    const got: Record<string, string[]> = {};
    let muteId = '';
    for (let day = '2026-03-23'; day <= '2026-05-19'; day = addDay(day, 1)) {
      const quiet = day === '2026-04-13';
      clock.set(quiet ? new Date(`${day}T21:30:00+08:00`) : nine(day));
      const scan = await as('office').post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
      const rows = await t.prisma.notification.findMany({ where: { planId: plan.planId, day: new Date(day) }, include: { recipient: { select: { username: true } } } });
      if (rows.length) got[day] = rows.map((r) => `${r.rule} ${r.recipient.username}`).sort();
      expect(scan.body.written).toBe(rows.length);
      if (quiet) {
        // Written to the inbox at once; nothing leaves before 08:00.
        const mailsBefore = smtp.mails.length;
        await new Promise((r) => setTimeout(r, 300));
        expect(smtp.mails.length).toBe(mailsBefore);
        const pending = await t.prisma.notificationDelivery.findMany({ where: { status: 'pending' } });
        expect(pending.map((d) => d.channel).sort()).toEqual(['email', 'wecom']);
        clock.set(new Date('2026-04-14T07:59:00+08:00'));
        expect(await t.app.get(DeliveryService).deliver(pending[0].id)).toBe('quiet');
        clock.set(new Date('2026-04-14T08:00:00+08:00'));
        await t.app.get(DeliveryService).enqueue(pending.map((d) => d.id));
      }
      await settled(t);
      clock.set(new Date(`${day}T10:00:00+08:00`));
      if (day === '2026-04-01') {
        const v = (await t.prisma.progressReport.findUniqueOrThrow({ where: { id: plan.fgwReport } })).version;
        await as('fgw').put(`/api/v1/reports/${plan.fgwReport}`, { status: 'on_track', percent: 40, done: '完成选址', problems: '无', nextSteps: '开工建设', version: v }).expect(200);
      }
      if (day === '2026-04-09') {
        const v = (await t.prisma.progressReport.findUniqueOrThrow({ where: { id: plan.fgwReport } })).version;
        await as('fgw-head').post(`/api/v1/reports/${plan.fgwReport}/sign-off`, { version: v }).expect(200);
      }
      if (day === '2026-04-14') {
        muteId = (await as('office').post(`/api/v1/plans/${plan.planId}/reminder-mutes`, { unitId: plan.units.xingqing, rule: 'report_late', reason: '兴庆区已书面说明，因机构调整暂缓报送' }).expect(201)).body.id;
      }
      if (day === '2026-04-24') await as('office').post(`/api/v1/reminder-mutes/${muteId}/lift`, { reason: '机构调整完成，恢复提醒' }).expect(204);
    }
    expect(got).toEqual(EXPECTED);

    // The words a unit reads.
    const body = async (day: string, username: string, rule: string) =>
      (await t.prisma.notification.findFirstOrThrow({ where: { planId: plan.planId, day: new Date(day), rule, recipient: { username } } })).body;
    expect(await body('2026-04-03', 'xingqing', 'report_due')).toBe('「2026年第1季度」尚有 2 项进度报告未报送，2026-04-05 截止（还有 2 天）');
    expect(await body('2026-04-07', 'fgw-head', 'report_late')).toBe('「2026年第1季度」有 1 项进度报告逾期未报（2026-04-05 截止，已逾期 2 天）');
    expect(await body('2026-05-09', 'fgw-head', 'deadline_due')).toBe('「1 建成屋顶分布式光伏示范项目」完成时限 2026-05-10，还有 1 天');
    expect(await body('2026-05-11', 'xingqing-head', 'deadline_overdue')).toBe('「1 建成屋顶分布式光伏示范项目」完成时限 2026-05-10 已过 1 天，尚未完成');

    // Email: one digest per recipient and day; fgw opted out, xingqing and the office have no address.
    const mailDays = (to: string) => smtp.mails.filter((m) => m.to.includes(to)).length;
    expect(mailDays('fgw-head@example.gov.cn')).toBe(Object.values(EXPECTED).filter((l) => l.some((x) => x.endsWith(' fgw-head'))).length);
    expect(mailDays('xq-head@example.gov.cn')).toBe(Object.values(EXPECTED).filter((l) => l.some((x) => x.endsWith(' xingqing-head'))).length);
    expect(smtp.mails.length).toBe(9 + 7);
    expect(smtp.mails.some((m) => m.to.includes('fgw@example.gov.cn'))).toBe(false);
    const digest = await t.prisma.notificationDelivery.findFirstOrThrow({ where: { channel: 'email', day: new Date('2026-05-11'), target: (await t.prisma.user.findUniqueOrThrow({ where: { username: 'xingqing-head' } })).id } });
    expect(digest.subject).toBe('【碳达峰工作提醒】2026-05-11 您有 2 项待办事项');
    expect(digest.body).toBe(
      [
        '兴庆区负责人，您好：',
        '截至 2026-05-11，以下 2 项事项需要关注：',
        '',
        '【提醒测试方案】',
        '  兴庆区：',
        '    1. 逾期未完成：「1 建成屋顶分布式光伏示范项目」完成时限 2026-05-10 已过 1 天，尚未完成',
        '    2. 逾期未报：「2026年第1季度」有 2 项进度报告逾期未报（2026-04-05 截止，已逾期 36 天）',
        '',
        '请登录碳达峰实施方案责任落实跟踪系统办理。本消息由系统自动发送，请勿直接回复。',
      ].join('\n'),
    );
    // Robots: one message per unit and day (the reporter and head told of one report: heard once), DingTalk signed.
    const wecom = hooks.hooks.filter((h) => h.path === '/wecom/send');
    const dingtalk = hooks.hooks.filter((h) => h.path === '/dingtalk/send');
    const unitDays = (names: string[]) => Object.values(EXPECTED).filter((l) => l.some((x) => names.includes(x.split(' ')[1]))).length;
    expect(wecom.length).toBe(unitDays(['xingqing', 'xingqing-head']));
    expect(dingtalk.length).toBe(unitDays(['fgw', 'fgw-head']));
    expect(hooks.state.badSignatures).toBe(0);
    expect(wecom.every((h) => h.query.get('key') === 'xq-robot-key' && h.body.msgtype === 'text')).toBe(true);
    const may11 = wecom.find((h) => h.body.text.content.includes('2026-05-11'))!.body.text.content;
    expect(may11.match(/逾期未报：/g)).toHaveLength(1);
    expect(may11).toContain('【碳达峰工作提醒】兴庆区 2026-05-11 共 2 项待办事项');
    // The mute and its lifting are in the audit trail with the reason.
    const audit = await t.prisma.auditEvent.findMany({ where: { entityId: muteId }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['reminder.muted', 'reminder.unmuted']);
  });

  it('a second scan of the same day writes and sends nothing more; the preview shows what would go out without sending', async () => {
    const mails = smtp.mails.length;
    clock.set(nine('2026-05-18'));
    const again = await as('office').post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
    expect(again.body.written).toBe(0);
    await settled(t);
    expect(smtp.mails.length).toBe(mails);
    const preview = await as('office').get(`/api/v1/reminders/preview?planId=${plan.planId}&at=2026-05-25`).expect(200);
    // +49 = 05-24 (Sun) → Mon 05-25: the late reminder to 兴庆区 and the office; nothing written by looking.
    expect(preview.body.day).toBe('2026-05-25');
    expect(preview.body.window).toEqual(['2026-05-23', '2026-05-24', '2026-05-25']);
    expect(preview.body.items.map((i: { rule: string; recipientName: string; alreadySent: boolean }) => `${i.rule} ${i.recipientName} ${i.alreadySent}`).sort()).toEqual([
      'report_late 兴庆区填报员 false',
      'report_late 兴庆区负责人 false',
      'report_late 领导小组办公室管理员 false',
    ]);
    expect(await t.prisma.notification.count({ where: { day: new Date('2026-05-25') } })).toBe(0);
    const past = await as('office').get(`/api/v1/reminders/preview?planId=${plan.planId}&at=2026-05-18`).expect(200);
    expect(past.body.items.every((i: { alreadySent: boolean }) => i.alreadySent)).toBe(true);
    const holiday = await as('office').get(`/api/v1/reminders/preview?planId=${plan.planId}&at=2026-05-02`).expect(200);
    expect(holiday.body).toMatchObject({ workingDay: false, items: [] });
  });

  it('the inbox: a user sees only their own messages, the unread count, and marks them read', async () => {
    const list = await as('xingqing').get('/api/v1/notifications?pageSize=5').expect(200);
    const mine = await t.prisma.notification.count({ where: { recipient: { username: 'xingqing' } } });
    expect(list.body).toMatchObject({ total: mine, unread: mine, page: 1, pageSize: 5 });
    expect(list.body.items).toHaveLength(5);
    expect((await as('xingqing').get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ unread: mine });
    const first = list.body.items[0].id;
    // Another user's message is missing, like one that does not exist.
    await as('fgw').post(`/api/v1/notifications/${first}/read`).expect(404);
    const read = await as('xingqing').post(`/api/v1/notifications/${first}/read`).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await as('xingqing').get('/api/v1/notifications?unread=true').expect(200)).body.total).toBe(mine - 1);
    expect((await as('xingqing').post('/api/v1/notifications/read-all').expect(200)).body).toEqual({ marked: mine - 1 });
    expect((await as('xingqing').get('/api/v1/notifications/unread-count').expect(200)).body).toEqual({ unread: 0 });
    expect((await as('fgw').get('/api/v1/notifications/unread-count').expect(200)).body.unread).toBeGreaterThan(0);
  });

  it('a failing robot is retried, recorded per try, parked as a dead letter without holding back email, and retried by the office', async () => {
    hooks.state.failing = true;
    const mails = smtp.mails.length;
    clock.set(nine('2026-05-25'));
    await as('office').post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
    await settled(t);
    expect(smtp.mails.length).toBe(mails + 1); // xingqing-head's email went out
    const dead = (await as('office').get('/api/v1/notification-deliveries?status=dead').expect(200)).body;
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ channel: 'wecom', attempts: 3, status: 'dead' });
    expect(dead.items[0].lastError).toContain('企业微信机器人拒收（HTTP 500');
    expect(dead.items[0].lastError).not.toContain('xq-robot-key');
    expect(await t.prisma.deliveryAttempt.count({ where: { deliveryId: dead.items[0].id } })).toBe(3);
    const ready = await asUser(t, '').get('/health/ready').expect(200);
    expect(ready.body.notifications).toEqual({ pending: 0, dead: 1 });
    hooks.state.failing = false;
    const before = hooks.hooks.length;
    await as('office').post(`/api/v1/notification-deliveries/${dead.items[0].id}/retry`).expect(200);
    await settled(t);
    expect(hooks.hooks.length).toBe(before + 1);
    expect((await t.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: dead.items[0].id } })).status).toBe('sent');
  });

  it('each plan has one job scheduler at its send hour, Beijing time, registered when the plan got its period and moved with the rules', async () => {
    const jobs = t.app.get(JobsService);
    const before = await jobs.schedule(scheduleId(plan.planId), JobName.ReminderScan);
    expect(before).toMatchObject({ pattern: '0 9 * * *', tz: 'Asia/Shanghai' });
    const rules = (await as('office').get(`/api/v1/plans/${plan.planId}/reminder-rules`).expect(200)).body;
    await as('office').put(`/api/v1/plans/${plan.planId}/reminder-rules`, { ...rules, sendHour: 10 }).expect(200);
    expect(await jobs.schedule(scheduleId(plan.planId), JobName.ReminderScan)).toMatchObject({ pattern: '0 10 * * *', tz: 'Asia/Shanghai' });
    await as('office').put(`/api/v1/plans/${plan.planId}/reminder-rules`, rules).expect(200);
  });

  it('the office corrects the calendar where the library does not know a year yet (2027)', async () => {
    const y2026 = (await as('office').get('/api/v1/calendar-days?year=2026').expect(200)).body as { day: string; workday: boolean; source: string }[];
    expect(y2026.find((d) => d.day === '2026-05-09')).toEqual({ day: '2026-05-09', workday: true, name: null, source: 'library' });
    expect(y2026.find((d) => d.day === '2026-10-01')).toMatchObject({ workday: false, source: 'library' });
    // chinese-days 1.5.7 has no 2027 data: it takes 2027-01-01 (a Friday) for a working day.
    expect((await as('office').get(`/api/v1/reminders/preview?planId=${plan.planId}&at=2027-01-01`).expect(200)).body.workingDay).toBe(true);
    await as('office').put('/api/v1/calendar-days/2027-01-01', { workday: false, name: '元旦' }).expect(200);
    expect((await as('office').get(`/api/v1/reminders/preview?planId=${plan.planId}&at=2027-01-01`).expect(200)).body).toMatchObject({ workingDay: false, items: [] });
    expect((await as('office').get('/api/v1/calendar-days?year=2027').expect(200)).body).toContainEqual({ day: '2027-01-01', workday: false, name: '元旦', source: 'office' });
    await as('office').put('/api/v1/calendar-days/2027-02-30', { workday: false, name: '错误日期' }).expect(400);
    await as('office').put('/api/v1/calendar-days/2027-01-04', { workday: 'no', name: '错误' }).expect(400);
    await as('xingqing-head').put('/api/v1/calendar-days/2027-01-04', { workday: false, name: '越权' }).expect(403);
    expect(await t.prisma.calendarOverride.count()).toBe(1);
  });

  it('bad input is refused with problem+json and nothing is written', async () => {
    const bad = await as('office').put(`/api/v1/units/${plan.units.fgw}/channels`, { wecomWebhook: 'not a url' }).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('wecomWebhook');
    expect((await as('office').get(`/api/v1/units/${plan.units.fgw}/channels`).expect(200)).body).toEqual({ unitId: plan.units.fgw, wecomConfigured: false, dingtalkConfigured: true, dingtalkSigned: true });
    const unknown = await as('office').post(`/api/v1/plans/${plan.planId}/reminder-mutes`, { unitId: '00000000-0000-4000-8000-000000000000', rule: 'report_late', reason: '测试' }).expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    await as('office').post(`/api/v1/plans/${plan.planId}/reminder-mutes`, { unitId: plan.units.fgw, rule: 'no_such_rule', reason: '测试' }).expect(400);
    await as('office').put(`/api/v1/plans/${plan.planId}/reminder-rules`, { sendHour: 21 }).expect(400);
    await as('office').get(`/api/v1/reminders/preview?planId=${plan.planId}&at=next-week`).expect(400);
    await as('xingqing').put('/api/v1/notifications/settings', { email: 'not-an-email' }).expect(400);
    expect(await t.prisma.reminderMute.count()).toBe(0);
    // The secret is never echoed, nor kept in the audit trail.
    const audits = await t.prisma.auditEvent.findMany({ where: { action: 'unit.channels_set' } });
    const text = JSON.stringify(audits.map((a) => [a.before, a.after]));
    expect(audits.length).toBeGreaterThan(0);
    expect(text).not.toContain(DINGTALK_SECRET);
    expect(text).not.toContain('fgw-token');
  });
});
