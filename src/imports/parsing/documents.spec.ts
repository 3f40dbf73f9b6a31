import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDocx } from '../../../test/fixtures/imports/docx.js';
import { analyseImport } from '../import-analyser.js';
import type { DirectoryUnit } from './unit-directory.js';

const CITY: DirectoryUnit[] = [
  { id: 'c', name: '示范市', kind: 'city', aliases: [] },
  ...['发改委', '工信局', '住建局', '生态环境局', '财政局', '交通局'].map((n) => ({ id: n, name: `市${n}`, kind: 'department', aliases: [n] })),
  { id: 'towns', name: '各镇人民政府', kind: 'collective', aliases: [] },
];
const analyse = async (buf: Buffer, units = CITY, planYear?: number) => (await analyseImport(buf, 'plan', units, { maxRows: 5000, planYear })).report;

// Word's usual outline list: 「一、」 「（一）」 「1.」, the numbers in numbering.xml, not in the text.
const OUTLINE_LIST = { id: 1, levels: [{ format: 'chineseCounting', text: '%1、' }, { format: 'chineseCounting', text: '（%2）' }, { format: 'decimal', text: '%3.' }] };
const at = (level: number, text: string) => ({ text, num: { id: 1, level } });

describe('a plan in Word: prose with automatic numbering', () => {
  it('reads Word’s numbers from numbering.xml, nests measures under actions and keys them by heading path', async () => {
    const buf = await buildDocx({
      lists: [OUTLINE_LIST],
      paragraphs: [
        { text: '示范市碳达峰实施方案' },
        at(0, '总体要求'),
        { text: '坚持系统推进。' },
        at(0, '重点任务'),
        at(1, '能源绿色低碳转型行动'),
        at(2, '推进光伏发电。建设屋顶分布式光伏项目。（牵头单位：市发改委；配合单位：市工信局、市住建局）'),
        at(2, '推动煤电改造。实施煤电机组“三改联动”。（市发改委牵头，市生态环境局配合）'),
        at(1, '交通运输绿色低碳行动'),
        at(2, '推广新能源公交车。逐年提高新能源公交车比例。（市交通局负责）'),
      ],
    });
    const report = await analyse(buf);
    expect(report.summary).toMatchObject({ format: 'docx', layout: 'document', items: 3, errors: 0 });
    expect(report.rows.map((r) => [r.identity, r.number?.printed, r.area, r.measure, r.work, r.lead?.name])).toEqual([
      ['二/(一)/1-1', '1.', '能源绿色低碳转型行动', '推进光伏发电', '建设屋顶分布式光伏项目。', '市发改委'],
      ['二/(一)/2-1', '2.', '能源绿色低碳转型行动', '推动煤电改造', '实施煤电机组“三改联动”。', '市发改委'],
      ['二/(二)/1-1', '1.', '交通运输绿色低碳行动', '推广新能源公交车', '逐年提高新能源公交车比例。', '市交通局'],
    ]);
    expect(report.rows[0].headingPath.map((h) => [h.printed, h.title, h.level])).toEqual([
      ['二、', '重点任务', 1],
      ['（一）', '能源绿色低碳转型行动', 2],
    ]);
    expect(report.rows[0].responsibilityClause).toBe('（牵头单位：市发改委；配合单位：市工信局、市住建局）');
  });

  it('reads unnumbered heading styles as headings and each paragraph’s clause as one item', async () => {
    const buf = await buildDocx({
      headingStyles: [{ id: 'Heading1', name: 'heading 1', level: 1 }],
      paragraphs: [
        { text: '能源领域', style: 'Heading1' },
        { text: '推进光伏发电项目建设。（市发改委负责）' },
        { text: '推进风电项目建设。由市发改委牵头，市工信局配合。' },
        { text: '交通领域', style: 'Heading1' },
        { text: '推广新能源公交车。（市交通局负责）' },
      ],
    });
    const report = await analyse(buf);
    expect(report.rows.map((r) => [r.area ?? r.measure, r.work, r.lead?.name, r.supporting.map((m) => m.name)])).toEqual([
      ['能源领域', '推进光伏发电项目建设。', '市发改委', []],
      ['能源领域', '推进风电项目建设。', '市发改委', ['市工信局']],
      ['交通领域', '推广新能源公交车。', '市交通局', []],
    ]);
    expect(new Set(report.rows.map((r) => r.identity)).size).toBe(3);
  });

  it('reads numbers that a heading style carries (numbering defined on the style, not the paragraph)', async () => {
    const buf = await buildDocx({
      lists: [{ id: 2, levels: [{ format: 'chineseCounting', text: '%1、' }, { format: 'decimal', text: '%2.', start: 1 }] }],
      headingStyles: [{ id: 'Heading1', name: 'heading 1', level: 1, num: { id: 2, level: 0 } }],
      paragraphs: [
        { text: '能源领域', style: 'Heading1' },
        { text: '推进光伏发电。（市发改委负责）', num: { id: 2, level: 1 } },
        { text: '交通领域', style: 'Heading1' },
        { text: '推广新能源公交车。（市交通局负责）', num: { id: 2, level: 1 } },
      ],
    });
    const report = await analyse(buf);
    expect(report.rows.map((r) => [r.identity, r.headingPath.map((h) => h.printed), r.lead?.name])).toEqual([
      ['一/1-1', ['一、'], '市发改委'],
      ['二/1-1', ['二、'], '市交通局'],
    ]);
  });

  it('reads a Word task table, merged cells included, in preference to the prose around it', async () => {
    const buf = await buildDocx({
      paragraphs: [{ text: '附件：重点任务分工表' }],
      tables: [
        [
          ['序号', '重点领域', '工作任务', '牵头单位', '配合单位'],
          ['1', { text: '一、能源领域', merge: 'restart' }, '推进光伏发电项目建设', '市发改委', '市工信局'],
          ['2', { merge: true }, '推动煤电机组改造', '市发改委', ''],
          [{ text: '以下为交通领域', span: 5 }],
          ['3', '二、交通领域', '推广新能源公交车', '市交通局', '市财政局'],
        ],
      ],
    });
    const report = await analyse(buf);
    expect(report.summary.layout).toBe('table');
    expect(report.rows.map((r) => [r.seq, r.area, r.work, r.lead?.name])).toEqual([
      ['1', '能源领域', '推进光伏发电项目建设', '市发改委'],
      ['2', '能源领域', '推动煤电机组改造', '市发改委'],
      ['3', '交通领域', '推广新能源公交车', '市交通局'],
    ]);
  });

  it('refuses a Word file with neither a task table nor numbered measures, saying what was expected', async () => {
    const buf = await buildDocx({ paragraphs: [{ text: '关于召开碳达峰工作推进会的通知' }, { text: '各有关单位：定于下周召开推进会，请准时参加。' }] });
    await expect(analyse(buf)).rejects.toMatchObject({ code: 'IMPORT.NOTHING_TO_IMPORT', status: 422, message: expect.stringContaining('主要工作') });
  });
});

