import { formalismRefusals, schemeErrors, type SchemeDefinition } from './scheme-rules.js';

const c = (name: string, basis: SchemeDefinition['criteria'][number]['basis'] = 'other', description = '') =>
  ({ key: 'x', partKey: 'work', name, description, type: 'judged', basis, rangeMin: 0, rangeMax: 5 }) as SchemeDefinition['criteria'][number];
const refused = (x: SchemeDefinition['criteria'][number]) => formalismRefusals({ criteria: [x] }).map((e) => e.field);

describe('formalism guardrails (整治形式主义为基层减负若干规定)', () => {
  it.each([
    ['领导批示件数', 'other', '', 'criteria[0].name'],
    ['获得领导肯定', 'other', '', 'criteria[0].name'],
    ['经验交流', 'other', '在省级以上媒体刊发稿件', 'criteria[0].description'],
    ['新闻报道篇数', 'work_quality', '', 'criteria[0].name'],
    ['信息采用数', 'other', '', 'criteria[0].name'],
    ['工作照片', 'other', '', 'criteria[0].name'],
    ['过程留痕', 'other', '', 'criteria[0].name'],
    ['台账数量', 'other', '', 'criteria[0].name'],
    ['填报表格份数', 'other', '', 'criteria[0].name'],
    ['报表报送次数', 'system_data', '', 'criteria[0].name'],
    ['亮点工作', 'leader_instruction', '', 'criteria[0].basis'],
    ['亮点工作', 'publicity', '', 'criteria[0].basis'],
    ['佐证材料', 'photos_traces', '', 'criteria[0].basis'],
    ['资料报送', 'forms_count', '', 'criteria[0].basis'],
  ] as const)('refuses 「%s」 (basis %s, %s)', (name, basis, description, field) => {
    expect(refused(c(name, basis, description))).toEqual([field]);
  });

  it.each(['按时报送率', '年度到期事项完成率', '逾期或红灯事项', '工作质量与创新', '碳排放控制目标未完成', '报告被退回', '申请延期', '重点项目建设进度', '能耗强度下降'])('accepts 「%s」', (name) => {
    expect(refused(c(name, 'work_quality'))).toEqual([]);
  });
});

describe('scheme consistency', () => {
  const def: SchemeDefinition = {
    baseScore: 100,
    totalCap: 100,
    parts: [{ key: 'work', name: '任务', weight: 100 }],
    criteria: [{ key: 'overdue', partKey: 'work', name: '逾期', type: 'computed', basis: 'system_data', kind: 'overdue_or_red', params: { lead: -5, supporting: -3 } }],
    bands: { excellent: 90, good: 80, pass: 60 },
    excellentMaxShare: null,
    appealDays: 10,
  };
  const data = { periodsInYear: 4, datedItems: 10 };
  it('a sound scheme has no errors', () => expect(schemeErrors(def, data)).toEqual([]));
  it('names each problem with its field', () => {
    const bad: SchemeDefinition = {
      ...def,
      baseScore: 120,
      bands: { excellent: 80, good: 85, pass: 60 },
      criteria: [
        { ...def.criteria[0], partKey: 'nowhere' },
        { key: 'overdue', partKey: 'work', name: '未知', type: 'computed', basis: 'system_data', kind: 'no_such_kind' },
        { key: 'v', partKey: 'work', name: '否决', type: 'veto', basis: 'target', kind: 'on_time_reporting' },
      ],
    };
    expect(schemeErrors(bad, { periodsInYear: 0, datedItems: 10 }).map((e) => e.field)).toEqual([
      'baseScore',
      'bands',
      'criteria[0].partKey',
      'criteria[1].key',
      'criteria[1].kind',
      'criteria[2].kind',
    ]);
  });
});
