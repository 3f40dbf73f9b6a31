import { buildXlsx } from '../../../test/fixtures/imports/docx.js';
import { analyseImport, type AnalyseOptions } from '../import-analyser.js';
import type { DirectoryUnit } from './unit-directory.js';

/** A synthetic city: its departments, two counties, a park and the collectives. */
const CITY: DirectoryUnit[] = [
  { id: 'c', name: '示范市', kind: 'city', aliases: [] },
  ...['发改委', '工信局', '住建局', '生态环境局', '财政局', '统计局', '交通局', '科技局'].map((n) => ({ id: n, name: `市${n}`, kind: 'department', aliases: [n] })),
  { id: 'k1', name: '东城区', kind: 'county', aliases: [] },
  { id: 'k2', name: '西湖县', kind: 'county', aliases: [] },
  { id: 'all-counties', name: '各县区人民政府', kind: 'collective', aliases: ['各县区'], members: [{ id: 'k1', name: '东城区' }, { id: 'k2', name: '西湖县' }] },
];

const csv = (lines: string[]) => Buffer.from(lines.join('\n'));
const analyse = async (buf: Buffer, options: Partial<AnalyseOptions> = {}) => (await analyseImport(buf, 'list', CITY, { maxRows: 5000, ...options })).report;

describe('numbering as printed, order derived', () => {
  it('accepts every common style in the number column and keeps it as printed', async () => {
    const report = await analyse(
      csv(['序号,工作任务,牵头单位', '1．,推进光伏发电项目建设,市发改委', '（2）,推广新能源汽车,市交通局', '③,开展节能诊断,市工信局', '第四条,建立统计体系,市统计局']),
    );
    expect(report.rows.map((r) => [r.number?.printed, r.number?.style, r.number?.value])).toEqual([
      ['1．', 'ar-dot', 1],
      ['（2）', 'ar-paren', 2],
      ['③', 'circled', 3],
      ['第四条', 'article', 4],
    ]);
  });

  it('reads heading rows (一、 spanning the row), restarts numbering under each, and keys items by heading path plus number', async () => {
    const report = await analyse(
      csv([
        '序号,主要任务,牵头单位,配合单位',
        '一、能源领域,,,',
        '1,推进光伏发电项目建设,市发改委,市工信局',
        '2,推动煤电机组改造,市发改委,',
        '二、交通领域,,,',
        '1,推广新能源公交车,市交通局,市财政局',
        ',建设公共充电桩,市交通局,',
      ]),
    );
    expect(report.summary.headingLines).toEqual([2, 5]);
    expect(report.rows.map((r) => [r.identity, r.seq, r.area, r.number?.level])).toEqual([
      ['一/1-1', '一.1', '能源领域', 2],
      ['一/2-1', '一.2', '能源领域', 2],
      ['二/1-1', '二.1', '交通领域', 2],
      ['二/1-2', '二.1', '交通领域', 2],
    ]);
    expect(report.summary.errors).toBe(0);
    expect([...report.rows].sort((a, b) => a.sortKey.localeCompare(b.sortKey)).map((r) => r.identity)).toEqual(['一/1-1', '一/2-1', '二/1-1', '二/1-2']);
  });

  it('takes numbering nested across a heading column (「二、主要任务」 / 「（一）…」 in the text)', async () => {
    const report = await analyse(
      csv(['重点任务,工作内容,责任单位', '二、主要任务,（一）推进产业结构调整。淘汰落后产能。,市工信局', ',（二）优化能源结构。,市发改委', '三、保障措施,（一）加强统计监测。,市统计局']),
    );
    expect(report.rows.map((r) => [r.identity, r.number?.printed, r.work])).toEqual([
      ['二/(一)-1', '（一）', '推进产业结构调整。淘汰落后产能。'],
      ['二/(二)-1', '（二）', '优化能源结构。'],
      ['三/(一)-1', '（一）', '加强统计监测。'],
    ]);
  });

  it('gives a row without a number the next place instead of an error, and keys stay the same on a re-read', async () => {
    const file = csv(['工作任务,牵头单位', '推进光伏发电项目建设,市发改委', '推广新能源汽车,市交通局']);
    const first = await analyse(file);
    expect(first.rows.map((r) => [r.identity, r.number])).toEqual([
      ['1-1', null],
      ['2-1', null],
    ]);
    expect(first.summary.errors).toBe(0);
    expect((await analyse(file)).rows.map((r) => r.identity)).toEqual(first.rows.map((r) => r.identity));
  });
});

