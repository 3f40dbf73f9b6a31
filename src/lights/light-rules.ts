import { daysBetween } from '../common/dates.js';

/** Thresholds the office can change per plan. */
export interface LightRules {
  /** Not completed and due within this many days → yellow. */
  dueSoonDays: number;
  /** Behind the time-proportional expectation (序时进度) by at least this many points → yellow … */
  behindYellow: number;
  /** … and by more than this many → red. */
  behindRed: number;
  /** Consecutive missed reports (latest periods first) that turn the light yellow, and red. */
  missingYellow: number;
  missingRed: number;
}

export const DEFAULT_LIGHT_RULES: LightRules = { dueSoonDays: 30, behindYellow: 10, behindRed: 30, missingYellow: 1, missingRed: 2 };

export type LightColour = 'green' | 'yellow' | 'red';

export interface LightReason {
  code: 'OVERDUE' | 'DUE_SOON' | 'BEHIND_SCHEDULE' | 'REPORTS_MISSING' | 'COMPLETED' | 'NO_DATA_YET';
  light: LightColour | null;
  message: string;
  [detail: string]: unknown;
}

export interface LightInputs {
  today: string;
  /** The date the item is due (an approved extension's date when there is one); null for ongoing or soft deadlines. */
  dueDate: string | null;
  /** The original deadline when an extension moved it. */
  originalDueDate?: string | null;
  /** Where the time-proportional expectation starts (the plan's first year, or when the item was created). */
  startDate: string;
  /** Latest signed-off progress; null when nothing was reported yet. */
  percent: number | null;
  completed: boolean;
  /** Periods already past their due date without a report, counted back from the latest. */
  consecutiveMissing: number;
  /**
   * Whether any report was due yet (or one was signed off anyway). Until then progress cannot be judged:
   * a new plan does not open with a wall of red, only dates can say anything.
   */
  reportingStarted: boolean;
}

const RANK: Record<LightColour, number> = { green: 0, yellow: 1, red: 2 };

export function worst(lights: LightColour[]): LightColour {
  return lights.reduce<LightColour>((w, l) => (RANK[l] > RANK[w] ? l : w), 'green');
}

/** The worst known light; null when none is known (every unit still has no data). */
export function worstKnown(lights: (LightColour | null)[]): LightColour | null {
  const known = lights.filter((l): l is LightColour => l !== null);
  return known.length ? worst(known) : null;
}

export const NO_DATA_YET: LightReason = { code: 'NO_DATA_YET', light: null, message: '首期进展尚未到报送时间，暂无数据' };

/** Evaluates every rule and keeps each one that fired as a reason; the light is the worst of them. */
export function evaluateLight(input: LightInputs, rules: LightRules = DEFAULT_LIGHT_RULES): { light: LightColour | null; reasons: LightReason[] } {
  if (input.completed) {
    return { light: 'green', reasons: [{ code: 'COMPLETED', light: 'green', message: '已报告完成' }] };
  }
  const reasons: LightReason[] = [];
  const extended = input.originalDueDate && input.originalDueDate !== input.dueDate ? `（已批准延期，原期限 ${input.originalDueDate}）` : '';
  if (input.dueDate) {
    const left = daysBetween(input.today, input.dueDate);
    if (left < 0) {
      reasons.push({ code: 'OVERDUE', light: 'red', message: `已超过完成时限 ${input.dueDate}${extended}，逾期 ${-left} 天`, dueDate: input.dueDate, daysOverdue: -left });
    } else if (left <= rules.dueSoonDays) {
      reasons.push({ code: 'DUE_SOON', light: 'yellow', message: `距完成时限 ${input.dueDate}${extended}还有 ${left} 天，尚未完成`, dueDate: input.dueDate, daysLeft: left });
    }
    const total = daysBetween(input.startDate, input.dueDate);
    if (total > 0 && left >= 0 && input.reportingStarted) {
      const expected = Math.min(100, Math.max(0, Math.round((daysBetween(input.startDate, input.today) / total) * 100)));
      const actual = input.percent ?? 0;
      const behind = expected - actual;
      if (behind > rules.behindRed) {
        reasons.push({ code: 'BEHIND_SCHEDULE', light: 'red', message: `进度 ${actual}% 落后序时进度 ${expected}% 达 ${behind} 个百分点`, expected, actual, behind });
      } else if (behind >= rules.behindYellow) {
        reasons.push({ code: 'BEHIND_SCHEDULE', light: 'yellow', message: `进度 ${actual}% 落后序时进度 ${expected}% ${behind} 个百分点`, expected, actual, behind });
      }
    }
  }
  if (input.consecutiveMissing >= rules.missingRed) {
    reasons.push({ code: 'REPORTS_MISSING', light: 'red', message: `连续 ${input.consecutiveMissing} 期未报送进展`, missing: input.consecutiveMissing });
  } else if (input.consecutiveMissing >= rules.missingYellow) {
    reasons.push({ code: 'REPORTS_MISSING', light: 'yellow', message: `上一期进展未报送`, missing: input.consecutiveMissing });
  }
  if (reasons.length === 0 && !input.reportingStarted) return { light: null, reasons: [NO_DATA_YET] };
  return { light: worst(reasons.map((r) => r.light as LightColour)), reasons };
}
