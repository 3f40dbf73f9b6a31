import { parseDeadlineCell, deadlineFromText } from './deadlines.js';
import { responsibilityFromText } from './responsibility-text.js';
import { extractTargets } from './targets.js';
import { UnitDirectory } from './unit-directory.js';
import { splitUnits, tokenize } from './unit-splitter.js';

const directory = new UnitDirectory([
  { id: '1', name: '市发改委', kind: 'department', aliases: ['发改委', '银川市发展和改革委员会'] },
  { id: '2', name: '市工信局', kind: 'department', aliases: ['工信局'] },
  { id: '3', name: '市市政管理局', kind: 'department', aliases: ['市政管理局'] },
  { id: '4', name: '市统计局', kind: 'department', aliases: ['统计局'] },
  { id: '5', name: '区发改委', kind: 'department', aliases: [] },
  { id: '6', name: '各县(市)区人民政府', kind: 'collective', aliases: [], members: [{ id: 'c1', name: '兴庆区' }] },
]);

describe('splitting unit cells', () => {
  it('splits on 、 ， , ； ; and spaces but not inside parentheses', () => {
    expect(tokenize('甲、乙，丙,丁；戊;己 庚').map((t) => t.text)).toEqual(['甲', '乙', '丙', '丁', '戊', '己', '庚']);
    expect(tokenize('各县（市、区）人民政府、市工信局').map((t) => t.text)).toEqual(['各县（市、区）人民政府', '市工信局']);
  });

  it('carries 市 across a 、-list, reads 市政管理局 as 市市政管理局, and resets at a comma', () => {
    const names = splitUnits('市工信局、市政管理局、统计局,发改委', directory).map((m) => m.name);
    expect(names).toEqual(['市工信局', '市市政管理局', '市统计局', '市发改委']);
  });

  it('refuses to guess an alias two units share, but an exact name still resolves', () => {
    const [ambiguous] = splitUnits('发改委', new UnitDirectory([
      { id: '1', name: '市发改委', kind: 'department', aliases: ['发改委'] },
      { id: '5', name: '区发改委', kind: 'department', aliases: ['发改委'] },
    ]));
    expect(ambiguous.resolution).toEqual({ status: 'unknown', reason: 'ambiguous', candidates: ['市发改委', '区发改委'] });
    expect(splitUnits('区发改委', directory)[0].resolution.status).toBe('matched');
  });

  it('lists unknown names as unknown and treats 「/」 as none', () => {
    expect(splitUnits('/', directory)).toEqual([]);
    const [m] = splitUnits('市气象局', directory);
    expect(m).toMatchObject({ text: '市气象局', name: '市气象局', resolution: { status: 'unknown', reason: 'not_found' } });
  });

  it('marks collectives and repairs a missing separator before a known unit', () => {
    const mentions = splitUnits('市工信局、统计局各县(市)区人民政府', directory);
    expect(mentions.map((m) => [m.name, m.resolution.status, Boolean(m.missingSeparator)])).toEqual([
      ['市工信局', 'matched', false],
      ['市统计局', 'matched', false],
      ['各县(市)区人民政府', 'collective', true],
    ]);
  });

  it('matches full-width parentheses against the stored name', () => {
    expect(splitUnits('各县（市）区人民政府', directory)[0].resolution.status).toBe('collective');
  });
});

describe('responsibility written in the text', () => {
  it('reads labelled lists in parentheses', () => {
    expect(responsibilityFromText('推进节能改造。（牵头单位：省发展改革委；参与单位：省工业和信息化厅、省住房城乡建设厅）')).toMatchObject({
      lead: '省发展改革委',
      supporting: '省工业和信息化厅、省住房城乡建设厅',
    });
  });

  it('reads 由…牵头负责 and (X牵头，Y、Z配合)', () => {
    expect(responsibilityFromText('建立统计体系,由市发改委、市统计局牵头负责。')).toMatchObject({ lead: '市发改委、市统计局' });
    expect(responsibilityFromText('开展试点（市发改委牵头，市工信局、市统计局配合）')).toMatchObject({ lead: '市发改委', supporting: '市工信局、市统计局' });
  });

  it('reads a 责任单位 list whose first unit leads, without the closing formula', () => {
    expect(responsibilityFromText('…(责任单位:市发改委、工信局,各县(市)区人民政府按照职责分工分别负责。下述工作事项不再重复列出)')).toMatchObject({
      responsible: '市发改委、工信局,各县(市)区人民政府',
    });
  });

  it('returns nothing for a text that names nobody', () => {
    expect(responsibilityFromText('到2025年,清洁能源装机规模突破500万千瓦。')).toBeUndefined();
  });
});

