import { evaluateTarget } from './evaluation.js';

const t = (comparator: string, value: number | null, unit: string | null, extra: object = {}) => ({ comparator, value, unit, year: 2026, baselineYear: null, ...extra });
const verified = (value: number) => ({ value, verification: 'verified' });

describe('target evaluation: the arithmetic shown in Chinese', () => {
  it.each([
    ['at_least met', t('at_least', 500, '万千瓦'), 'higher', verified(512), null, 'achieved', '实际 512 万千瓦 ≥ 目标 500 万千瓦'],
    ['at_least missed', t('at_least', 500, '万千瓦'), 'higher', verified(480.5), null, 'not_achieved', '实际 480.5 万千瓦 < 目标 500 万千瓦'],
    ['at_most met', t('at_most', 55, '%'), 'lower', verified(54.2), null, 'achieved', '实际 54.2% ≤ 目标 55%'],
    ['about inside ±5%', t('about', 20, '%'), 'higher', verified(19.2), null, 'achieved', '实际 19.2% 在目标 20% 左右（±5%，即 19%～21%）范围内'],
    ['about outside', t('about', 20, '%'), 'higher', verified(18.9), null, 'not_achieved', '实际 18.9% 不在目标 20% 左右（±5%，即 19%～21%）范围内'],
    ['reduce_by met', t('reduce_by', 4, '%', { baselineYear: 2025 }), 'lower', verified(0.95), 1, 'achieved', '较 2025 年 1 降低 5%（(1 − 0.95) ÷ 1）≥ 目标降低 4%'],
    ['assigned, lower is better', t('assigned', 0.4, '吨标准煤/万元'), 'lower', verified(0.41), null, 'not_achieved', '实际 0.41 吨标准煤/万元 > 目标 0.4 吨标准煤/万元'],
  ] as const)('%s', (_name, target, direction, actual, baseline, outcome, explanation) => {
    expect(evaluateTarget(target, direction, 2026, actual, baseline)).toEqual({ outcome, evaluatedYear: 2026, explanation });
  });

  it('unknown, with the reason: not verified, disputed, not due, allocation or baseline missing', () => {
    const e = (target: object, actual: { value: number; verification: string } | null, baseline: number | null = null) =>
      evaluateTarget({ ...t('at_least', 500, '万千瓦'), ...target }, 'higher', 2026, actual, baseline);
    expect(e({}, { value: 512, verification: 'unverified' })).toMatchObject({ outcome: 'unknown', explanation: '2026 年实际值 512 万千瓦 尚未核实' });
    expect(e({}, { value: 512, verification: 'disputed' })).toMatchObject({ outcome: 'unknown', explanation: '2026 年实际值 512 万千瓦 存在争议，待核实' });
    expect(e({}, null)).toMatchObject({ outcome: 'unknown', explanation: '尚无 2026 年实际值' });
    expect(e({ year: 2030 }, verified(512))).toMatchObject({ outcome: 'unknown', explanation: '目标年份为 2030 年，尚未到期' });
    expect(e({ comparator: 'assigned', value: null }, verified(1))).toMatchObject({ outcome: 'unknown', explanation: '上级下达的目标值尚未录入' });
    expect(e({ comparator: 'reduce_by', value: 4, baselineYear: 2025 }, verified(1))).toMatchObject({ outcome: 'unknown', explanation: '缺少 2025 年基数' });
  });

  it('a target of an earlier year is judged on that year’s actual', () => {
    expect(evaluateTarget({ ...t('at_least', 500, '万千瓦'), year: 2025 }, 'higher', 2026, verified(501), null)).toMatchObject({ outcome: 'achieved', evaluatedYear: 2025 });
  });
});
