import { toHalfWidth } from './text.js';

const TITLE = /(\d{4})\s*年\s*(?:度)?[^,。;，；]{0,30}?(工作要点|工作计划|任务清单|任务分工|重点工作|工作任务|工作方案|行动计划|工作台账|台账|实施方案|责任清单)/;

/**
 * The year a document says it is for, from its title (「2022年碳达峰工作要点」「附件：2023年度
 * 重点任务分工表」). Only titles count: 「到2025年…」 in the text is a target, not the plan's year.
 */
export function planYearIn(lines: string[]): number[] {
  for (const line of lines) {
    if (line.length > 60) continue;
    const m = toHalfWidth(line).match(TITLE);
    if (m && !/^到/.test(toHalfWidth(line).slice(Math.max(0, m.index! - 1), m.index!)) && +m[1] >= 2000 && +m[1] <= 2100) return [Number(m[1])];
  }
  return [];
}
