import { readFileSync } from 'node:fs';
import { demoDirectory, expectedYinchuan, YINCHUAN_CSV } from '../../../test/yinchuan.js';
import { analyseTable } from '../import-analyser.js';

describe('the Yinchuan task-division table, row by row', () => {
  const expected = expectedYinchuan();
  let analysis: Awaited<ReturnType<typeof analyseTable>>;

  beforeAll(async () => {
    analysis = await analyseTable(readFileSync(YINCHUAN_CSV), demoDirectory(), 5000);
  });

  const keyOf = (seq: string, item: number) => (expected.has(`${seq}.${item}`) ? `${seq}.${item}` : seq);

  it('reads 39 序号 and 43 work items with no unknown unit', () => {
    const { summary, rows } = analysis.report;
    expect(summary.items).toBe(43);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(39);
    expect(rows.filter((r) => r.item === 2).map((r) => r.seq)).toEqual(['8', '9', '12', '13']);
    expect(summary.units).toEqual({ matched: 28, unknown: 0, collective: 3 });
    expect(summary.errors).toBe(0);
  });

  it('names exactly the lead and supporting units of every row after normalisation', () => {
    const mismatches: string[] = [];
    for (const row of analysis.report.rows) {
      const want = expected.get(keyOf(row.seq, row.item))!;
      const leads = [row.lead, ...row.coLeads].map((m) => m!.name);
      const supporting = row.supporting.map((m) => m.name);
      if (JSON.stringify([...leads].sort()) !== JSON.stringify([...want.leads].sort())) mismatches.push(`${want.key} lead ${leads} ≠ ${[...want.leads]}`);
      if (JSON.stringify([...supporting].sort()) !== JSON.stringify([...want.supporting].sort())) {
        mismatches.push(`${want.key} supporting ${supporting} ≠ ${[...want.supporting]}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps the printed order: the first listed lead is the principal lead', () => {
    const row33 = analysis.report.rows.find((r) => r.seq === '33')!;
    expect(row33.lead).toMatchObject({ name: '各县(市)区人民政府', status: 'collective', members: ['兴庆区', '金凤区', '西夏区', '永宁县', '贺兰县', '灵武市'] });
    expect(row33.coLeads.map((m) => m.name)).toEqual(['各园区管委会', '市直各有关部门']);
    const row1 = analysis.report.rows.find((r) => r.seq === '1')!;
    expect(row1.supporting.map((m) => m.name)).toEqual(['市工信局', '市自然资源局', '市住建局', '市农业农村局', '市交通局', '市市政管理局', '各县(市)区人民政府', '各园区管委会']);
  });

  it('carries the 市/市委 prefix across 、-lists and resets it at a comma', () => {
    const row31 = analysis.report.rows.find((r) => r.seq === '31')!;
    expect(row31.supporting.map((m) => [m.text, m.name])).toEqual([
      ['市委宣传部', '市委宣传部'],
      ['人才工作局', '市委人才工作局'],
      ['党校(行政学院)', '市委党校(行政学院)'],
      ['发改委', '市发改委'],
      ['国资委', '市国资委'],
      ['各县(市)区人民政府', '各县(市)区人民政府'],
      ['各园区管委会', '各园区管委会'],
    ]);
  });

  it('repairs the missing separator of row 2 and says so', () => {
    const row2 = analysis.report.rows.find((r) => r.seq === '2')!;
    expect(row2.supporting.map((m) => m.name)).toContain('市商务局');
    expect(row2.supporting.map((m) => m.name)).toContain('各县(市)区人民政府');
    expect(row2.problems).toEqual([expect.objectContaining({ level: 'warning', code: 'MISSING_SEPARATOR' })]);
  });

  it('splits out the same dated target clauses as the transcription, year by year', () => {
    const mismatches: string[] = [];
    for (const row of analysis.report.rows) {
      const want = expected.get(keyOf(row.seq, row.item))!.targets;
      const got = row.targets.map((t) => `${t.year ?? 'undated'}:${t.text}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${row.seq}.${row.item}: ${got.join('|')} ≠ ${want.join('|')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('reads comparator, value, unit, baseline and firmness from the clauses', () => {
    const targets = analysis.report.rows.flatMap((r) => r.targets);
    const find = (text: string) => targets.find((t) => t.text === text);
    expect(find('清洁能源装机规模突破500万千瓦')).toMatchObject({ year: 2025, comparator: 'at_least', value: 500, unit: '万千瓦' });
    expect(find('清洁能源装机规模达到650万千瓦左右')).toMatchObject({ year: 2030, comparator: 'about', value: 650, unit: '万千瓦' });
    expect(find('燃煤电厂平均供电标准煤耗降低到300克/千瓦时以下')).toMatchObject({ comparator: 'at_most', value: 300, unit: '克/千瓦时' });
    expect(find('单位面积建筑能耗比2020年降低3%左右')).toMatchObject({ comparator: 'about', value: 3, unit: '%' });
    expect(find('城市绿色出行比例力争达到65%以上')).toMatchObject({ comparator: 'at_least', value: 65, firmness: 'aspirational' });
    expect(find('煤炭消费得到合理控制')).toMatchObject({ comparator: 'milestone', value: null });
    expect(find('单位地区生产总值煤炭消耗下降20%')).toMatchObject({ comparator: 'reduce_by', value: 20, unit: '%' });
  });

  it('derives each deadline from the latest target year, or marks ongoing and undated work', () => {
    const byKey = new Map(analysis.report.rows.map((r) => [`${r.seq}.${r.item}`, r.deadline]));
    expect(byKey.get('1.1')).toEqual({ kind: 'dated', date: '2030-12-31', text: '到2030年', basis: 'text' });
    expect(byKey.get('8.1')).toMatchObject({ kind: 'dated', date: '2025-12-31' });
    expect(byKey.get('9.2')).toMatchObject({ kind: 'ongoing', date: null, text: '持续' });
    expect(byKey.get('5.1')).toBeNull();
  });
});
