/** What a digest lists: one line per notification, grouped by plan and by the unit it is about. */
export interface DigestLine {
  planTitle: string | null;
  unitName: string | null;
  title: string;
  body: string;
}

const NO_PLAN = '其他事项';
const NO_UNIT = '本单位';

/** The Chinese text of a digest: plans in the order met, units under them, numbered lines. */
export function digestText(greeting: string, day: string, lines: DigestLine[]): string {
  const plans = new Map<string, Map<string, DigestLine[]>>();
  for (const l of lines) {
    const units = plans.get(l.planTitle ?? NO_PLAN) ?? new Map<string, DigestLine[]>();
    plans.set(l.planTitle ?? NO_PLAN, units);
    const list = units.get(l.unitName ?? NO_UNIT) ?? [];
    list.push(l);
    units.set(l.unitName ?? NO_UNIT, list);
  }
  const out = [greeting, `截至 ${day}，以下 ${lines.length} 项事项需要关注：`, ''];
  for (const [plan, units] of plans) {
    out.push(`【${plan}】`);
    for (const [unit, list] of units) {
      out.push(`  ${unit}：`);
      list.forEach((l, i) => out.push(`    ${i + 1}. ${l.title}：${l.body}`));
    }
    out.push('');
  }
  out.push('请登录碳达峰实施方案责任落实跟踪系统办理。本消息由系统自动发送，请勿直接回复。');
  return out.join('\n');
}

export const emailSubject = (count: number, day: string) => `【碳达峰工作提醒】${day} 您有 ${count} 项待办事项`;
export const robotSubject = (unitName: string, count: number, day: string) => `【碳达峰工作提醒】${unitName} ${day} 共 ${count} 项待办事项`;