describe('columns by meaning', () => {
  it('never takes a data row whose long text holds header words for the header', async () => {
    const report = await analyse(
      csv([
        '"主要工作：推进重点任务落实，明确时间表。","牵头单位：市发改委，配合单位：市工信局。"',
        '序号,工作事项,牵头单位,完成时限',
        '1,开展重点用能单位节能诊断,市工信局,2025年底前',
      ]),
    );
    expect(report.rows.map((r) => [r.line, r.work, r.lead?.name])).toEqual([[3, '开展重点用能单位节能诊断', '市工信局']]);
  });

  it('says so when no column can be read, instead of producing rows', async () => {
    await expect(analyse(csv(['"主要工作：推进重点任务落实，明确时间表。","牵头单位：市发改委，配合单位：市工信局。"', '"主要工作：开展节能诊断。","牵头单位：市工信局。"']))).rejects.toMatchObject({
      code: 'IMPORT.NO_HEADER',
      status: 422,
    });
  });

  it.each(['主要任务', '工作任务', '工作事项', '具体任务', '条目内容', '工作内容', '重点工作', '年度工作计划', '具体工作措施'])('recognises 「%s」 as the work column', async (name) => {
    const report = await analyse(csv([`序号,${name},牵头单位`, '1,推进光伏发电项目建设,市发改委']));
    expect(report.rows[0]).toMatchObject({ work: '推进光伏发电项目建设', lead: { name: '市发改委' } });
  });

  it('finds the work column by its content when its name is unknown, and keeps a heading column as context', async () => {
    const report = await analyse(csv(['类别,内容,牵头单位', '能源,推进光伏发电项目建设，到2025年装机达到100万千瓦。,市发改委', ',推动煤电机组节能改造。,市发改委']));
    expect(report.rows.map((r) => [r.area, r.work])).toEqual([
      ['能源', '推进光伏发电项目建设，到2025年装机达到100万千瓦。'],
      ['能源', '推动煤电机组节能改造。'],
    ]);
  });

  it('never reads a column of sentences as units, whatever its header says', async () => {
    const report = await analyse(
      csv(['序号,工作任务,责任单位', '1,推进光伏发电项目建设,"由各地结合实际，统筹推进光伏发电项目建设，确保按期完成，形成可复制的经验。"', '2,推广新能源汽车,"加强督促检查，定期调度进展，及时协调解决重大问题，推动各项任务落实。"']),
    );
    expect(report.summary.unknownNames).toEqual([]);
    expect(report.rows.every((r) => r.lead === null && r.supporting.length === 0)).toBe(true);
    expect(report.rows[0].parts).toEqual([{ label: '责任单位', text: '由各地结合实际，统筹推进光伏发电项目建设，确保按期完成，形成可复制的经验。' }]);
  });

  it('keeps a title and further text columns as the item’s parts, and reads a two-row header', async () => {
    const buf = await buildXlsx(
      [
        ['序号', '任务名称', '具体工作措施', '工作目标', '责任单位', null, '完成时限'],
        [null, null, null, null, '牵头单位', '配合单位', null],
        [1, '光伏示范', '建设屋顶分布式光伏示范项目。', '建成10个示范项目', '市发改委', '市住建局、市财政局', '2025年底前'],
      ],
      ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:F1', 'G1:G2'],
    );
    const report = await analyse(buf);
    expect(report.rows[0]).toMatchObject({
      line: 3,
      title: '光伏示范',
      work: '建设屋顶分布式光伏示范项目。',
      parts: [{ label: '工作目标', text: '建成10个示范项目' }],
      lead: { name: '市发改委' },
      deadline: { date: '2025-12-31' },
    });
    expect(report.rows[0].supporting.map((m) => m.name)).toEqual(['市住建局', '市财政局']);
  });
});

