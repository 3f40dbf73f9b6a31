import { deadlineFromText, findDeadlines, parseDeadlineCell, parseDeadlinesCell } from './deadlines.js';

const brief = (list: { kind: string; date: string | null; text: string }[]) => list.map((d) => [d.kind, d.date, d.text]);

describe('deadlines at every grain', () => {
  it('reads month, day, quarter and half-year cells, with the plan year where the phrase names none', () => {
    const year = { planYear: 2022 };
    expect(parseDeadlineCell('2022年2月底前')).toMatchObject({ kind: 'dated', date: '2022-02-28', before: true });
    expect(parseDeadlineCell('4月底前', year)).toMatchObject({ kind: 'dated', date: '2022-04-30', year: 'plan' });
    expect(parseDeadlineCell('年底前', year)).toMatchObject({ kind: 'dated', date: '2022-12-31', year: 'plan' });
    expect(parseDeadlineCell('6月30日前', year)).toMatchObject({ kind: 'dated', date: '2022-06-30', before: true });
    expect(parseDeadlineCell('上半年', year)).toMatchObject({ kind: 'dated', date: '2022-06-30' });
    expect(parseDeadlineCell('三季度末', year)).toMatchObject({ kind: 'dated', date: '2022-09-30' });
    expect(parseDeadlineCell('2023年第一季度')).toMatchObject({ kind: 'dated', date: '2023-03-31' });
  });

  it('says the year is missing instead of inventing one', () => {
    expect(parseDeadlineCell('4月底前')).toMatchObject({ kind: 'dated', date: null, year: 'missing', text: '4月底前' });
  });

  it('reads starts, standing work and the superior level’s schedule', () => {
    expect(parseDeadlineCell('2022年起')).toMatchObject({ kind: 'ongoing', date: null, periodStart: '2022-01-01' });
    expect(parseDeadlineCell('2022年起每年开展')).toMatchObject({ kind: 'recurring', periodStart: '2022-01-01' });
    expect(parseDeadlineCell('长期坚持')).toMatchObject({ kind: 'ongoing', date: null });
    expect(parseDeadlineCell('按上级部署')).toMatchObject({ kind: 'superior', date: null });
    expect(parseDeadlineCell('按国家要求')).toMatchObject({ kind: 'superior', date: null });
    expect(parseDeadlineCell('2023—2025年')).toMatchObject({ kind: 'dated', date: '2025-12-31' });
  });

  it('gives each milestone of one cell with its phrase and clause; the last is the main deadline', () => {
    const list = parseDeadlinesCell('6月底前出台方案，年底前完成', { planYear: 2022 });
    expect(list.map((d) => [d.date, d.text, d.clause])).toEqual([
      ['2022-06-30', '6月底前', '6月底前出台方案'],
      ['2022-12-31', '年底前', '年底前完成'],
    ]);
    expect(parseDeadlineCell('6月底前出台方案，年底前完成', { planYear: 2022 })).toMatchObject({ date: '2022-12-31' });
  });

  it('lets an explicit month win over a five-year-plan mention in the same sentence', () => {
    expect(brief(findDeadlines('“十四五”期间，2022年6月底前完成改造。', 'text'))).toEqual([['dated', '2022-06-30', '2022年6月底前']]);
    expect(brief(findDeadlines('“十四五”期间完成改造。2022年6月底前出台方案。', 'text')).map((d) => d[0])).toEqual(['period', 'dated']);
  });

  it('dates month-only phrases in prose in the plan year, and leaves events and recurring months alone', () => {
    expect(deadlineFromText('各区于6月底前报送实施方案。', { planYear: 2023 })).toMatchObject({ date: '2023-06-30', text: '6月底前' });
    expect(deadlineFromText('6月召开推进会。', { planYear: 2023 })).toBeUndefined();
    expect(deadlineFromText('每年年底前报送总结。', { planYear: 2023 })).toMatchObject({ kind: 'recurring' });
    expect(deadlineFromText('每年3月底前报送总结。', { planYear: 2023 })).toMatchObject({ kind: 'recurring' });
  });

  it('does not take baselines, scopes and mandates for deadlines', () => {
    expect(findDeadlines('以2000年底前建成的老旧小区为重点,以2020年6月为基准测算。', 'text')).toEqual([]);
    expect(deadlineFromText('按照国家和自治区要求,建立用能预算管理制度。')).toBeUndefined();
    expect(deadlineFromText('按照国家统一部署推进碳排放权交易。')).toMatchObject({ kind: 'superior' });
  });
});
