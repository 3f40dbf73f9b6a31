import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { runImport } from '../src/cli/import-command.js';
import { seedDemo } from '../src/demo/demo-seed.js';
import { createTestApp, tokenFor, type TestApp } from './app.js';
import { YINCHUAN_CSV } from './yinchuan.js';

/** Row counts of every table an import writes: "nothing was written" means these do not move. */
async function footprint(t: TestApp) {
  const p = t.prisma;
  const [items, assignments, targets, deadlines, nodes, runs] = await Promise.all([
    p.workItem.count(),
    p.assignment.count(),
    p.target.count(),
    p.deadline.count(),
    p.planNode.count(),
    p.importRun.count(),
  ]);
  return { items, assignments, targets, deadlines, nodes, runs };
}

describe('importing a task-division table through HTTP', () => {
  let t: TestApp;
  let planId: string;
  let office: string;
  const yinchuan = readFileSync(YINCHUAN_CSV);

  beforeAll(async () => {
    t = await createTestApp();
    // Units and the plan from the demo seed; the table is imported by the tests themselves.
    const { planId: demoPlan } = await seedDemo(t.app);
    office = await tokenFor(t, 'office');
    const plan = await t.prisma.plan.findUniqueOrThrow({ where: { id: demoPlan }, include: { implicitUnits: true } });
    const created = await request(t.http)
      .post('/api/v1/plans')
      .set('authorization', office)
      .send({ title: '测试方案', jurisdictionId: plan.jurisdictionId, horizonStartYear: 2021, horizonEndYear: 2030 })
      .expect(201);
    planId = created.body.id;
  });
  afterAll(() => t.close());

  const upload = (body: Buffer, dryRun: boolean, name = 'table.csv') =>
    request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=${dryRun}`).set('authorization', office).attach('file', body, name);

  it('dry run reports every row and writes nothing', async () => {
    const before = await footprint(t);
    const res = await upload(yinchuan, true).expect(201);
    expect(res.body.summary).toMatchObject({ rows: 43, items: 43, units: { matched: 28, unknown: 0, collective: 3 }, errors: 0 });
    const row = res.body.rows.find((r: { seq: string; item: number }) => r.seq === '8' && r.item === 2);
    expect(row).toMatchObject({
      line: 10,
      lead: { text: '市生态环境局', name: '市生态环境局', status: 'matched' },
      coLeads: [],
      deadline: { kind: 'dated', date: '2030-12-31', text: '到2030年' },
      targets: [{ year: 2025, text: '实现重点行业清洁生产审核全覆盖' }, { year: 2030, text: '清洁生产审核机制进一步优化' }],
    });
    expect(row.supporting.map((s: { name: string }) => s.name)).toEqual(['市工信局', '市发改委', '市科技局', '各县(市)区人民政府', '各园区管委会']);
    expect(await footprint(t)).toEqual(before);
  });

  it('commits in one go, fanning collectives out to each county and park', async () => {
    const res = await upload(yinchuan, false).expect(201);
    expect(res.body.changes.created).toHaveLength(43);
    const item = await t.prisma.workItem.findFirstOrThrow({
      where: { planId, seq: '32' },
      include: { assignments: { include: { unit: true, viaUnit: true }, orderBy: { position: 'asc' } } },
    });
    const leads = item.assignments.filter((a) => a.role === 'lead');
    const fanned = (via: string) => leads.filter((a) => a.viaUnit?.name === via).map((a) => a.unit.name).sort();
    expect(leads.filter((a) => a.source === 'table').map((a) => a.unit.name)).toEqual(['各县(市)区人民政府', '各园区管委会']);
    expect(fanned('各县(市)区人民政府')).toEqual(['兴庆区', '永宁县', '灵武市', '西夏区', '贺兰县', '金凤区'].sort());
    expect(fanned('各园区管委会')).toEqual(['银川经济技术开发区', '银川高新技术产业开发区'].sort());
    expect(leads).toHaveLength(2 + 6 + 2);
    expect(leads[0]).toMatchObject({ principal: true, cellText: '各县(市)区人民政府、园区管委会' });

    const list = await request(t.http).get(`/api/v1/work-items?planId=${planId}&pageSize=200`).set('authorization', office).expect(200);
    expect(list.body.total).toBe(43);
    const first = list.body.items[0];
    expect(first).toMatchObject({ seq: '1', itemNo: 1, area: { label: '一', title: '能源绿色低碳转型行动' }, measure: { title: '推进清洁能源开发利用' } });
    expect(first.assignments[0]).toMatchObject({ unitName: '市发改委', role: 'lead', principal: true, source: 'table' });
    // The list (one SQL statement) and the detail route (the ORM) give the same item, field for field.
    for (const listed of list.body.items.filter((_: unknown, i: number) => i % 7 === 0)) {
      const detail = await request(t.http).get(`/api/v1/work-items/${listed.id}`).set('authorization', office).expect(200);
      expect(listed).toEqual(detail.body);
    }
    const page2 = await request(t.http).get(`/api/v1/work-items?planId=${planId}&pageSize=20&page=3`).set('authorization', office).expect(200);
    expect([page2.body.total, page2.body.items.map((i: { seq: string }) => i.seq)]).toEqual([43, ['37', '38', '39']]);
    const beyond = await request(t.http).get(`/api/v1/work-items?planId=${planId}&pageSize=20&page=9`).set('authorization', office).expect(200);
    expect([beyond.body.total, beyond.body.items]).toEqual([43, []]);
    const filtered = await request(t.http).get(`/api/v1/work-items?planId=${planId}&q=${encodeURIComponent('充电桩')}&deadlineYear=2030`).set('authorization', office).expect(200);
    expect(filtered.body.items.map((i: { seq: string }) => i.seq)).toEqual(['17']);
  });

  it('the CLI prints the same JSON report as the API, and refuses a bad plan id', async () => {
    const api = await upload(yinchuan, true).expect(201);
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runImport(t.app, YINCHUAN_CSV, { plan: planId, dryRun: true, json: true })).toBe(0);
      expect(await runImport(t.app, YINCHUAN_CSV, { plan: 'not-a-plan', dryRun: true, json: true })).toBe(64);
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
    expect(JSON.parse(out.join(''))).toEqual(api.body);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await t.prisma.workItem.findMany({ where: { planId }, select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } });
    const counts = await footprint(t);
    const res = await upload(yinchuan, false).expect(201);
    expect(res.body.changes).toMatchObject({ created: [], updated: [], unchanged: 43, notInFile: [] });
    expect(await t.prisma.workItem.findMany({ where: { planId }, select: { id: true, updatedAt: true }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await footprint(t)).toEqual({ ...counts, runs: counts.runs + 1 });
  });

  it('re-importing a corrected file updates the matching items and says what changed', async () => {
    const corrected = yinchuan
      .toString('utf8')
      .replace('"市发改委、商务局,各县(市)区人民政府、各园区管委会"', '"市发改委、商务局、统计局,各县(市)区人民政府、各园区管委会"')
      .replace('到2025年,建设公共充电桩4000台以上', '到2025年,建设公共充电桩4500台以上');
    const res = await upload(Buffer.from(corrected), false).expect(201);
    expect(res.body.changes.created).toEqual([]);
    expect(res.body.changes.unchanged).toBe(41);
    expect(res.body.changes.updated).toEqual([
      { seq: '6', item: 1, fields: ['supportingText', 'assignments'] },
      { seq: '17', item: 1, fields: ['text', 'targets'] },
    ]);
    const item6 = await t.prisma.workItem.findFirstOrThrow({ where: { planId, seq: '6' }, include: { assignments: { include: { unit: true } } } });
    expect(item6.assignments.map((a) => a.unit.name)).toContain('市统计局');
    expect(await t.prisma.workItem.count({ where: { planId } })).toBe(43);
  });

  describe('bad files are refused with the lines at fault and nothing written', () => {
    let before: Awaited<ReturnType<typeof footprint>>;
    beforeEach(async () => {
      before = await footprint(t);
    });
    afterEach(async () => {
      expect(await footprint(t)).toEqual(before);
    });

    it('not a spreadsheet', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
      const res = await upload(png, false, 'table.xlsx').expect(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 415, code: 'IMPORT.UNSUPPORTED_TYPE' });
    });

    it('a corrupt .xlsx', async () => {
      const res = await upload(Buffer.from('PK\x03\x04 this is not a zip archive'), false, 'table.xlsx').expect(422);
      expect(res.body.code).toBe('IMPORT.UNREADABLE');
    });

    it('an empty file', async () => {
      const res = await upload(Buffer.alloc(0), false).expect(400);
      expect(res.body.code).toBe('IMPORT.EMPTY_FILE');
    });

    it('a table without a recognisable header', async () => {
      const res = await upload(Buffer.from('名称,数量\n甲,1\n乙,2\n'), true).expect(422);
      expect(res.body).toMatchObject({ code: 'IMPORT.NO_HEADER', errors: [{ line: 1 }] });
    });

    it('a file over the size limit', async () => {
      const big = Buffer.concat([Buffer.from('序号,主要工作,牵头单位\n'), Buffer.alloc(6 * 1024 * 1024, 'a')]);
      const res = await upload(big, false).expect(413);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('rows that cannot be read: missing work text, a bad 序号, an unknown unit, a duplicate item', async () => {
      const csv = ['序号,主要工作,牵头单位,配合单位', '1,推进节能,市发改委,市工信局', '二,推进降碳,市发改委,', '3,,市发改委,', '4,推进储能,市气象局,', '1,重复的事项,市发改委,'].join('\n');
      const dry = await upload(Buffer.from(csv), true).expect(201);
      expect(dry.body.summary).toMatchObject({ errors: 4, unknownNames: ['市气象局'] });
      const res = await upload(Buffer.from(csv), false).expect(422);
      expect(res.body.code).toBe('IMPORT.ROW_ERRORS');
      expect(res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
        [3, '序号'],
        [4, '主要工作'],
        [5, '牵头单位'],
        [6, '序号'],
      ]);
      expect(res.body.unknownUnits).toEqual(['市气象局']);
    });

    it('a request without a file or with a bad dryRun value', async () => {
      await request(t.http).post(`/api/v1/plans/${planId}/imports?dryRun=false`).set('authorization', office).expect(400);
      const res = await upload(yinchuan, 'maybe' as unknown as boolean).expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'dryRun' });
    });
  });

  it('imports another layout: other column order, a 责任单位 list, 完成时限, merged cells, units in the text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工');
    sheet.addRow(['附件：重点任务分工表']);
    sheet.addRow(['完成时限', '责任单位', '工作内容', '序号', '重点任务']);
    sheet.addRow(['2025年底前', '市工信局、发改委、统计局', '实施重点行业节能改造。', 1, '一、工业领域碳达峰行动']);
    sheet.addRow(['持续推进', '市住建局、市政管理局', '推广绿色建材。', 2, '']);
    sheet.addRow(['“十四五”期间', '', '建立碳排放统计核算体系,由市发改委、市统计局牵头负责。', 3, '二、政策保障']);
    sheet.addRow(['每年年底前', '', '各县(市)区向领导小组报告落实情况。', 4, '']);
    sheet.mergeCells('E3:E4');
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const res = await upload(buffer, true, '分工表.xlsx').expect(201);
    const rows = res.body.rows as { line: number; seq: string; area: string; lead: { name: string } | null; coLeads: { name: string }[]; supporting: { name: string }[]; deadline: { kind: string; date: string | null } | null; responsibilitySource: string; problems: { code: string }[] }[];
    expect(rows.map((r) => [r.line, r.seq, r.area])).toEqual([
      [3, '1', '工业领域碳达峰行动'],
      [4, '2', '工业领域碳达峰行动'],
      [5, '3', '政策保障'],
      [6, '4', '政策保障'],
    ]);
    expect([rows[0].lead?.name, rows[0].supporting.map((s) => s.name)]).toEqual(['市工信局', ['市发改委', '市统计局']]);
    expect(rows[0].deadline).toMatchObject({ kind: 'dated', date: '2025-12-31' });
    expect([rows[1].lead?.name, rows[1].supporting.map((s) => s.name), rows[1].deadline?.kind]).toEqual(['市住建局', ['市市政管理局'], 'ongoing']);
    expect([rows[2].responsibilitySource, rows[2].lead?.name, rows[2].coLeads.map((m) => m.name), rows[2].deadline?.kind]).toEqual(['text', '市发改委', ['市统计局'], 'period']);
    expect([rows[3].lead, rows[3].deadline?.kind, rows[3].problems.map((p) => p.code)]).toEqual([null, 'recurring', ['UNASSIGNED']]);

    const other = await request(t.http).post('/api/v1/plans').set('authorization', office).send({ title: '另一方案', jurisdictionId: (await t.prisma.plan.findUniqueOrThrow({ where: { id: planId } })).jurisdictionId }).expect(201);
    await request(t.http).post(`/api/v1/plans/${other.body.id}/imports?dryRun=false`).set('authorization', office).attach('file', buffer, '分工表.xlsx').expect(201);
    const unassigned = await t.prisma.workItem.findFirstOrThrow({ where: { planId: other.body.id, seq: '4' }, include: { assignments: true } });
    expect(unassigned).toMatchObject({ unassigned: true, assignments: [] });
  });
});
