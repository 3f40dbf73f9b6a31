/** The outcome of one target against the verified actual: what the office reports to the leading group. */
export type Outcome = 'achieved' | 'not_achieved' | 'unknown';

export interface TargetFacts {
  comparator: string;
  /** The plan's figure; for assigned targets, the allocation the office recorded (null until then). */
  value: number | null;
  unit: string | null;
  year: number | null;
  baselineYear: number | null;
}

export interface ActualFacts {
  value: number;
  verification: string;
}

/** How far from the figure 「左右」 still counts as met: ±5 % of the target value. */
export const ABOUT_TOLERANCE = 0.05;

const num = (x: number) => String(Number(x.toFixed(4)));
export const withUnit = (x: number, unit: string | null) => (unit === '%' ? `${num(x)}%` : unit ? `${num(x)} ${unit}` : num(x));

/**
 * Evaluates a target in a year, showing the arithmetic in the words an office uses. Only a verified
 * actual counts; an unverified or disputed one, a target not due yet, a missing baseline or an
 * allocation not yet recorded leave the outcome unknown, with the reason.
 */
export function evaluateTarget(
  t: TargetFacts,
  direction: 'higher' | 'lower',
  year: number,
  actual: ActualFacts | null,
  baseline: number | null,
): { outcome: Outcome; evaluatedYear: number; explanation: string } {
  const evaluatedYear = t.year !== null && t.year < year ? t.year : year;
  const unknown = (explanation: string) => ({ outcome: 'unknown' as const, evaluatedYear, explanation });
  if (t.comparator === 'milestone') return unknown('非数值目标，按工作进展评价');
  if (t.year !== null && t.year > year) return unknown(`目标年份为 ${t.year} 年，尚未到期`);
  if (t.comparator === 'assigned' && t.value === null) return unknown('上级下达的目标值尚未录入');
  if (t.value === null) return unknown('目标未给出数值');
  if (!actual) return unknown(`尚无 ${evaluatedYear} 年实际值`);
  if (actual.verification === 'disputed') return unknown(`${evaluatedYear} 年实际值 ${withUnit(actual.value, t.unit)} 存在争议，待核实`);
  if (actual.verification !== 'verified') return unknown(`${evaluatedYear} 年实际值 ${withUnit(actual.value, t.unit)} 尚未核实`);
  const a = actual.value;
  const v = t.value;
  const verdict = (ok: boolean, explanation: string) => ({ outcome: ok ? ('achieved' as const) : ('not_achieved' as const), evaluatedYear, explanation });
  const atLeast = () => verdict(a >= v, `实际 ${withUnit(a, t.unit)} ${a >= v ? '≥' : '<'} 目标 ${withUnit(v, t.unit)}`);
  const atMost = () => verdict(a <= v, `实际 ${withUnit(a, t.unit)} ${a <= v ? '≤' : '>'} 目标 ${withUnit(v, t.unit)}`);
  switch (t.comparator) {
    case 'at_least':
      return atLeast();
    case 'at_most':
      return atMost();
    case 'assigned':
      // The allocation reads in the indicator's direction: a capacity at least, an intensity at most.
      return direction === 'higher' ? atLeast() : atMost();
    case 'about': {
      const [lo, hi] = [v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)];
      const ok = a >= lo && a <= hi;
      return verdict(ok, `实际 ${withUnit(a, t.unit)} ${ok ? '在' : '不在'}目标 ${withUnit(v, t.unit)} 左右（±5%，即 ${withUnit(lo, t.unit)}～${withUnit(hi, t.unit)}）范围内`);
    }
    case 'reduce_by':
    case 'increase_by': {
      if (baseline === null || baseline === 0) return unknown(`缺少 ${t.baselineYear ?? '基准'} 年基数`);
      const reduce = t.comparator === 'reduce_by';
      const change = ((reduce ? baseline - a : a - baseline) / baseline) * 100;
      const word = reduce ? '降低' : '提高';
      const ok = change >= v - 1e-9;
      const formula = reduce ? `(${num(baseline)} − ${num(a)}) ÷ ${num(baseline)}` : `(${num(a)} − ${num(baseline)}) ÷ ${num(baseline)}`;
      return verdict(ok, `较 ${t.baselineYear ?? '基准'} 年 ${num(baseline)} ${word} ${num(Number(change.toFixed(2)))}%（${formula}）${ok ? '≥' : '<'} 目标${word} ${num(v)}%`);
    }
    default:
      return unknown('无法评价的目标类型');
  }
}
