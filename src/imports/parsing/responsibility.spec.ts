import { assignRoles, type ReadingState } from './responsibility.js';
import { findResponsibilityClauses, removeClause, responsibilityFromText } from './responsibility-text.js';
import { UnitDirectory } from './unit-directory.js';
import { readUnitList } from './unit-splitter.js';

const directory = new UnitDirectory([
  { id: '1', name: '市发改委', kind: 'department', aliases: ['发改委'] },
  { id: '2', name: '市工信局', kind: 'department', aliases: ['工信局'] },
  { id: '3', name: '市生态环境局', kind: 'department', aliases: ['生态环境局'] },
  { id: '4', name: '市住建局', kind: 'department', aliases: ['住建局'] },
  { id: '5', name: '市统计局', kind: 'department', aliases: ['统计局'] },
  { id: '6', name: '各县(市)区人民政府', kind: 'collective', aliases: [] },
  { id: '7', name: '各园区管委会', kind: 'collective', aliases: [] },
]);

/** Reads a work text the way an importer does: the clause, the text without it, and the roles. */
function read(text: string, state: ReadingState = {}) {
  const clause = responsibilityFromText(text)!;
  const roles = assignRoles(clause, directory, state);
  return {
    text: removeClause(text, clause),
    clause: clause.clause,
    leads: roles.leads.map((m) => m.name),
    supporting: roles.supporting.map((m) => m.name),
    vague: roles.vague,
    deadline: clause.deadline,
  };
}

