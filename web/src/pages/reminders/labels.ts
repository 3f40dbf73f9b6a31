// Names of the reminder rules as the ledger and the mutes store them (src/reminders/reminder-rules.ts RULE_LABEL).
export const REMINDER_RULES = ['report_due', 'report_signoff', 'report_late', 'deadline_due', 'deadline_overdue', 'light_red'] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

export const REMINDER_RULE_LABELS: Record<string, string> = {
  report_due: '报送提醒',
  report_signoff: '签发提醒',
  report_late: '逾期未报',
  deadline_due: '时限临近',
  deadline_overdue: '逾期未完成',
  light_red: '亮红灯',
  notice_issued: '督办单',
  notice_escalated: '督办升级',
};

export const ruleLabel = (rule: string) => REMINDER_RULE_LABELS[rule] ?? rule;
