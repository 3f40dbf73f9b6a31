// Chinese names of the indicator codes the service uses (src/indicators), kept beside the screen that shows them.

export const DIRECTION_NAMES: Record<string, string> = { higher: '越大越好', lower: '越小越好' };

export const SOURCE_NAMES: Record<string, string> = { statistics: '统计部门', self_reported: '单位自报', estimate: '估算' };

export const VERIFICATION_NAMES: Record<string, string> = { unverified: '未核实', verified: '已核实', disputed: '有争议' };
export const VERIFICATION_COLORS: Record<string, string> = { unverified: 'default', verified: 'success', disputed: 'error' };

export const OUTCOME_NAMES: Record<string, string> = { achieved: '已达成', not_achieved: '未达成', unknown: '暂无法评价' };
export const OUTCOME_COLORS: Record<string, string> = { achieved: 'success', not_achieved: 'error', unknown: 'default' };

export const LINK_STATUS_NAMES: Record<string, string> = { suggested: '待确认', confirmed: '已确认' };

export const COMPARATOR_NAMES: Record<string, string> = {
  at_least: '不低于',
  at_most: '不高于',
  about: '左右',
  assigned: '完成上级下达目标',
  reduce_by: '比基准年下降',
  increase_by: '比基准年提高',
  milestone: '非数值目标',
};

/** 512 万千瓦, 19.6% — the way the service's explanations write a figure. */
export function figure(value: number | null | undefined, unit: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const n = String(Number(value.toFixed(4)));
  return unit === '%' ? `${n}%` : unit ? `${n} ${unit}` : n;
}
