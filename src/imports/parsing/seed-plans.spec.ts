import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoDirectory, YINCHUAN_CSV } from '../../../test/yinchuan.js';
import { analyseImport, analyseTable } from '../import-analyser.js';
import type { ImportReport, RowReport } from './report.js';

const PLANS = resolve(import.meta.dirname, '../../../test/fixtures/plans');
const plan = (name: string) => readFileSync(resolve(PLANS, `${name}.txt`));
const names = (list: { name: string }[]) => list.map((m) => m.name);

describe('the Yinchuan plan’s body text gives the same leads and supporting units as its task table', () => {
  let body: ImportReport;
  let table: ImportReport;
  /** Body items by the table key they answer: the k-th measure of the body is 序号 k. */
  const byKey = new Map<string, RowReport[]>();

  beforeAll(async () => {
    body = (await analyseImport(plan('yinchuan-plan-consultation'), 'yinchuan.txt', demoDirectory(), { maxRows: 5000 })).report;
    table = (await analyseTable(readFileSync(YINCHUAN_CSV), demoDirectory(), 5000)).report;
    const multi = new Set(table.rows.filter((r) => r.item === 2).map((r) => r.seq));
    const measures: string[] = [];
    for (const row of body.rows) {
      const measure = row.identity.replace(/-\d+$/, '');
      if (!measures.includes(measure)) measures.push(measure);
      const seq = String(measures.indexOf(measure) + 1);
      const key = multi.has(seq) ? `${seq}.${row.item}` : seq;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
  });

  const tableRow = (key: string) => table.rows.find((r) => (key.includes('.') ? `${r.seq}.${r.item}` === key : r.seq === key))!;

  it('reads 39 measures and 44 items from the body (序号10 is written as two paragraphs), every unit known', () => {
    expect(body.summary).toMatchObject({ format: 'text', layout: 'document', items: 44, errors: 0, warnings: 0 });
    expect(byKey.size).toBe(43);
    expect(byKey.get('10')).toHaveLength(2);
    expect(body.summary.unknownNames).toEqual([]);
  });

  it('gives the table’s lead (and co-leads) as the first listed unit of every body item', () => {
    const mismatches: string[] = [];
    for (const [key, rows] of byKey) {
      const want = tableRow(key);
      for (const row of rows) {
        if (row.lead?.name !== want.lead?.name) mismatches.push(`${key}: ${row.lead?.name} ≠ ${want.lead?.name}`);
        if (names(row.coLeads).join() !== names(want.coLeads).join()) mismatches.push(`${key} co-leads: ${names(row.coLeads)} ≠ ${names(want.coLeads)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the table’s supporting units in the table’s order once the implied units are added, except the known swap at 序号39', () => {
    const implicit = body.summary.implicitUnits!;
    expect(implicit.names).toEqual(['各县(市)区人民政府', '各园区管委会']);
    const mismatches: string[] = [];
    for (const [key, rows] of byKey) {
      const want = names(tableRow(key).supporting);
      for (const row of rows) {
        const named = new Set([row.lead?.name, ...names(row.coLeads), ...names(row.supporting)]);
        const got = [...names(row.supporting), ...implicit.names.filter((n) => !named.has(n))];
        if (got.join() !== want.join()) mismatches.push(`${key}: ${got.join('、')} ≠ ${want.join('、')}`);
      }
    }
    expect(mismatches).toEqual([
      '39: 市生态环境局、市自然资源局、市农业农村局、市公共资源交易中心、各县(市)区人民政府、各园区管委会 ≠ 市生态环境局、市农业农村局、市自然资源局、市公共资源交易中心、各县(市)区人民政府、各园区管委会',
    ]);
  });

  it('takes each responsibility clause out of the stored text and keeps it as printed', () => {
    const first = byKey.get('1')![0];
    expect(first.responsibilityClause).toMatch(/^\(责任单位:市发改委、工信局.*不再重复列出\)$/);
    expect(first.work).not.toContain('责任单位');
    expect(first.work.endsWith('清洁能源装机规模达到650万千瓦左右。')).toBe(true);
  });
});

describe('the 昆都仑区 first draft, imported into a district with no units yet', () => {
  let report: ImportReport;
  beforeAll(async () => {
    report = (await analyseImport(plan('kundulun-plan-first-draft'), 'kundulun.txt', [], { maxRows: 5000, jurisdiction: { id: 'kdl', name: '昆都仑区', kind: 'county' } })).report;
  });

  it('reads its 44 measures, each with the units of its bare list, the first listed as lead', () => {
    expect(report.summary.items).toBe(44);
    expect(report.rows.every((r) => r.lead !== null)).toBe(true);
    expect(report.rows[0]).toMatchObject({ identity: '2/(1)/1-1', measure: '严格控制化石能源消费', lead: { name: '区发改委' } });
    expect(names(report.rows[0].supporting)).toEqual(['区工信局', '区住建局', '区生态环境分局']);
  });

  it('turns the reviewer remarks inside the lists into proposed changes, never into unit names', () => {
    const proposals = report.summary.assignmentProposals;
    expect(proposals.filter((p) => p.kind === 'remove')).toHaveLength(25);
    expect(proposals.filter((p) => p.kind === 'to_supporting').map((p) => p.unit)).toEqual(['区科技局', '区科技局', '区科技局']);
    expect(proposals.filter((p) => p.kind === 'transfer')).toEqual([
      expect.objectContaining({ unit: '区生态环境分局', remark: '建议删除由市局负责', transferTo: '市局', identity: '2/(13)/1-1' }),
    ]);
    const all = report.rows.flatMap((r) => [r.lead!, ...r.coLeads, ...r.supporting]);
    expect(all.filter((m) => /建议/.test(m.name))).toEqual([]);
  });

  it('proposes every unit for creation with its kind and the district as parent', () => {
    const byName = new Map(report.summary.unknownUnits.map((u) => [u.name, u]));
    expect(report.summary.unknownUnits.every((u) => u.action === 'create')).toBe(true);
    expect(byName.get('区发改委')).toMatchObject({ kind: 'department', parent: { relation: 'jurisdiction', name: '昆都仑区', id: 'kdl' } });
    expect(byName.get('区委宣传部')).toMatchObject({ kind: 'party_organ' });
    expect(byName.get('金属深加工园区')).toMatchObject({ kind: 'park' });
    expect(byName.get('区市场监管局')?.texts).toEqual(['市场监管局']);
    expect(byName.get('区供电分局')).toMatchObject({ kind: 'enterprise' });
    expect(byName.get('区发改委')!.occurrences.length).toBeGreaterThan(20);
  });
});

describe('plans that name no unit', () => {
  it('imports the 中卫 plan’s 37 measures under its ten actions (and its four policy measures) unassigned and flagged', async () => {
    const { report } = await analyseImport(plan('zhongwei-plan-draft'), 'zhongwei.txt', [], { maxRows: 5000 });
    const tasks = report.rows.filter((r) => r.identity.startsWith('三/'));
    expect(tasks).toHaveLength(37);
    const perAction = new Map<string, number>();
    for (const r of tasks) perAction.set(r.area!, (perAction.get(r.area!) ?? 0) + 1);
    expect([...perAction.values()]).toEqual([3, 3, 6, 5, 3, 4, 4, 3, 3, 3]);
    expect(report.rows.filter((r) => r.identity.startsWith('四/')).map((r) => r.measure)).toEqual(['健全制度保障', '完善经济政策', '健全市场化机制', '加强管理能力建设']);
    expect(report.rows.every((r) => r.lead === null && r.supporting.length === 0 && r.problems.some((p) => p.code === 'UNASSIGNED'))).toBe(true);
    expect(report.summary.unknownUnits).toEqual([]);
  });

  it('keys the 宝鸡 opinions by their numbers alone, which run on across chapters', async () => {
    const { report } = await analyseImport(plan('baoji-opinions-notice'), 'baoji.txt', [], { maxRows: 5000 });
    expect(report.rows.slice(0, 5).map((r) => [r.identity, r.area])).toEqual([
      ['(一)-1', '完善绿色低碳转型发展体系'],
      ['(二)-1', '完善绿色低碳转型发展体系'],
      ['(三)-1', '完善绿色低碳转型发展体系'],
      ['(四)-1', '完善绿色低碳转型发展体系'],
      ['(五)-1', '构建绿色循环产业发展体系'],
    ]);
  });
});