describe('a plan as plain text', () => {
  it('reads GB18030 text with bare unit lists after each measure and reviewer remarks as proposals', async () => {
    const report = await analyse(readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/imports/plan-gb18030.txt')), [], 2024);
    expect(report.summary).toMatchObject({ format: 'text', layout: 'document', items: 3 });
    expect(report.rows.map((r) => [r.identity, r.lead?.name, r.supporting.map((m) => m.name)])).toEqual([
      ['二/(一)/1-1', '县发改委', ['县工信局', '县住建局']],
      ['二/(一)/2-1', '县发改委', ['县生态环境分局', '县市场监管局']],
      ['二/(二)/1-1', '县交通局', ['县财政局', '县发改委']],
    ]);
    expect(report.summary.assignmentProposals.map((p) => [p.identity, p.unit, p.kind, p.role])).toEqual([
      ['二/(一)/2-1', '县生态环境分局', 'remove', 'supporting'],
      ['二/(二)/1-1', '县财政局', 'to_supporting', 'supporting'],
    ]);
    expect(report.rows[1].deadline).toMatchObject({ date: '2024-06-30', text: '2024年6月底前' });
    expect(report.rows[1].work).toBe('2024年6月底前完成10蒸吨以下燃煤锅炉淘汰。');
  });

  it('cuts a flattened PDF text at its numbers, drops page footers inside words, and stops at the annex table and what follows it', async () => {
    const text =
      '示范市碳达峰实施方案-1-一、总体要求坚持系统推进。二、重点任务(一)能源行动。1.推进光伏发电。建设光伏项目,到2025年装机达到20万千瓦。(责任单位:市发改委、工信局按照职-3-责分工分别负责。下述工作事项,均需各镇人民政府落实,不再重复列出)2.推动煤电改造。实施改造。(责任单位:市工信局、发改委按照职责分工分别负责)三、组织实施(一)加强领导。定期调度。附件序号重点领域主要工作牵头单位配合单位1能源推进光伏发电市发改委市工信局\n1、当您付费下载文档后，您只拥有了使用权限。\n2、本站所有内容均由网友上传。';
    const report = await analyse(Buffer.from(text));
    expect(report.rows.map((r) => [r.identity, r.lead?.name, r.supporting.map((m) => m.name)])).toEqual([
      ['1-1', '市发改委', ['市工信局']],
      ['2-1', '市工信局', ['市发改委']],
    ]);
    expect(report.rows[0].responsibilityClause).toContain('按照职责分工分别负责');
    expect(report.summary.implicitUnits).toEqual({ text: '各镇人民政府', names: ['各镇人民政府'], line: 1 });
  });

  it('imports a plan that names no unit with every measure unassigned and flagged, and leaves framing chapters and the annex out', async () => {
    const text = ['一、总体要求', '坚持系统推进。', '二、重点任务', '（一）能源行动', '1.推进光伏发电。建设光伏项目。', '2.推动煤电改造。实施改造。', '三、组织实施', '（一）加强组织领导', '定期调度进展。', '附件1', '1.重点任务分工表的填写说明。'].join('\n');
    const report = await analyse(Buffer.from(text));
    expect(report.rows.map((r) => [r.identity, r.lead, r.problems.map((p) => p.code)])).toEqual([
      ['1-1', null, ['UNASSIGNED']],
      ['2-1', null, ['UNASSIGNED']],
    ]);
  });
});
