import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed.js';
import { asUser, createTestApp, TestClock, tokenFor, type TestApp } from './app.js';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/**
 * The defects the workflow core removes, each as a user would meet it, on fixed dates.
 * Plan (start 2026-01-01), quarterly reports due on the 10th:
 *   1  市发改委 leads, 兴庆区 and 市工信局 support   due 2026-12-31
 *   2  兴庆区 leads, 市发改委 supports              due 2026-09-30
 */
const header = '序号,重点领域,主要工作,牵头单位,配合单位,完成时限';
const TABLE = [header, '1,一、能源,建成屋顶光伏项目。,市发改委,兴庆区、市工信局,2026年12月31日', '2,一、能源,完成公共建筑节能改造。,兴庆区,市发改委,2026年9月30日'].join('\n');

describe('the workflow core: nothing reported is lost, one rule for single and batch, lights at once, contributions reviewed', () => {
  let t: TestApp;
  const clock = new TestClock(at('2026-04-01'));
  const tok: Record<string, string> = {};
  let planId: string;
  let periodId: string;
  const items: Record<string, string> = {};

  const as = (who: string) => asUser(t, tok[who]);
  const importTable = (csv: string) =>
    request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=false`).set('authorization', tok.office).attach('file', Buffer.from(csv), 'table.csv').expect(201);
  const report = (seq: string, unit: string) =>
    t.prisma.progressReport.findFirstOrThrow({ where: { periodId, workItemId: items[seq], unit: { name: unit } } });
  const fill = (percent: number, done = '按计划推进') => ({ status: 'on_track', percent, done, problems: '无', nextSteps: '继续推进' });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedDemo(t.app);
    for (const u of ['office', 'fgw', 'fgw-head', 'gxj', 'xingqing', 'xingqing-head', 'jinfeng']) tok[u] = await tokenFor(t, u);
    const gxjHead = await t.prisma.user.findUniqueOrThrow({ where: { username: 'gxj' } });
    await t.prisma.user.create({ data: { username: 'gxj-head', displayName: '市工信局负责人', unitId: gxjHead.unitId, roles: ['unit_head'], passwordHash: (await t.prisma.user.findUniqueOrThrow({ where: { username: 'fgw-head' } })).passwordHash } });
    tok['gxj-head'] = await tokenFor(t, 'gxj-head');
    const city = await t.prisma.unit.findFirstOrThrow({ where: { name: '银川市' } });
    planId = (await as('office').post('/api/v1/plans', { title: '工作流示例方案', jurisdictionId: city.id, horizonStartYear: 2026, horizonEndYear: 2030 }).expect(201)).body.id;
    await importTable(TABLE);
    for (const w of await t.prisma.workItem.findMany({ where: { planId } })) items[w.seq] = w.id;
    await as('office').put(`/api/v1/plans/${planId}/reporting-schedule`, { cadence: 'quarterly', dueDay: 10 }).expect(200);
    periodId = (await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 1 }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('a corrected re-import keeps a signed-off report and its revisions, row by row', async () => {
    clock.set(at('2026-04-05'));
    const r = await report('1', '市发改委');
    await as('fgw').put(`/api/v1/reports/${r.id}`, { version: 1, ...fill(30, '完成项目选址') }).expect(200);
    await as('fgw-head').post(`/api/v1/reports/${r.id}/sign-off`, { version: 2 }).expect(200);
    const before = {
      report: await t.prisma.progressReport.findUniqueOrThrow({ where: { id: r.id } }),
      revisions: await t.prisma.reportRevision.findMany({ where: { reportId: r.id }, orderBy: { version: 'asc' } }),
      assignment: await t.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignmentId } }),
    };

    // One word changed in item 1's text.
    const corrected = await importTable(TABLE.replace('建成屋顶光伏项目。', '建成屋顶分布式光伏项目。'));
    expect(corrected.body.changes).toMatchObject({ updated: [{ seq: '1', item: 1, fields: ['text'] }], affectedReports: [] });

    expect(await t.prisma.progressReport.findUniqueOrThrow({ where: { id: r.id } })).toEqual(before.report);
    expect(await t.prisma.reportRevision.findMany({ where: { reportId: r.id }, orderBy: { version: 'asc' } })).toEqual(before.revisions);
    // The same assignment row, updated in place (its id is what the report hangs off).
    expect(await t.prisma.assignment.findUniqueOrThrow({ where: { id: r.assignmentId } })).toEqual({ ...before.assignment });
  });

  it('a re-import that drops a supporting unit ends its assignment, keeps its contribution readable, and says so', async () => {
    const contribution = await report('1', '市工信局');
    await as('gxj').put(`/api/v1/reports/${contribution.id}`, { version: 1, ...fill(10, '已梳理工业屋顶资源') }).expect(200);
    const pendingOfXingqing = await report('1', '兴庆区');
    const lightOf = () => t.prisma.lightState.count({ where: { workItemId: items['1'], assignmentKey: contribution.assignmentId } });
    expect(await lightOf()).toBe(1);

    const dropped = await importTable(TABLE.replace('兴庆区、市工信局', '兴庆区'));
    const run = dropped.body.importId;
    expect(dropped.body.changes.assignments).toEqual({ added: 0, ended: 1, reactivated: 0 });
    expect(dropped.body.changes.affectedReports).toEqual([
      { reportId: contribution.id, seq: '1', item: 1, unitId: contribution.unitId, period: '2026年第1季度', state: 'draft', change: 'assignment_ended' },
    ]);
    const ended = await t.prisma.assignment.findUniqueOrThrow({ where: { id: contribution.assignmentId } });
    expect(ended).toMatchObject({ endedAt: clock.now(), endedByImportId: run, role: 'supporting' });
    // A unit no longer on the item has no light on it any more (lights are derived; its report stays).
    expect(await lightOf()).toBe(0);
    // Nothing else moved: the other units' assignments and reports are untouched.
    expect(await t.prisma.assignment.count({ where: { workItemId: items['1'], endedAt: null } })).toBe(2);
    expect(await t.prisma.progressReport.findUniqueOrThrow({ where: { id: pendingOfXingqing.id } })).toEqual(pendingOfXingqing);

    // The contribution and its revision stay readable, read-only.
    const seen = await as('gxj').get(`/api/v1/reports/${contribution.id}`).expect(200);
    expect(seen.body).toMatchObject({ state: 'draft', done: '已梳理工业屋顶资源', assignmentEndedAt: clock.now().toISOString(), history: [{ version: 2, action: 'report.saved' }] });
    const refused = await as('gxj').put(`/api/v1/reports/${contribution.id}`, { version: 2, ...fill(20) }).expect(409);
    expect(refused.body.code).toBe('REPORT.ASSIGNMENT_ENDED');
    // The item leaves the unit's list and its batch screen, but the item page stays readable as history.
    const list = await as('gxj').get(`/api/v1/work-items?planId=${planId}`).expect(200);
    expect(list.body.items.map((i: { seq: string }) => i.seq)).toEqual([]);
    const screen = await as('gxj').get(`/api/v1/periods/${periodId}/my-reports`).expect(200);
    expect(screen.body.items).toEqual([]);
    const item = await as('gxj').get(`/api/v1/work-items/${items['1']}`).expect(200);
    expect(item.body.endedAssignments).toEqual([{ unitId: contribution.unitId, unitName: '市工信局', role: 'supporting', endedAt: clock.now().toISOString() }]);
    expect(item.body.assignments.map((a: { unitName: string }) => a.unitName)).toEqual(['市发改委', '兴庆区']);

    // The database itself refuses to delete an assignment that carries reports.
    await expect(t.prisma.assignment.delete({ where: { id: contribution.assignmentId } })).rejects.toThrow();
    await expect(t.prisma.$executeRawUnsafe(`DELETE FROM work_items WHERE id = '${items['1']}'`)).rejects.toThrow(/foreign key/);

    // Listed again: the same assignment comes back, with its report.
    const back = await importTable(TABLE.replace('建成屋顶光伏项目。', '建成屋顶分布式光伏项目。'));
    expect(back.body.changes.assignments).toEqual({ added: 0, ended: 0, reactivated: 1 });
    expect(await t.prisma.assignment.findUniqueOrThrow({ where: { id: contribution.assignmentId } })).toMatchObject({ endedAt: null, endedByImportId: null });
    await as('gxj').put(`/api/v1/reports/${contribution.id}`, { version: 2, ...fill(20) }).expect(200);
  });

  it('a unit added mid-round owes its report in the open round', async () => {
    const added = await importTable(TABLE.replace('兴庆区,市发改委,2026年9月30日', '兴庆区,市发改委、金凤区,2026年9月30日').replace('建成屋顶光伏项目。', '建成屋顶分布式光伏项目。'));
    expect(added.body.changes.assignments).toMatchObject({ added: 1 });
    const jinfeng = await report('2', '金凤区');
    expect(jinfeng).toMatchObject({ kind: 'contribution', state: 'pending' });
  });

  it('a re-import that moves a deadline moves the light and its reasons at once', async () => {
    clock.set(at('2026-06-10'));
    await as('office').post(`/api/v1/plans/${planId}/lights/recompute`).expect(200);
    const before = (await as('office').get(`/api/v1/work-items/${items['2']}/lights`).expect(200)).body;
    expect(before.reasons.map((r: { code: string }) => r.code)).not.toContain('DUE_SOON');
    // Due 2026-09-30 → 2026-06-30: now 20 days away.
    const moved = TABLE.replace('2026年9月30日', '2026年6月30日').replace('建成屋顶光伏项目。', '建成屋顶分布式光伏项目。').replace('兴庆区,市发改委,', '兴庆区,市发改委、金凤区,');
    await importTable(moved);
    const after = (await as('office').get(`/api/v1/work-items/${items['2']}/lights`).expect(200)).body;
    expect(after.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DUE_SOON', daysLeft: 20, dueDate: '2026-06-30' })]));
  });

  it('the batch screen refuses exactly what the single route refuses (an empty 已完成工作 cannot be signed off)', async () => {
    const r = await report('2', '兴庆区');
    const empty = { status: 'on_track', percent: 10, done: '' };
    const single = await as('xingqing').put(`/api/v1/reports/${r.id}`, { version: r.version, ...empty }).expect(200);
    const one = await as('xingqing-head').post(`/api/v1/reports/${r.id}/sign-off`, { version: single.body.version }).expect(422);
    const batch = await as('xingqing-head').post(`/api/v1/periods/${periodId}/my-reports`, { signOff: true, items: [{ reportId: r.id, version: single.body.version, ...empty }] }).expect(422);
    expect(batch.body.code).toBe(one.body.code);
    expect(batch.body.errors).toEqual([{ field: 'items[0].done', message: one.body.errors[0].message }]);
    expect((await t.prisma.progressReport.findUniqueOrThrow({ where: { id: r.id } })).state).toBe('draft');
  });

  it('single and batch paths give the same result for the same input', async () => {
    const a = await report('2', '兴庆区'); // the unit's report
    const b = await report('1', '兴庆区'); // its contribution
    const content = fill(25, '完成屋顶资源摸排');
    const viaSingle = await as('xingqing-head').put(`/api/v1/reports/${a.id}`, { version: a.version, ...content }).expect(200);
    const signedSingle = await as('xingqing-head').post(`/api/v1/reports/${a.id}/sign-off`, { version: viaSingle.body.version }).expect(200);
    const viaBatch = await as('xingqing-head').post(`/api/v1/periods/${periodId}/my-reports`, { signOff: true, items: [{ reportId: b.id, version: b.version, ...content }] }).expect(201);
    const pick = (x: Record<string, unknown>) => ({ state: x.state, status: x.status, percent: x.percent, done: x.done, problems: x.problems, nextSteps: x.nextSteps, submittedAt: x.submittedAt });
    expect(pick(viaBatch.body[0])).toEqual(pick(signedSingle.body));
    expect(viaBatch.body[0].version - b.version).toBe(signedSingle.body.version - a.version);
    const history = async (id: string) => (await as('xingqing').get(`/api/v1/reports/${id}`).expect(200)).body.history.map((h: { action: string; state: string }) => [h.action, h.state]);
    expect(await history(b.id)).toEqual((await history(a.id)).slice(-2));
    // What each write answered is the report as a later read shows it (the runner builds it without reloading).
    const read = async (id: string) => {
      const { history: _history, contributions: _contributions, ...view } = (await as('xingqing').get(`/api/v1/reports/${id}`).expect(200)).body;
      return view;
    };
    expect(signedSingle.body).toEqual(await read(a.id));
    expect(viaBatch.body[0]).toEqual(await read(b.id));
    expect(viaBatch.body[0]).toMatchObject({ state: 'submitted', unitName: '兴庆区', period: { status: 'open' } });
    expect(await history(b.id)).toEqual([
      ['report.saved', 'draft'],
      ['report.signed_off', 'submitted'],
    ]);
    // The same refusals: a locked report, a stale version, another unit's report.
    for (const [single, batch] of [
      [as('xingqing').put(`/api/v1/reports/${a.id}`, { version: signedSingle.body.version, ...content }), as('xingqing').post(`/api/v1/periods/${periodId}/my-reports`, { items: [{ reportId: a.id, version: signedSingle.body.version, ...content }] })],
      [as('xingqing').put(`/api/v1/reports/${a.id}`, { version: 1, ...content }), as('xingqing').post(`/api/v1/periods/${periodId}/my-reports`, { items: [{ reportId: a.id, version: 1, ...content }] })],
    ] as const) {
      const [s, m] = await Promise.all([single, batch]);
      expect([m.status, m.body.code]).toEqual([s.status, s.body.code]);
    }
  });

  it('a contribution is received or sent back by the lead unit’s head, sent back by the office, and prefills the next round', async () => {
    // 兴庆区 signed its contribution to item 1 off above; 市发改委 leads item 1.
    const c = await report('1', '兴庆区');
    expect(c.state).toBe('submitted');
    // Another supporting unit's head does not even see it; the lead's reporter may not decide.
    await as('gxj-head').post(`/api/v1/reports/${c.id}/return`, { version: c.version, reason: '不是牵头单位' }).expect(404);
    await as('fgw').post(`/api/v1/reports/${c.id}/return`, { version: c.version, reason: '填报员不能退回' }).expect(403);
    const back = await as('fgw-head').post(`/api/v1/reports/${c.id}/return`, { version: c.version, reason: '请补充屋顶面积' }).expect(200);
    expect(back.body).toMatchObject({ state: 'returned', returnReason: '请补充屋顶面积' });
    // The supporting unit corrects it and signs it off again; the lead's head receives it.
    const fixed = await as('xingqing').put(`/api/v1/reports/${c.id}`, { version: back.body.version, ...fill(30, '完成屋顶资源摸排，面积 12 万平方米') }).expect(200);
    const again = await as('xingqing-head').post(`/api/v1/reports/${c.id}/sign-off`, { version: fixed.body.version }).expect(200);
    const received = await as('fgw-head').post(`/api/v1/reports/${c.id}/accept`, { version: again.body.version }).expect(200);
    expect(received.body.state).toBe('accepted');
    // Received is locked for the unit; the office may still send it back, with a reason.
    await as('xingqing').put(`/api/v1/reports/${c.id}`, { version: received.body.version, ...fill(35) }).expect(409);
    const reopened = await as('office').post(`/api/v1/reports/${c.id}/reopen`, { version: received.body.version, reason: '口径调整' }).expect(200);
    expect(reopened.body.state).toBe('returned');
    const { history: _history, contributions: _contributions, ...read } = (await as('office').get(`/api/v1/reports/${c.id}`).expect(200)).body;
    expect(reopened.body).toEqual(read);
    expect(read).toMatchObject({ returnReason: '重新打开：口径调整', acceptedAt: null });
    // A report (not a contribution) is still for the office alone.
    const own = await report('1', '市发改委');
    await as('fgw-head').post(`/api/v1/reports/${own.id}/accept`, { version: own.version }).expect(403);

    // 市发改委's contribution to item 2 (led by 兴庆区): signed off but never formally received.
    const fgwContribution = await report('2', '市发改委');
    const saved = await as('fgw').put(`/api/v1/reports/${fgwContribution.id}`, { version: fgwContribution.version, ...fill(40, '完成节能诊断') }).expect(200);
    await as('fgw-head').post(`/api/v1/reports/${fgwContribution.id}/sign-off`, { version: saved.body.version }).expect(200);

    clock.set(at('2026-07-01'));
    const q2 = (await as('office').post(`/api/v1/plans/${planId}/periods`, { year: 2026, index: 2 }).expect(201)).body.id;
    const screen = (await as('fgw').get(`/api/v1/periods/${q2}/my-reports`).expect(200)).body;
    const prefilled = screen.items.find((i: { workItemId: string; kind: string }) => i.workItemId === items['2'] && i.kind === 'contribution');
    expect(prefilled.prefill).toMatchObject({ percent: 40, done: '完成节能诊断' });
  });

  it('a closed round refuses the units’ writes until the office opens it again', async () => {
    const period = await t.prisma.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } });
    const closed = await as('office').post(`/api/v1/periods/${periodId}/close`, { version: period.version, reason: '第一季度调度结束' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', statusReason: '第一季度调度结束' });
    const r = await report('2', '金凤区');
    const refused = await as('jinfeng').put(`/api/v1/reports/${r.id}`, { version: r.version, ...fill(5) }).expect(409);
    expect(refused.body.code).toBe('PERIOD.CLOSED');
    await as('office').post(`/api/v1/periods/${periodId}/reopen`, { version: closed.body.version }).expect(400);
    await as('office').post(`/api/v1/periods/${periodId}/reopen`, { version: closed.body.version, reason: '金凤区补报' }).expect(200);
    await as('jinfeng').put(`/api/v1/reports/${r.id}`, { version: r.version, ...fill(5) }).expect(200);
  });

  it('a head who signs off drafts as they stand is not recorded as having edited them', async () => {
    const r = await report('1', '市工信局');
    const [{ max: auditBefore }] = await t.prisma.$queryRaw<{ max: bigint | null }[]>`SELECT max(id) AS max FROM audit_events`;
    const content = fill(15, '完成企业摸排');
    const saved = await as('gxj').put(`/api/v1/reports/${r.id}`, { version: r.version, ...content }).expect(200);
    // Saved again as it stands: checked (a stale version is still refused), then nothing to write.
    await as('gxj').put(`/api/v1/reports/${r.id}`, { version: r.version, ...content }).expect(409);
    const again = await as('gxj').put(`/api/v1/reports/${r.id}`, { version: saved.body.version, ...content }).expect(200);
    expect(again.body).toEqual(saved.body);
    // The head's 审核报送 sends the screen's content unchanged: one step, the sign-off.
    const signed = await as('gxj-head').post(`/api/v1/periods/${periodId}/my-reports`, { signOff: true, items: [{ reportId: r.id, version: saved.body.version, ...content }] }).expect(201);
    expect(signed.body[0]).toMatchObject({ state: 'submitted', version: saved.body.version + 1, percent: 15, done: '完成企业摸排' });
    const history = (await as('office').get(`/api/v1/reports/${r.id}`).expect(200)).body.history;
    expect(history.filter((h: { version: number }) => h.version > r.version).map((h: { version: number; action: string }) => [h.version, h.action])).toEqual([
      [saved.body.version, 'report.saved'],
      [saved.body.version + 1, 'report.signed_off'],
    ]);
    const events = await t.prisma.auditEvent.findMany({ where: { entityId: r.id, id: { gt: auditBefore ?? 0n } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ['report.saved', 'gxj'],
      ['report.signed_off', 'gxj-head'],
    ]);
  });
});
