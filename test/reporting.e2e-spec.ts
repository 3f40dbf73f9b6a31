import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { JobName } from '../src/jobs/job-names.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/**
 * A worked example on fixed dates. Plan (start 2026-01-01), quarterly reports due on the 10th:
 *   1  能源  市发改委 leads, 兴庆区 supports   due 2026-12-31
 *   2  能源  兴庆区 leads, 市发改委 supports   due 2026-06-30
 *   3  交通  金凤区 leads                      持续推进 (ongoing)
 */
const TABLE = [
  '序号,重点领域,主要工作,牵头单位,配合单位,完成时限',
  '1,一、能源,建成屋顶光伏项目。,市发改委,兴庆区,2026年12月31日',
  '2,一、能源,完成公共建筑节能改造。,兴庆区,市发改委,2026年6月30日',
  '3,二、交通,持续推进新能源公交替换。,金凤区,,持续推进',
].join('\n');

describe('a reporting round, lights, extensions and the dashboard', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-04-01'));
  const tok: Record<string, string> = {};
  let planId: string;
  let periodId: string;
  const items: Record<string, string> = {};
  const reports: Record<string, { id: string }> = {};

  const as = (who: string) => asUser(t, tok[who]);
  const version = async (id: string) => (await t.prisma.progressReport.findUniqueOrThrow({ where: { id } })).version;
  const fill = (percent: number, done = '按计划推进') => ({ status: 'on_track', percent, done, problems: '无', nextSteps: '继续推进' });
  const lightOf = async (who: string, item: string) => (await as(who).get(`/api/v1/work-items/${items[item]}/lights`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { EVIDENCE_MAX_BYTES: '4096' } });
    await seedDemo(t.app);
    for (const u of ['office', 'leader', 'fgw', 'fgw-head', 'xingqing', 'xingqing-head', 'jinfeng']) tok[u] = await tokenFor(t, u);
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    planId = (await as('office').post('/api/v1/plans', { title: '示例方案', jurisdictionId: city.id, horizonStartYear: 2026, horizonEndYear: 2030 }).expect(201)).body.id;
    await request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=false`).set('authorization', tok.office).attach('file', Buffer.from(TABLE), 'table.csv').expect(201);
    for (const w of await t.prisma.workItem.findMany({ where: { planId } })) items[w.seq] = w.id;
  });
  afterAll(() => t.close());

  it('opens a quarterly round: one report per lead, one contribution per supporting unit', async () => {
    await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(422);
    await as('office').put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    const opened = await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(201);
    expect(opened.body).toMatchObject({ label: '2026年第1季度', startDate: '2026-01-01', endDate: '2026-03-31', dueDate: '2026-04-10', expected: 5 });
    periodId = opened.body.id;
    await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(409);
    const all = await as('office').get(`/api/v1/periods/${periodId}/reports`).expect(200);
    for (const r of all.body) reports[`${r.workItem.seq}:${r.unitName}`] = { id: r.id };
    expect(all.body.map((r: { workItem: { seq: string }; unitName: string; kind: string; state: string }) => [r.workItem.seq, r.unitName, r.kind, r.state])).toEqual([
      ['1', '市发改委', 'report', 'pending'],
      ['1', '兴庆区', 'contribution', 'pending'],
      ['2', '兴庆区', 'report', 'pending'],
      ['2', '市发改委', 'contribution', 'pending'],
      ['3', '金凤区', 'report', 'pending'],
    ]);
  });

  it('lights on the opening day: no data yet, not red, since no report was due (only a date could speak)', async () => {
    const [one, two, three] = [await lightOf('office', '1'), await lightOf('office', '2'), await lightOf('office', '3')];
    for (const light of [one, two, three]) expect(light).toMatchObject({ light: null, reasons: [{ code: 'NO_DATA_YET' }] });
    expect(one.history).toEqual([]);
    // No period's due date has passed yet: the dashboard's reporting table shows the earliest, with nothing missing.
    const dashboard = (await as('office').get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
    expect(dashboard.periods).toEqual([{ id: periodId, label: '2026年第1季度', dueDate: '2026-04-10' }]);
    expect(dashboard.periodId).toBe(periodId);
    expect(dashboard.reporting.map((r: { missing: number }) => r.missing)).toEqual([0, 0, 0]);
  });

  it('a unit sees its own reports and the contributions to what it leads, never another unit’s', async () => {
    const jinfeng = await as('jinfeng').get(`/api/v1/periods/${periodId}/reports`).expect(200);
    expect(jinfeng.body.map((r: { unitName: string }) => r.unitName)).toEqual(['金凤区']);
    const xingqing = await as('xingqing').get(`/api/v1/periods/${periodId}/reports`).expect(200);
    expect(xingqing.body.map((r: { workItem: { seq: string }; unitName: string }) => `${r.workItem.seq}:${r.unitName}`)).toEqual(['1:兴庆区', '2:兴庆区', '2:市发改委']);
    await as('xingqing').get(`/api/v1/reports/${reports['3:金凤区'].id}`).expect(404);
    await as('xingqing').get(`/api/v1/reports/${reports['1:市发改委'].id}`).expect(404);
    await as('jinfeng').put(`/api/v1/reports/${reports['2:兴庆区'].id}`, { version: 1, ...fill(10) }).expect(404);
  });

  it('runs a whole round: draft, sign-off, return, revise, resubmit, accept, lock, reopen — all in the history', async () => {
    clock.set(at('2026-04-05'));
    const contribution = reports['1:兴庆区'].id;
    await as('xingqing').put(`/api/v1/reports/${contribution}`, { version: 1, ...fill(30, '完成屋顶资源摸排') }).expect(200);
    await as('xingqing-head').post(`/api/v1/reports/${contribution}/sign-off`, { version: 2 }).expect(200);

    const id = reports['1:市发改委'].id;
    await as('fgw').post(`/api/v1/reports/${id}/sign-off`, { version: 1 }).expect(403); // a reporter cannot sign off
    await as('fgw-head').post(`/api/v1/reports/${id}/sign-off`, { version: 1 }).expect(422); // nothing filled in yet
    await as('fgw').put(`/api/v1/reports/${id}`, { version: 1, ...fill(30, '完成项目选址') }).expect(200);
    const seen = await as('fgw').get(`/api/v1/reports/${id}`).expect(200);
    expect(seen.body.contributions).toEqual([expect.objectContaining({ unitName: '兴庆区', state: 'submitted', percent: 30, done: '完成屋顶资源摸排' })]);

    const signed = await as('fgw-head').post(`/api/v1/reports/${id}/sign-off`, { version: 2 }).expect(200);
    expect(signed.body).toMatchObject({ state: 'submitted', firstSubmittedAt: at('2026-04-05').toISOString() });
    const returned = await as('office').post(`/api/v1/reports/${id}/return`, { version: 3, reason: '请补充装机容量数据' }).expect(200);
    expect(returned.body).toMatchObject({ state: 'returned', returnReason: '请补充装机容量数据' });

    clock.set(at('2026-04-08'));
    await as('fgw').put(`/api/v1/reports/${id}`, { version: 4, ...fill(30, '完成项目选址，装机 2 万千瓦') }).expect(200);
    const resubmitted = await as('fgw-head').post(`/api/v1/reports/${id}/sign-off`, { version: 5 }).expect(200);
    expect(resubmitted.body).toMatchObject({ state: 'submitted', returnReason: null, firstSubmittedAt: at('2026-04-05').toISOString(), submittedAt: at('2026-04-08').toISOString() });
    await as('office').post(`/api/v1/reports/${id}/accept`, { version: 6 }).expect(200);

    const locked = await as('fgw').put(`/api/v1/reports/${id}`, { version: 7, ...fill(40) }).expect(409);
    expect(locked.body.code).toBe('REPORT.LOCKED');
    await as('office').post(`/api/v1/reports/${id}/reopen`, { version: 7, reason: '' }).expect(400);
    const reopened = await as('office').post(`/api/v1/reports/${id}/reopen`, { version: 7, reason: '统计口径调整，请更正' }).expect(200);
    expect(reopened.body).toMatchObject({ state: 'returned', returnReason: '重新打开：统计口径调整，请更正' });
    // Back to accepted for the figures below.
    await as('fgw-head').post(`/api/v1/reports/${id}/sign-off`, { version: 8 }).expect(200); // the content is still there
    await as('office').post(`/api/v1/reports/${id}/accept`, { version: 9 }).expect(200);

    const history = (await as('office').get(`/api/v1/reports/${id}`).expect(200)).body.history;
    expect(history.map((h: { version: number; action: string; state: string }) => [h.version, h.action, h.state])).toEqual([
      [2, 'report.saved', 'draft'],
      [3, 'report.signed_off', 'submitted'],
      [4, 'report.returned', 'returned'],
      [5, 'report.saved', 'draft'],
      [6, 'report.signed_off', 'submitted'],
      [7, 'report.accepted', 'accepted'],
      [8, 'report.reopened', 'returned'],
      [9, 'report.signed_off', 'submitted'],
      [10, 'report.accepted', 'accepted'],
    ]);
    expect(history[2]).toMatchObject({ reason: '请补充装机容量数据', content: { done: '完成项目选址' } });
    expect(await t.prisma.auditEvent.count({ where: { entityType: 'ProgressReport', entityId: id } })).toBe(9);
  });

  it('two people editing one report: one wins, the other gets 409 with the current version, nothing is lost', async () => {
    const id = reports['2:兴庆区'].id;
    const v = await version(id);
    const [a, b] = await Promise.all([
      as('xingqing').put(`/api/v1/reports/${id}`, { version: v, ...fill(15, '甲的版本') }),
      as('xingqing-head').put(`/api/v1/reports/${id}`, { version: v, ...fill(18, '乙的版本') }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body).toMatchObject({ code: 'REPORT.VERSION_CONFLICT', currentVersion: v + 1, current: { done: winner.body.done } });
    expect((await t.prisma.progressReport.findUniqueOrThrow({ where: { id } })).done).toBe(winner.body.done);
    // The loser re-applies on the current version: both edits are in the history.
    await as('xingqing').put(`/api/v1/reports/${id}`, { version: v + 1, ...fill(20, '合并后的版本') }).expect(200);
    const history = (await as('xingqing').get(`/api/v1/reports/${id}`).expect(200)).body.history;
    expect(history.map((h: { content: { done: string } }) => h.content.done)).toEqual([winner.body.done, '合并后的版本']);
  });

  it('evidence: type and size limits, checksum, and never served to a unit that cannot see the report', async () => {
    const id = reports['2:市发改委'].id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('会议纪要')]);
    const up = await request(t.http).post(`/api/v1/reports/${id}/evidence`).set('authorization', tok.fgw).attach('file', pdf, '会议纪要.pdf').expect(201);
    expect(up.body).toMatchObject({ fileName: '会议纪要.pdf', mimeType: 'application/pdf', size: pdf.length });
    expect(up.body.sha256).toBe((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));
    await request(t.http).post(`/api/v1/reports/${id}/evidence`).set('authorization', tok.fgw).attach('file', pdf, '照片.png').expect(415);
    await request(t.http).post(`/api/v1/reports/${id}/evidence`).set('authorization', tok.fgw).attach('file', Buffer.from('MZ\x90\x00'), '程序.exe').expect(415);
    const big = await request(t.http).post(`/api/v1/reports/${id}/evidence`).set('authorization', tok.fgw).attach('file', Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(5000)]), '大.pdf');
    expect(big.status).toBe(413);

    const url = `/api/v1/reports/${id}/evidence/${up.body.id}`;
    const got = await as('fgw').get(url).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    await as('office').get(url).expect(200);
    await as('jinfeng').get(url).expect(404);
    // 兴庆区 leads item 2, so it reads this contribution and its evidence.
    await as('xingqing').get(url).expect(200);
  });

  it('batch submission is all or nothing', async () => {
    const mine = (await as('xingqing-head').get(`/api/v1/periods/${periodId}/my-reports`).expect(200)).body;
    expect(mine.items.map((i: { workItem: { seq: string }; kind: string }) => `${i.workItem.seq}:${i.kind}`)).toEqual(['1:contribution', '2:report']);
    expect(mine.items[1].contributions).toEqual([]); // 市发改委 has not signed its contribution off
    const report = mine.items.find((i: { kind: string }) => i.kind === 'report');
    const contribution = mine.items.find((i: { kind: string }) => i.kind === 'contribution');
    const before = await t.prisma.progressReport.findMany({ where: { periodId, unitId: report.unitId }, orderBy: { id: 'asc' } });

    // The contribution is already signed off: the whole batch is refused and the report untouched.
    const refused = await as('xingqing-head').post(`/api/v1/periods/${periodId}/my-reports`, {
      signOff: true,
      items: [
        { reportId: report.id, version: report.version, ...fill(20) },
        { reportId: contribution.id, version: contribution.version, ...fill(40) },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].field).toBe('items[1].state');
    expect(await t.prisma.progressReport.findMany({ where: { periodId, unitId: report.unitId }, orderBy: { id: 'asc' } })).toEqual(before);

    const stale = await as('xingqing-head').post(`/api/v1/periods/${periodId}/my-reports`, {
      items: [{ reportId: report.id, version: report.version - 1, ...fill(20) }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'REPORT.VERSION_CONFLICT', errors: [{ field: 'items[0].version' }], currentVersions: { [report.id]: report.version } });
    expect(await t.prisma.progressReport.findMany({ where: { periodId, unitId: report.unitId }, orderBy: { id: 'asc' } })).toEqual(before);

    const invalid = await as('xingqing-head').post(`/api/v1/periods/${periodId}/my-reports`, { items: [{ reportId: report.id, version: report.version, ...fill(120) }] }).expect(400);
    expect(invalid.body.errors[0].field).toBe('items[0].percent');
    await as('xingqing').post(`/api/v1/periods/${periodId}/my-reports`, { signOff: true, items: [{ reportId: report.id, version: report.version, ...fill(20) }] }).expect(403);

    clock.set(at('2026-04-12')); // after the due date: this one is late
    const done = await as('xingqing-head').post(`/api/v1/periods/${periodId}/my-reports`, { signOff: true, items: [{ reportId: report.id, version: report.version, ...fill(20) }] }).expect(201);
    expect(done.body).toEqual([expect.objectContaining({ state: 'submitted', percent: 20, firstSubmittedAt: at('2026-04-12').toISOString() })]);
  });

  it('本单位填报 finds the unit’s periods across plans, with what is left to do', async () => {
    // 兴庆区: its report of item 2 signed off, its contribution to item 1 too; 金凤区 still owes its report.
    const mine = (await as('xingqing').get('/api/v1/my-periods').expect(200)).body;
    expect(mine.filter((p: { id: string }) => p.id === periodId)).toEqual([
      { id: periodId, planId, planTitle: '示例方案', label: '2026年第1季度', dueDate: '2026-04-10', status: 'open', total: 2, toDo: 0, done: 2 },
    ]);
    const theirs = (await as('jinfeng').get('/api/v1/my-periods').expect(200)).body;
    expect(theirs.find((p: { id: string }) => p.id === periodId)).toMatchObject({ total: 1, done: 0, toDo: 1 });
    // The office owes nothing: an office account has no unit reports.
    expect((await as('office').get('/api/v1/my-periods').expect(200)).body).toEqual([]);
  });

  it('the dashboard matches the worked example, within each caller’s scope', async () => {
    // Nothing touched item 3 since the round opened: the daily recomputation is what notices the missed due date.
    await t.app.get(JobsService).runNow(JobName.LightsRecomputeAll, {});
    // On 2026-04-12: Q1 was due on 04-10. 市发改委's report was on time and its contribution is missing;
    // 兴庆区's contribution was on time and its report late; 金凤区 never reported.
    const office = (await as('office').get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
    const rows = (body: { reporting: { unitName: string; expected: number; submitted: number; onTime: number; missing: number; onTimeRate: number }[] }) =>
      body.reporting.map((r) => [r.unitName, r.expected, r.submitted, r.onTime, r.missing, r.onTimeRate]);
    expect(rows(office)).toEqual([
      ['兴庆区', 2, 2, 1, 0, 0.5],
      ['市发改委', 2, 1, 1, 1, 0.5],
      ['金凤区', 1, 0, 0, 1, 0],
    ]);
    expect(office.unitsWithMissingReports.map((u: { unitName: string; missing: number }) => [u.unitName, u.missing])).toEqual([
      ['市发改委', 1],
      ['金凤区', 1],
    ]);
    // Item lights: 1 green (30% against 28% expected), 2 red (20% against 56%), 3 yellow (Q1 missing).
    expect(office.byAreaLight.map((a: { title: string; green: number; yellow: number; red: number }) => [a.title, a.green, a.yellow, a.red])).toEqual([
      ['能源', 1, 0, 1],
      ['交通', 0, 1, 0],
    ]);
    expect(office.byUnitLight.map((u: { unitName: string; green: number; yellow: number; red: number }) => [u.unitName, u.green, u.yellow, u.red])).toEqual([
      ['兴庆区', 1, 0, 1],
      ['市发改委', 1, 0, 1],
      ['金凤区', 0, 1, 0],
    ]);
    expect(office.overdue).toEqual([]);

    const xingqing = (await as('xingqing').get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
    expect(rows(xingqing)).toEqual([['兴庆区', 2, 2, 1, 0, 0.5]]);
    expect(xingqing.byAreaLight.map((a: { title: string }) => a.title)).toEqual(['能源']);
    expect(xingqing.byUnitLight.map((u: { unitName: string }) => u.unitName)).toEqual(['兴庆区']);

    const red = (await as('leader').get(`/api/v1/dashboard?planId=${planId}&light=red`).expect(200)).body;
    expect(red.byAreaLight.map((a: { title: string; red: number; green: number }) => [a.title, a.red, a.green])).toEqual([['能源', 1, 0]]);
    const items3 = await as('office').get(`/api/v1/work-items?planId=${planId}&light=yellow`).expect(200);
    expect(items3.body.items.map((i: { seq: string; light: string }) => [i.seq, i.light])).toEqual([['3', 'yellow']]);
  });

  it('explains each light and keeps every change of colour', async () => {
    const three = await lightOf('office', '3');
    expect(three).toMatchObject({ light: 'yellow', reasons: [{ code: 'REPORTS_MISSING', missing: 1 }], units: [{ unitName: '金凤区', light: 'yellow' }] });
    expect(three.history.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'yellow'],
      [null, 'yellow'],
    ]);
    const two = await lightOf('xingqing', '2');
    const fgwOnTwo = two.units.find((u: { unitName: string }) => u.unitName === '市发改委');
    expect(fgwOnTwo.reasons.map((r: { code: string }) => r.code)).toEqual(['BEHIND_SCHEDULE', 'REPORTS_MISSING']);
  });

  it('the daily job (BullMQ) moves lights as dates pass: two missed rounds and a passed deadline turn red', async () => {
    const q2 = (await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 2 }).expect(201)).body.id;
    // The dashboard's reporting table stays on Q1 until Q2's due date has passed (07-10 is still a day to report on).
    const shown = async () => (await as('office').get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body.periodId;
    expect(await shown()).toBe(periodId);
    clock.set(at('2026-07-10'));
    expect(await shown()).toBe(periodId);
    // A period of the plan with nothing due under the filters shows an empty table, not an error.
    const [idle] = await t.prisma.$queryRaw<{ id: string }[]>`SELECT id::text FROM units WHERE id NOT IN (SELECT unit_id FROM assignments) ORDER BY name LIMIT 1`;
    const empty = (await as('office').get(`/api/v1/dashboard?planId=${planId}&unitId=${idle.id}&periodId=${q2}`).expect(200)).body;
    expect([empty.periods, empty.periodId, empty.reporting]).toEqual([[], q2, []]);
    const jobs = t.app.get(JobsService);
    let schedule = await jobs.schedule('lights-daily');
    for (let i = 0; i < 20 && !schedule; i++) schedule = await new Promise((r) => setTimeout(r, 100)).then(() => jobs.schedule('lights-daily'));
    expect(schedule).toMatchObject({ pattern: '0 1 * * *', tz: 'Asia/Shanghai', name: 'lights.recompute-all' });
    clock.set(at('2026-07-11')); // Q2 due 07-10 passed; item 2 was due 06-30
    await jobs.runNow(JobName.LightsRecomputeAll, {});
    expect(await lightOf('office', '3')).toMatchObject({ light: 'red', reasons: [{ code: 'REPORTS_MISSING', missing: 2 }] });
    const two = await lightOf('office', '2');
    expect(two.light).toBe('red');
    expect(two.reasons.map((r: { code: string }) => r.code)).toContain('OVERDUE');
    const dashboard = (await as('office').get(`/api/v1/dashboard?planId=${planId}`).expect(200)).body;
    expect(dashboard.overdue.map((o: { seq: string }) => o.seq)).toEqual(['2']);
    // The reporting table shows the latest period already due, and offers the others, newest first.
    type Period = { id: string; label: string };
    type Rate = { unitName: string; period: string; missing: number };
    expect(dashboard.periods.map((p: Period) => p.label)).toEqual(['2026年第2季度', '2026年第1季度']);
    expect(dashboard.periodId).toBe(dashboard.periods[0].id);
    expect(dashboard.reporting.map((r: Rate) => [r.unitName, r.period, r.missing])).toEqual([
      ['兴庆区', '2026年第2季度', 2],
      ['市发改委', '2026年第2季度', 2],
      ['金凤区', '2026年第2季度', 1],
    ]);
    // Missing reports stay listed for every period, not only the one shown.
    expect(dashboard.unitsWithMissingReports.map((u: Rate) => [u.unitName, u.period, u.missing])).toEqual([
      ['市发改委', '2026年第1季度', 1],
      ['金凤区', '2026年第1季度', 1],
      ['兴庆区', '2026年第2季度', 2],
      ['市发改委', '2026年第2季度', 2],
      ['金凤区', '2026年第2季度', 1],
    ]);
    const q1 = (await as('office').get(`/api/v1/dashboard?planId=${planId}&periodId=${dashboard.periods[1].id.toUpperCase()}`).expect(200)).body;
    expect(q1.periodId).toBe(dashboard.periods[1].id);
    expect(q1.reporting.map((r: Rate) => [r.unitName, r.period, r.missing])).toEqual([
      ['兴庆区', '2026年第1季度', 0],
      ['市发改委', '2026年第1季度', 1],
      ['金凤区', '2026年第1季度', 1],
    ]);
    const unknown = await as('office').get(`/api/v1/dashboard?planId=${planId}&periodId=00000000-0000-4000-8000-000000000000`).expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ code: 'PERIOD.NOT_FOUND' });
    // An ongoing item is never overdue, however late.
    expect((await lightOf('office', '3')).reasons.map((r: { code: string }) => r.code)).not.toContain('OVERDUE');
  });

  it('extension requests: filed before the deadline, approved or rejected; the original deadline is kept and lights use the approved date', async () => {
    // Item 2 is past its deadline: too late to ask.
    const late = await as('xingqing').post(`/api/v1/work-items/${items['2']}/extensions`, { reason: '施工单位变更导致工期延误', requestedDate: '2026-12-31' }).expect(422);
    expect(late.body.code).toBe('EXTENSION.TOO_LATE');
    // Item 1 (市发改委, due 12-31): ask in time; a supporting unit cannot.
    clock.set(at('2026-12-10'));
    await as('xingqing').post(`/api/v1/work-items/${items['1']}/extensions`, { reason: '配合单位申请延期理由', requestedDate: '2027-06-30' }).expect(403);
    const rejected = await as('fgw').post(`/api/v1/work-items/${items['1']}/extensions`, { reason: '并网手续尚未办结', requestedDate: '2027-03-31' }).expect(201);
    await as('office').post(`/api/v1/extensions/${rejected.body.id}/reject`, { version: 1 }).expect(400);
    await as('office').post(`/api/v1/extensions/${rejected.body.id}/reject`, { version: 1, reason: '理由不充分' }).expect(200);
    await as('office').post(`/api/v1/plans/${planId}/lights/recompute`).expect(200);
    expect((await lightOf('office', '1')).reasons.map((r: { code: string }) => r.code)).toContain('DUE_SOON');

    const asked = await as('fgw').post(`/api/v1/work-items/${items['1']}/extensions`, { reason: '并网手续尚未办结，需延期三个月', requestedDate: '2027-03-31' }).expect(201);
    const approved = await as('office').post(`/api/v1/extensions/${asked.body.id}/approve`, { version: 1, reason: '同意' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', originalDate: '2026-12-31', requestedDate: '2027-03-31' });
    await as('office').post(`/api/v1/extensions/${asked.body.id}/approve`, { version: 1 }).expect(409);

    const item = (await as('fgw').get(`/api/v1/work-items/${items['1']}`).expect(200)).body;
    expect(item).toMatchObject({ extendedTo: '2027-03-31', deadlines: [{ kind: 'dated', date: '2026-12-31' }] });
    clock.set(at('2027-01-05'));
    await as('office').post(`/api/v1/plans/${planId}/lights/recompute`).expect(200);
    const light = await lightOf('office', '1');
    expect(light.reasons.map((r: { code: string }) => r.code)).not.toContain('OVERDUE');
    const list = (await as('fgw').get('/api/v1/extensions').expect(200)).body;
    expect(list.map((e: { status: string }) => e.status)).toEqual(['approved', 'rejected']);
    expect((await as('jinfeng').get('/api/v1/extensions').expect(200)).body).toEqual([]);
  });
});