describe('responsibility in all its written forms', () => {
  it('labelled lists in brackets, taken out of the work text and kept as the clause', () => {
    expect(read('推进节能改造。（牵头单位：市发改委；责任单位：市工信局）')).toEqual({
      text: '推进节能改造。',
      clause: '（牵头单位：市发改委；责任单位：市工信局）',
      leads: ['市发改委'],
      supporting: ['市工信局'],
      vague: [],
      deadline: undefined,
    });
    expect(read('推进节能改造（牵头单位：市发改委，配合单位：市工信局、市住建局）')).toMatchObject({ leads: ['市发改委'], supporting: ['市工信局', '市住建局'] });
  });

  it('co-leads, 由…牵头, 由X、Y牵头，Z配合 and X牵头，Y、Z配合', () => {
    expect(read('开展试点。（牵头单位：市发改委、市工信局，参与单位：市统计局）')).toMatchObject({ leads: ['市发改委', '市工信局'], supporting: ['市统计局'] });
    expect(read('建立统计体系，由市发改委牵头负责。')).toMatchObject({ text: '建立统计体系。', leads: ['市发改委'], supporting: [] });
    expect(read('建立统计体系，由市发改委、市统计局牵头，市工信局配合。')).toMatchObject({ leads: ['市发改委', '市统计局'], supporting: ['市工信局'] });
    expect(read('开展试点。市发改委牵头，市工信局、市统计局配合。')).toMatchObject({ text: '开展试点。', leads: ['市发改委'], supporting: ['市工信局', '市统计局'] });
  });

  it('a 责任单位 list: the first leads, a reading note honoured for this and later rows and never part of a name', () => {
    const state: ReadingState = {};
    const first = read('推广绿色建材。（责任单位：市住建局（列第一位的为牵头单位，以下同）、市工信局）', state);
    expect(first).toMatchObject({ leads: ['市住建局'], supporting: ['市工信局'] });
    expect(state.note).toMatchObject({ mode: 'first-leads', persists: true });
    const unordered = readUnitList('市住建局、市工信局（排名不分先后）', directory);
    expect(unordered.mentions.map((m) => m.name)).toEqual(['市住建局', '市工信局']);
    expect(assignRoles({ responsible: '市住建局、市工信局（排名不分先后）' }, directory, {}).leads.map((m) => m.name)).toEqual(['市住建局', '市工信局']);
    expect(assignRoles({ responsible: '市住建局、市工信局*（带*的为牵头单位）' }, directory, {}).leads.map((m) => m.name)).toEqual(['市工信局']);
  });

  it('「X负责」 and 「各…按职责分工负责」', () => {
    expect(read('完善监测体系（市生态环境局负责）')).toMatchObject({ text: '完善监测体系', leads: ['市生态环境局'] });
    expect(read('落实属地责任。各县(市)区人民政府、各园区管委会按职责分工负责。')).toMatchObject({
      text: '落实属地责任。',
      leads: ['各县(市)区人民政府', '各园区管委会'],
      supporting: [],
    });
  });

  it('a deadline inside the responsibility bracket is a deadline, not a unit', () => {
    expect(read('制定实施方案（责任单位：市发改委；完成时限：2022年6月底前）')).toMatchObject({ leads: ['市发改委'], supporting: [], deadline: '2022年6月底前' });
  });

  it('respects every kind of bracket when splitting, and keeps a qualifier with its collective', () => {
    const list = readUnitList('各镇人民政府〈含街道、园区〉、市发改委', directory);
    expect(list.mentions.map((m) => [m.name, m.qualifier ?? null])).toEqual([
      ['各镇人民政府', '含街道、园区'],
      ['市发改委', null],
    ]);
    expect(readUnitList('市发改委【牵头】、市工信局', directory).mentions).toHaveLength(2);
  });

  it('flags open-ended tails as vague and never invents a unit from them', () => {
    expect(read('推进改造（责任单位：市发改委、市工信局等有关部门）')).toMatchObject({ leads: ['市发改委'], supporting: ['市工信局'], vague: ['等有关部门'] });
    const list = readUnitList('市住建局、相关企业', directory);
    expect([list.mentions.map((m) => m.name), list.vague]).toEqual([['市住建局'], ['相关企业']]);
  });

  it('takes a department’s internal divisions (责任处室) as its sub-units', () => {
    const roles = assignRoles({ lead: '市生态环境局', divisions: '大气环境处、应对气候变化处' }, directory, {});
    expect(roles.supporting.map((m) => [m.name, m.parent])).toEqual([
      ['大气环境处', '市生态环境局'],
      ['应对气候变化处', '市生态环境局'],
    ]);
    const inline = readUnitList('市生态环境局（大气环境处、气候处）', directory).mentions;
    expect(inline.map((m) => [m.name, m.parent ?? null])).toEqual([
      ['市生态环境局', null],
      ['大气环境处', '市生态环境局'],
      ['气候处', '市生态环境局'],
    ]);
  });

  it('reads reviewer remarks as proposed changes, never as part of a name', () => {
    const list = readUnitList('区发改委、科技局建议删除、科技局建议为配合单位、生态环境分局建议删除由市局负责', new UnitDirectory([]));
    expect(list.mentions.map((m) => [m.name, m.proposal ?? null])).toEqual([
      ['区发改委', null],
      ['区科技局', { kind: 'remove', remark: '建议删除' }],
      ['区科技局', { kind: 'to_supporting', remark: '建议为配合单位' }],
      ['区生态环境分局', { kind: 'transfer', remark: '建议删除由市局负责', transferTo: '市局' }],
    ]);
  });

  it('finds a clause that names no unit nowhere, and never cuts a text at its commas', () => {
    expect(responsibilityFromText('加快发展新能源，推进光伏、风电、储能协同发展，建设一批示范项目。')).toBeUndefined();
    expect(responsibilityFromText('各县(市)区向领导小组报告落实情况。')).toBeUndefined();
    expect(responsibilityFromText('建设货运枢纽（物流园区）和配送中心。')).toBeUndefined();
  });

  it('reads bare lists after a sentence, as the 昆都仑区 draft writes them', () => {
    const [clause] = findResponsibilityClauses('推动煤电节能改造。（区发改委、工信局、住建局）');
    expect(clause).toMatchObject({ form: 'bare', responsible: '区发改委、工信局、住建局', clause: '（区发改委、工信局、住建局）' });
  });

  it('finds every clause of a measure in order, with the units it implies for later items', () => {
    const text =
      '推进清洁能源。(责任单位:市发改委、工信局,各县(市)区人民政府、各园区管委会按照职责分工分别负责。下述工作事项,均需各县(市)区人民政府、各园区管委会落实,不再重复列出)实施清洁生产。(责任单位:市生态环境局、工信局按照职责分工分别负责)';
    const clauses = findResponsibilityClauses(text);
    expect(clauses.map((c) => [c.responsible, c.perMandate])).toEqual([
      ['市发改委、工信局,各县(市)区人民政府、各园区管委会', true],
      ['市生态环境局、工信局', true],
    ]);
    expect(clauses[0].implicit).toBe('各县(市)区人民政府、各园区管委会');
  });
});

describe('text that runs into a unit list', () => {
  it('never makes a sentence fragment into an unknown unit, and reads a trailing deadline as a deadline', () => {
    const clause = responsibilityFromText('推进改造。责任单位：市发改委、市工信局，2022年底前完成')!;
    expect(clause).toMatchObject({ responsible: '市发改委、市工信局', deadline: '2022年底前完成' });
    const roles = assignRoles({ responsible: '市发改委，加强统筹协调形成工作合力确保取得实效' }, directory, {});
    expect([roles.leads.map((m) => m.name), roles.supporting, roles.notUnits]).toEqual([['市发改委'], [], ['加强统筹协调形成工作合力确保取得实效']]);
  });
});