describe('targets', () => {
  it('does not take baselines, scopes or project names for target years', () => {
    expect(extractTargets('以2000年底前建成的老旧小区为重点,加快实施 2022 年光伏竞价项目。')).toEqual([]);
    expect(extractTargets('到2025年,单位面积建筑能耗比2020年降低3%左右。')).toEqual([
      expect.objectContaining({ year: 2025, comparator: 'about', value: 3, unit: '%', baselineYear: 2020 }),
    ]);
  });

  it('reads a clause-initial year, 到YYYY年底, and targets assigned by the superior level', () => {
    expect(extractTargets('2025年燃煤电厂平均供电标准煤耗降低到300克/千瓦时以下。')[0]).toMatchObject({ year: 2025, comparator: 'at_most', value: 300 });
    expect(extractTargets('到 2025 年底力争全市新能源公交车占比达到 45%以上')[0]).toMatchObject({ year: 2025, comparator: 'at_least', value: 45, firmness: 'aspirational' });
    expect(extractTargets('到2025年,全市单位地区生产总值能耗完成自治区下达目标。')[0]).toMatchObject({ comparator: 'assigned', value: null });
  });

  it('gives both years of 到YYYY年和ZZZZ年', () => {
    expect(extractTargets('到2025年和2030年,装配式建筑比重分别达25%和35%。').map((t) => t.year)).toEqual([2025, 2030]);
  });
});

describe('deadlines', () => {
  it('reads 完成时限 cells', () => {
    expect(parseDeadlineCell('2025年底前')).toMatchObject({ kind: 'dated', date: '2025-12-31', before: true, basis: 'column' });
    expect(parseDeadlineCell('2024年6月')).toMatchObject({ kind: 'dated', date: '2024-06-30' });
    expect(parseDeadlineCell('2024-03-15')).toMatchObject({ kind: 'dated', date: '2024-03-15' });
    expect(parseDeadlineCell('“十四五”期间')).toMatchObject({ kind: 'period', date: '2025-12-31', periodStart: '2021-01-01' });
    expect(parseDeadlineCell('每年年底前')).toMatchObject({ kind: 'recurring', date: null });
    expect(parseDeadlineCell('持续推进')).toMatchObject({ kind: 'ongoing', date: null });
    expect(parseDeadlineCell('适时')).toMatchObject({ kind: 'soft', date: null });
    expect(parseDeadlineCell('/')).toBeUndefined();
  });

  it('derives from text: the latest year, 到YYYY年前, five-year plans, 每年年底前, 持续推进, 适时', () => {
    expect(deadlineFromText('到2025年,A;到2030年,B。')).toMatchObject({ kind: 'dated', date: '2030-12-31', text: '到2030年' });
    expect(deadlineFromText('到2030年前,数据中心电能利用效率持续提升')).toMatchObject({ date: '2030-12-31', before: true });
    expect(deadlineFromText('“十五五”期间油品消费达峰')).toMatchObject({ kind: 'period', periodStart: '2026-01-01', date: '2030-12-31' });
    expect(deadlineFromText('每年年底前向领导小组报告')).toMatchObject({ kind: 'recurring', text: '每年年底前' });
    expect(deadlineFromText('持续推进老旧柴油货车淘汰更新')).toMatchObject({ kind: 'ongoing', text: '持续推进' });
    expect(deadlineFromText('适时启动氢能试点')).toMatchObject({ kind: 'soft' });
    expect(deadlineFromText('实施城市节能降碳工程')).toBeUndefined();
  });
});
