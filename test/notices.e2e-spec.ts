import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';
import { buildReminderPlan } from './support/reminder-plan.js';

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

describe('supervision notices (督办单) through HTTP', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-03-20'));
  const tok: Record<string, string> = {};
  let plan: Awaited<ReturnType<typeof buildReminderPlan>>;
  const as = (who: string) => asUser(t, tok[who]);
  const issue = (body: object) => as('office').post('/api/v1/notices', body);
  const base = () => ({ workItemId: plan.itemA, unitId: plan.units.fgw, level: 'urge', reason: '光伏示范项目进度滞后于序时进度', requestedAction: '请说明原因并报送整改措施', replyDeadline: '2026-04-15' });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { JOBS_ENABLED: 'false' } });
    await seedDemo(t.app);
    for (const u of ['office', 'leader', 'fgw', 'fgw-head', 'xingqing', 'xingqing-head']) tok[u] = await tokenFor(t, u);
    plan = await buildReminderPlan(t);
    clock.set(at('2026-04-01'));
  });
  afterAll(() => t.close());

  let first: { id: string; version: number };

  it('issues numbered notices, gap-free under concurrent issuing; a refused issue takes no number', async () => {
    const one = await issue(base()).expect(201);
    expect(one.body).toMatchObject({ number: 1, numberText: '〔2026〕第1号', state: 'issued', level: 'urge', levelLabel: '催办', colour: 'blue', unitName: '市发改委' });
    first = one.body;
    const refused = await issue({ ...base(), replyDeadline: '2026-03-31' }).expect(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([{ field: 'replyDeadline', message: '不能早于 2026-04-01' }]);
    const many = await Promise.all(Array.from({ length: 8 }, () => issue(base())));
    expect(many.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(many.map((r) => r.body.number).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await issue(base()).expect(201)).body.numberText).toBe('〔2026〕第10号');
    // The unit hears of it in its inbox at once: reporters and head (催办 goes no wider).
    const told = await t.prisma.notification.findMany({ where: { subjectKey: `notice:${first.id}` }, include: { recipient: { select: { username: true } } } });
    expect(told.map((n) => n.recipient.username).sort()).toEqual(['fgw', 'fgw-head']);
  });

  it('bad input: unknown unit, a unit not responsible for the item, a past deadline — problem+json and nothing written', async () => {
    const before = await t.prisma.supervisionNotice.count();
    const unknown = await issue({ ...base(), unitId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(unknown.body.errors).toEqual([{ field: 'unitId', message: '没有这个单位' }]);
    const jinfeng = (await t.prisma.unit.findFirstOrThrow({ where: { name: '金凤区' } })).id;
    const notResponsible = await issue({ ...base(), unitId: jinfeng }).expect(422);
    expect(notResponsible.body.detail ?? notResponsible.body.title).toContain('金凤区不是该事项的牵头或配合单位');
    await issue({ ...base(), level: 'urgent' }).expect(400);
    await issue({ ...base(), replyDeadline: '2026-02-30' }).expect(400);
    expect(await t.prisma.supervisionNotice.count()).toBe(before);
    expect((await t.prisma.noticeCounter.findFirstOrThrow({ where: { planId: plan.planId } })).last).toBe(10);
  });

  it('acknowledge, reply, return, reply again, close — only the addressed unit’s head answers; others get 404', async () => {
    const url = `/api/v1/notices/${first.id}`;
    await as('xingqing-head').get(url).expect(404);
    await as('xingqing-head').post(`${url}/acknowledge`, { version: 1 }).expect(404);
    await as('fgw').post(`${url}/acknowledge`, { version: 1 }).expect(403);
    await as('office').post(`${url}/acknowledge`, { version: 1 }).expect(403);
    clock.set(at('2026-04-02', '09:30'));
    const ack = await as('fgw-head').post(`${url}/acknowledge`, { version: 1 }).expect(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedAt: '2026-04-02T01:30:00.000Z', version: 2 });
    await as('fgw-head').post(`${url}/acknowledge`, { version: 2 }).expect(409);
    // Reply by another unit: the notice does not exist for it.
    await as('xingqing-head').post(`${url}/reply`, { version: 2, reply: '兴庆区代为答复的内容' }).expect(404);
    await as('fgw-head').post(`${url}/reply`, { version: 2, reply: '短' }).expect(400);
    const replied = await as('fgw-head').post(`${url}/reply`, { version: 2, reply: '已组织施工单位倒排工期，4月底前完成主体安装' }).expect(200);
    expect(replied.body.state).toBe('replied');
    await as('office').post(`${url}/return`, { version: 3 }).expect(400);
    const returned = await as('office').post(`${url}/return`, { version: 3, reason: '请补充资金到位情况' }).expect(200);
    expect(returned.body).toMatchObject({ state: 'acknowledged', returnReason: '请补充资金到位情况' });
    await as('fgw-head').post(`${url}/reply`, { version: 4, reply: '资金已于4月2日下达，工期倒排完成' }).expect(200);
    await as('fgw-head').post(`${url}/close`, { version: 5 }).expect(403);
    const closed = await as('office').post(`${url}/close`, { version: 5 }).expect(200);
    expect(closed.body.state).toBe('closed');
    // In the item's history, for those who may see the notice.
    const history = async (who: string) => (await as(who).get(`/api/v1/audit-events?entityType=WorkItem&entityId=${plan.itemA}`).expect(200)).body as { action: string; entityId: string }[];
    const mine = (await history('office')).filter((e) => e.entityId === first.id).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['notice.issued', 'notice.acknowledged', 'notice.replied', 'notice.returned', 'notice.closed']));
    expect((await history('xingqing')).filter((e) => e.entityId === first.id)).toEqual([]);
    expect((await history('fgw')).filter((e) => e.entityId === first.id)).toHaveLength(mine.length);
  });

  it('numbers in the office’s own pattern from then on, the sequence continuing', async () => {
    await as('office').put(`/api/v1/plans/${plan.planId}/notice-pattern`, { pattern: '银碳督' }).expect(400);
    await as('fgw-head').put(`/api/v1/plans/${plan.planId}/notice-pattern`, { pattern: '银碳督〔{year}〕{n}号' }).expect(403);
    await as('office').put(`/api/v1/plans/${plan.planId}/notice-pattern`, { pattern: '银碳督〔{year}〕{n}号' }).expect(200);
    expect((await issue(base()).expect(201)).body).toMatchObject({ number: 11, numberText: '银碳督〔2026〕11号' });
  });

  it('a unit lists only its own notices', async () => {
    const toXingqing = await issue({ ...base(), unitId: plan.units.xingqing }).expect(201);
    const list = (await as('xingqing').get('/api/v1/notices').expect(200)).body as { id: string }[];
    expect(list.map((n) => n.id)).toEqual([toXingqing.body.id]);
    expect(((await as('office').get(`/api/v1/notices?planId=${plan.planId}`).expect(200)).body as unknown[]).length).toBe(12);
    expect(((await as('fgw').get('/api/v1/notices?state=closed').expect(200)).body as { id: string }[]).map((n) => n.id)).toEqual([first.id]);
  });

  /**
   * Escalation on a fixed clock. Notice X to 兴庆区 issued Wed 2026-04-01 (催办), never acknowledged: the two
   * working days are 04-02 and 04-03, so the first scan after — Tue 04-07, after the Qingming holiday 04-04..06 —
   * raises it to 督办 (the office is told); two working days after that (04-08, 04-09) → Fri 04-10 挂牌督办
   * (the leader is told); it climbs no higher. Notice Y to 市发改委, acknowledged, reply due 04-08, unanswered:
   * Thu 04-09 → 督办, once.
   */
  it('escalates automatically when not acknowledged in 2 working days or not answered by the deadline', async () => {
    await t.prisma.supervisionNotice.updateMany({ where: { state: { not: 'closed' } }, data: { state: 'closed' } });
    clock.set(at('2026-04-01'));
    const x = (await issue({ ...base(), unitId: plan.units.xingqing, replyDeadline: '2026-04-30' }).expect(201)).body;
    const y = (await issue({ ...base(), replyDeadline: '2026-04-08' }).expect(201)).body;
    await as('fgw-head').post(`/api/v1/notices/${y.id}/acknowledge`, { version: 1 }).expect(200);
    const levels: Record<string, string> = {};
    for (const day of ['2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10', '2026-04-13', '2026-04-20']) {
      clock.set(at(day, '09:00'));
      await as('office').post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
      const [nx, ny] = [await t.prisma.supervisionNotice.findUniqueOrThrow({ where: { id: x.id } }), await t.prisma.supervisionNotice.findUniqueOrThrow({ where: { id: y.id } })];
      levels[day] = `${nx.level}/${ny.level}`;
    }
    expect(levels).toEqual({
      '2026-04-02': 'urge/urge',
      '2026-04-03': 'urge/urge',
      '2026-04-06': 'urge/urge',
      '2026-04-07': 'supervise/urge',
      '2026-04-08': 'supervise/urge',
      '2026-04-09': 'supervise/supervise',
      '2026-04-10': 'listed/supervise',
      '2026-04-13': 'listed/supervise',
      '2026-04-20': 'listed/supervise',
    });
    const told = async (id: string) =>
      (await t.prisma.notification.findMany({ where: { subjectKey: `notice:${id}`, rule: 'notice_escalated' }, include: { recipient: { select: { username: true } } } }))
        .map((n) => `${n.occurrence} ${n.recipient.username}`)
        .sort();
    expect(await told(x.id)).toEqual([
      'level:listed leader',
      'level:listed office',
      'level:listed xingqing',
      'level:listed xingqing-head',
      'level:supervise office',
      'level:supervise xingqing',
      'level:supervise xingqing-head',
    ]);
    const audit = await t.prisma.auditEvent.findMany({ where: { entityId: x.id, action: 'notice.escalated' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => (a.after as { level: string }).level)).toEqual(['supervise', 'listed']);
    const fromApi = (await as('xingqing-head').get(`/api/v1/notices/${x.id}`).expect(200)).body;
    expect(fromApi).toMatchObject({ level: 'listed', levelLabel: '挂牌督办', colour: 'red', escalations: 2 });
  });

  it('a red light proposes a notice to the lead unit, issued as proposed in one request', async () => {
    await t.prisma.lightState.upsert({
      where: { workItemId_assignmentKey: { workItemId: plan.itemB, assignmentKey: '' } },
      create: { workItemId: plan.itemB, assignmentKey: '', light: 'red', reasons: [{ code: 'BEHIND_SCHEDULE', light: 'red', message: '落后序时进度 40 个百分点' }], computedAt: new Date() },
      update: { light: 'red', reasons: [{ code: 'BEHIND_SCHEDULE', light: 'red', message: '落后序时进度 40 个百分点' }] },
    });
    clock.set(at('2026-04-20'));
    const proposals = (await as('office').get(`/api/v1/plans/${plan.planId}/notice-proposals`).expect(200)).body;
    expect(proposals).toEqual([
      {
        workItemId: plan.itemB,
        workItem: { seq: '2', itemNo: 1, text: '持续推进公共机构节能' },
        unitId: plan.units.xingqing,
        unitName: '兴庆区',
        level: 'supervise',
        reason: '该事项亮红灯：落后序时进度 40 个百分点',
        requestedAction: '请分析原因、制定整改措施，并于答复期限前报送办理情况',
        // Five working days after Mon 04-20.
        replyDeadline: '2026-04-27',
      },
    ]);
    const { workItem: _ignored, unitName: _name, ...body } = proposals[0];
    await issue(body).expect(201);
    expect((await as('office').get(`/api/v1/plans/${plan.planId}/notice-proposals`).expect(200)).body).toEqual([]);
    await as('fgw-head').get(`/api/v1/plans/${plan.planId}/notice-proposals`).expect(403);
  });

  it('a light turned red is told once to the lead unit’s head and the office, whatever the number of scans', async () => {
    await t.prisma.lightChange.create({ data: { workItemId: plan.itemB, assignmentKey: '', fromLight: 'yellow', toLight: 'red', reasons: [], changedAt: at('2026-04-19', '01:00') } });
    const told = async () =>
      (await t.prisma.notification.findMany({ where: { rule: 'light_red' }, include: { recipient: { select: { username: true } } } })).map((n) => `${n.recipient.username} ${n.body}`).sort();
    for (const day of ['2026-04-20', '2026-04-20', '2026-04-21']) {
      clock.set(at(day, '09:00'));
      await as('office').post(`/api/v1/plans/${plan.planId}/reminders/scan`).expect(200);
    }
    expect(await told()).toEqual([
      'office 「2 持续推进公共机构节能」于 2026-04-19 亮红灯，请关注并督促整改',
      'xingqing-head 「2 持续推进公共机构节能」于 2026-04-19 亮红灯，请关注并督促整改',
    ]);
  });
});