describe('responsibility and deadlines in tables', () => {
  it('reads units from the text when the table has no unit column, taking the clause out of the stored text', async () => {
    const report = await analyse(csv(['序号,重点工作', '1,"推进既有建筑节能改造。（牵头单位：市住建局；配合单位：市发改委、市财政局）"']));
    expect(report.rows[0]).toMatchObject({
      work: '推进既有建筑节能改造。',
      responsibilityClause: '（牵头单位：市住建局；配合单位：市发改委、市财政局）',
      responsibilitySource: 'text',
      lead: { name: '市住建局' },
    });
  });

  it('leaves an item whose clause names no unit unassigned and flagged, never guessed', async () => {
    const report = await analyse(csv(['序号,重点工作', '1,"推进企业节能改造。（责任单位：相关企业）"']));
    expect(report.rows[0]).toMatchObject({ work: '推进企业节能改造。', lead: null, supporting: [], vague: ['相关企业'] });
    expect(report.rows[0].problems.map((p) => p.code)).toEqual(['VAGUE_UNITS', 'UNASSIGNED']);
    expect(report.summary.unknownNames).toEqual([]);
  });

  it('honours a reading note in the header of a 责任单位 column for every row', async () => {
    const report = await analyse(csv(['序号,工作任务,责任单位（排名不分先后）', '1,推进光伏发电,市发改委、市工信局']));
    expect([report.rows[0].lead?.name, report.rows[0].coLeads.map((m) => m.name)]).toEqual(['市发改委', ['市工信局']]);
  });

  it('reads 责任处室 as the lead department’s divisions', async () => {
    const report = await analyse(csv(['序号,工作任务,牵头单位,责任处室', '1,编制温室气体清单,市生态环境局,应对气候变化处、监测处']));
    expect(report.rows[0].supporting.map((m) => [m.name, m.parent])).toEqual([
      ['应对气候变化处', '市生态环境局'],
      ['监测处', '市生态环境局'],
    ]);
    expect(report.summary.unknownUnits.filter((u) => u.parent?.relation === 'department').map((u) => [u.name, u.kind, u.parent?.name])).toEqual([
      ['应对气候变化处', 'other', '市生态环境局'],
      ['监测处', 'other', '市生态环境局'],
    ]);
  });

  it('dates month-grain deadlines in the plan year and lists every milestone', async () => {
    const file = csv(['序号,工作任务,牵头单位,完成时限', '1,制定实施方案并组织实施,市发改委,"6月底前出台方案，年底前完成"']);
    const withYear = await analyse(file, { planYear: 2024 });
    expect(withYear.rows[0].deadlines.map((d) => [d.date, d.text])).toEqual([
      ['2024-06-30', '6月底前'],
      ['2024-12-31', '年底前'],
    ]);
    expect(withYear.rows[0].deadline).toMatchObject({ date: '2024-12-31' });
    const without = await analyse(file);
    expect(without.rows[0].deadlines.map((d) => d.date)).toEqual([null, null]);
    expect(without.rows[0].problems.map((p) => p.code)).toContain('DEADLINE_YEAR_MISSING');
    expect(without.problems.map((p) => p.code)).toContain('PLAN_YEAR_UNKNOWN');
  });

  it('reads the plan year from the title row when the office gives none', async () => {
    const report = await analyse(csv(['2023年碳达峰重点工作任务分工表', '序号,工作任务,牵头单位,完成时限', '1,制定实施方案,市发改委,4月底前']));
    expect(report.summary.planYear).toEqual({ year: 2023, source: 'document' });
    expect(report.rows[0].deadline).toMatchObject({ date: '2023-04-30' });
  });
});
