import { demoDirectory } from '../../../test/yinchuan.js';
import { analyseImport } from '../import-analyser.js';
import type { UnitProposal } from './onboarding.js';
import type { DirectoryUnit } from './unit-directory.js';

const YINCHUAN = { id: '银川市', name: '银川市', kind: 'city' };
const csv = (rows: [string, string][]) => Buffer.from(['序号,工作任务,牵头单位,配合单位', ...rows.map(([lead, support], i) => `${i + 1},工作事项${i + 1},${lead},"${support}"`)].join('\n'));
const proposals = async (file: Buffer, units: DirectoryUnit[] = demoDirectory()) => {
  const { report } = await analyseImport(file, 'list.csv', units, { maxRows: 1000, jurisdiction: YINCHUAN });
  return { report, byName: new Map<string, UnitProposal>(report.summary.unknownUnits.map((u) => [u.name, u])) };
};

describe('onboarding: what to do with each unknown name', () => {
  it('proposes an alias of the jurisdiction’s unit by known abbreviation patterns, with the evidence', async () => {
    const { byName } = await proposals(csv([['市住房城乡建设局', '工业和信息化局、市场监督管理局'], ['人力资源和社会保障局', '银川市交通运输局']]));
    expect(byName.get('市住房城乡建设局')).toMatchObject({ action: 'alias', aliasOf: { id: '市住建局' }, evidence: expect.arrayContaining(['简称规则：住房和城乡建设 ↔ 住建']) });
    expect(byName.get('工业和信息化局')).toMatchObject({ action: 'alias', aliasOf: { id: '市工信局' }, evidence: expect.arrayContaining(['省略了本级前缀']) });
    expect(byName.get('市场监督管理局')).toMatchObject({ action: 'alias', aliasOf: { id: '市市场监管局' } });
    expect(byName.get('人力资源和社会保障局')).toMatchObject({ action: 'alias', aliasOf: { id: '市人社局' } });
    expect(byName.get('银川市交通运输局')).toMatchObject({ action: 'alias', aliasOf: { id: '市交通局' }, evidence: expect.arrayContaining(['「银川市」即本方案所属地区']) });
    expect(byName.get('市住房城乡建设局')!.occurrences).toEqual([2]);
  });

  it('never binds another place’s bureau to this city’s unit, and proposes new units with kind and parent from the name', async () => {
    const { byName } = await proposals(
      csv([
        ['石嘴山市财政局', '自治区发展改革委、闽宁镇、国网宁夏电力有限公司'],
        ['人民银行银川市中心支行', '市委网信办、贺兰山东麓园区、各乡镇人民政府'],
        ['市气象服务中心', '有关专家'],
      ]),
    );
    expect(byName.get('石嘴山市财政局')).toMatchObject({ action: 'create', kind: 'department', parent: { relation: 'unknown', name: null } });
    expect(byName.get('石嘴山市财政局')!.evidence.join()).toContain('石嘴山市');
    expect(byName.get('自治区发展改革委')).toMatchObject({ action: 'create', kind: 'department', parent: { relation: 'superior', name: '宁夏回族自治区', id: '宁夏回族自治区' } });
    expect(byName.get('闽宁镇')).toMatchObject({ kind: 'town', parent: { relation: 'jurisdiction', id: '银川市' } });
    expect(byName.get('国网宁夏电力有限公司')).toMatchObject({ kind: 'enterprise' });
    expect(byName.get('人民银行银川市中心支行')).toMatchObject({ kind: 'other' });
    expect(byName.get('市委网信办')).toMatchObject({ kind: 'party_organ' });
    expect(byName.get('贺兰山东麓园区')).toMatchObject({ kind: 'park' });
    expect(byName.get('各乡镇人民政府')).toMatchObject({ kind: 'collective', memberKind: 'town' });
    expect(byName.get('市气象服务中心')).toMatchObject({ action: 'create', kind: 'other' });
    expect(byName.get('有关专家')).toMatchObject({ action: 'not_unit' });
  });

  it('proposes a county for 「…县」 under a city, and a choice when a short name fits two units', async () => {
    const units: DirectoryUnit[] = [
      { id: 'city', name: '示范市', kind: 'city', aliases: [] },
      { id: 'a', name: '市发改委', kind: 'department', aliases: [] },
      { id: 'b', name: '东城区发改委', kind: 'department', aliases: [] },
      { id: 'x', name: '市统计局', kind: 'department', aliases: ['统计局'] },
      { id: 'y', name: '区统计局', kind: 'department', aliases: ['统计局'] },
    ];
    const { byName } = await analyseImport(csv([['统计局', '北山县']]), 'l', units, { maxRows: 100, jurisdiction: { id: 'city', name: '示范市', kind: 'city' } }).then(({ report }) => ({
      byName: new Map(report.summary.unknownUnits.map((u) => [u.name, u])),
    }));
    expect(byName.get('统计局')).toMatchObject({ action: 'choose', candidates: [{ id: 'x' }, { id: 'y' }] });
    expect(byName.get('北山县')).toMatchObject({ action: 'create', kind: 'county', parent: { relation: 'jurisdiction', id: 'city' } });
  });

  it('warns when a whole list looks like another jurisdiction’s', async () => {
    const { report } = await proposals(csv([['省发展改革委', '省工业和信息化厅、省住房城乡建设厅'], ['省生态环境厅', '市财政局']]));
    expect(report.problems).toEqual([expect.objectContaining({ level: 'warning', code: 'FOREIGN_JURISDICTION' })]);
    const local = await proposals(csv([['市发改委', '市工信局、自治区发展改革委']]));
    expect(local.report.problems).toEqual([]);
  });
});
