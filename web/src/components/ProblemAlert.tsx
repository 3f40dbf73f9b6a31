import { Alert, Typography } from 'antd';
import { isApiError, fieldMessage, problemText } from '../api/problem';

const FIELD_NAMES: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  reason: '原因',
  requestedDate: '申请延至',
  status: '进展状态',
  percent: '完成进度',
  done: '主要工作进展',
  problems: '存在问题',
  nextSteps: '下一步计划',
  version: '版本',
  rowVersion: '版本',
  title: '方案名称',
  jurisdictionId: '所属行政区',
  displayName: '姓名',
  unitId: '单位',
  roles: '角色',
  file: '文件',
  year: '年份',
  index: '期次',
  cadence: '调度频次',
  dueDay: '报送截止日',
  name: '名称',
  aliases: '别名',
  // Reminders and delivery channels (催办设置, 通知渠道)
  sendHour: '每日发送时刻',
  'reportDue.daysBefore': '报送提醒 · 截止前天数',
  'reportLate.daysAfter': '逾期未报 · 逾期后天数',
  'reportLate.repeatEveryDays': '逾期未报 · 重复间隔',
  'reportLate.officeFromDay': '逾期未报 · 抄送办公室起始天',
  'deadline.daysBefore': '完成时限 · 到期前天数',
  'deadline.daysAfter': '完成时限 · 逾期后天数',
  'deadline.repeatEveryDays': '完成时限 · 重复间隔',
  rule: '提醒类别',
  day: '日期',
  workday: '是否上班',
  wecomWebhook: '企业微信群机器人地址',
  dingtalkWebhook: '钉钉群机器人地址',
  dingtalkSecret: '钉钉加签密钥',
  pattern: '编号格式',
  // 指标 and 年度总结
  value: '实际值',
  source: '数据来源',
  note: '说明',
  synonyms: '同义名称',
  direction: '方向',
  indicatorId: '指标',
  assignedValue: '下达值',
  baselineValue: '基数',
  commentary: '办公室意见',
  // 考核方案
  baseScore: '基础分',
  totalCap: '总分上限',
  parts: '评分部分',
  criteria: '评分指标',
  bands: '等次分数线',
  'bands.excellent': '优秀分数线',
  'bands.good': '良好分数线',
  'bands.pass': '合格分数线',
  excellentMaxShare: '优秀比例上限',
  appealDays: '申诉期',
  fromYear: '复制年度',
};

/** "items[3].percent" → "第 4 项 · 完成进度"; unknown names stay as they are. */
export function fieldLabel(field: string | undefined, line?: number): string {
  if (line) return `第 ${line} 行`;
  if (!field) return '';
  const m = field.match(/^items\[(\d+)\]\.(\w+)$/);
  if (m) return `第 ${Number(m[1]) + 1} 项 · ${FIELD_NAMES[m[2]] ?? m[2]}`;
  return FIELD_NAMES[field] ?? field;
}

/**
 * An error as a clerk should read it: the service's `detail`, then each field or line at fault, and
 * the request number to quote when calling for help.
 */
export function ProblemAlert({ error, title, style, skipFields = [] }: { error: unknown; title?: string; style?: React.CSSProperties; skipFields?: string[] }) {
  if (!error) return null;
  const fields = isApiError(error) ? error.fieldErrors.filter((f) => !f.field || !skipFields.includes(f.field)) : [];
  const requestId = isApiError(error) ? error.problem.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16, ...style }}
      title={title ?? problemText(error)}
      description={
        fields.length || requestId || title ? (
          <div>
            {title ? <div>{problemText(error)}</div> : null}
            {fields.length ? (
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                {fields.slice(0, 20).map((f, i) => (
                  <li key={i}>
                    {fieldLabel(f.field, f.line) ? `${fieldLabel(f.field, f.line)}：` : ''}
                    {fieldMessage(f.message)}
                  </li>
                ))}
                {fields.length > 20 ? <li>……另有 {fields.length - 20} 处</li> : null}
              </ul>
            ) : null}
            {requestId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                如需联系管理员，请提供请求编号：{requestId}
              </Typography.Text>
            ) : null}
          </div>
        ) : undefined
      }
    />
  );
}
