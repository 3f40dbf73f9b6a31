import { App, Button, Col, Divider, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { api, type Data } from '../../api/client';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';

type Rules = Data<'/api/v1/plans/{planId}/reminder-rules', 'get'>;

/** The form holds day lists as text ("7, 3, 1"): one field a clerk can type into and read back at a glance. */
interface RuleValues {
  sendHour: number;
  reportDue: { enabled: boolean; daysBefore: string };
  reportLate: { enabled: boolean; daysAfter: string; repeatEveryDays: number; officeFromDay: number };
  deadline: { enabled: boolean; daysBefore: string; daysAfter: string; repeatEveryDays: number };
  lightRed: { enabled: boolean };
}

const daysText = (days: number[]) => days.join(', ');

function parseDays(text: string): number[] {
  return text
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map(Number);
}

/** The same limits the service applies (ReminderRulesDto), checked before sending so the clerk sees them at the field. */
const daysRule = {
  validator: async (_: unknown, value: string | undefined) => {
    const days = parseDays(value ?? '');
    if (days.some((d) => !Number.isInteger(d))) throw new Error('请填写整数天数，用逗号分隔，如 7, 3, 1');
    if (days.some((d) => d < 1 || d > 366)) throw new Error('每个天数须在 1–366 之间');
    if (days.length > 10) throw new Error('最多 10 个天数');
  },
};

function toValues(r: Rules): RuleValues {
  return {
    sendHour: r.sendHour,
    reportDue: { enabled: r.reportDue.enabled, daysBefore: daysText(r.reportDue.daysBefore) },
    reportLate: { ...r.reportLate, daysAfter: daysText(r.reportLate.daysAfter) },
    deadline: { ...r.deadline, daysBefore: daysText(r.deadline.daysBefore), daysAfter: daysText(r.deadline.daysAfter) },
    lightRed: { enabled: r.lightRed.enabled },
  };
}

function toRules(v: RuleValues): Rules {
  return {
    sendHour: v.sendHour,
    reportDue: { enabled: v.reportDue.enabled, daysBefore: parseDays(v.reportDue.daysBefore) },
    reportLate: { ...v.reportLate, daysAfter: parseDays(v.reportLate.daysAfter) },
    deadline: { ...v.deadline, daysBefore: parseDays(v.deadline.daysBefore), daysAfter: parseDays(v.deadline.daysAfter) },
    lightRed: { enabled: v.lightRed.enabled },
  };
}

const FIELDS = ['sendHour', 'reportDue', 'reportLate', 'deadline', 'lightRed'];

export function RulesTab({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const rules = useLoad(() => api.get('/api/v1/plans/{planId}/reminder-rules', { params: { path: { planId } } }), [planId]);

  useEffect(() => {
    if (rules.data) form.setFieldsValue(toValues(rules.data));
  }, [rules.data, form]);

  const { submit: save, busy, error } = useFormSubmit(form, FIELDS, async (v) => {
    const saved = await api.put('/api/v1/plans/{planId}/reminder-rules', { params: { path: { planId } }, body: toRules(v) });
    rules.setData(saved);
    message.success(`提醒规则已保存，每日 ${saved.sendHour}:00 发送`);
  });

  const reportDueOn = Form.useWatch(['reportDue', 'enabled'], form);
  const reportLateOn = Form.useWatch(['reportLate', 'enabled'], form);
  const deadlineOn = Form.useWatch(['deadline', 'enabled'], form);

  return (
    <LoadState loading={rules.loading && !rules.data} error={rules.error} onRetry={rules.reload}>
      <ProblemAlert error={error} title="提醒规则未保存" />
      <Form form={form} name="reminder-rules" layout="vertical" style={{ maxWidth: 880 }} onFinish={save}>
        <Form.Item
          label="每日发送时刻（北京时间，时）"
          name="sendHour"
          extra="8–19 时之间。当天的提醒在这一时刻扫描并发出。"
          rules={[
            { required: true, message: '请填写发送时刻' },
            { type: 'integer', min: 8, max: 19, message: '发送时刻须为 8–19 之间的整数' },
          ]}
        >
          <InputNumber style={{ width: 160 }} suffix="时" />
        </Form.Item>

        <Divider titlePlacement="start" plain>
          报送提醒（截止日前提醒填报员，草稿待签发的提醒单位负责人）
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label="启用" name={['reportDue', 'enabled']} valuePropName="checked">
              <Switch aria-label="启用报送提醒" />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item label="截止前第几天提醒" name={['reportDue', 'daysBefore']} rules={[daysRule]} extra="用逗号分隔，如 7, 3, 1">
              <Input disabled={!reportDueOn} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          逾期未报提醒
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label="启用" name={['reportLate', 'enabled']} valuePropName="checked">
              <Switch aria-label="启用逾期未报提醒" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label="逾期后第几天提醒" name={['reportLate', 'daysAfter']} rules={[daysRule]}>
              <Input disabled={!reportLateOn} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              label="此后每隔几天再提醒"
              name={['reportLate', 'repeatEveryDays']}
              extra="0 表示不再提醒"
              rules={[{ required: true, type: 'integer', min: 0, max: 366, message: '须为 0–366 之间的整数' }]}
            >
              <InputNumber style={{ width: '100%' }} suffix="天" disabled={!reportLateOn} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              label="逾期第几天起抄送办公室"
              name={['reportLate', 'officeFromDay']}
              rules={[{ required: true, type: 'integer', min: 1, max: 366, message: '须为 1–366 之间的整数' }]}
            >
              <InputNumber style={{ width: '100%' }} suffix="天" disabled={!reportLateOn} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          完成时限提醒（有明确完成日期的事项，提醒牵头单位负责人）
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label="启用" name={['deadline', 'enabled']} valuePropName="checked">
              <Switch aria-label="启用完成时限提醒" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label="到期前第几天提醒" name={['deadline', 'daysBefore']} rules={[daysRule]}>
              <Input disabled={!deadlineOn} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label="逾期后第几天提醒" name={['deadline', 'daysAfter']} rules={[daysRule]}>
              <Input disabled={!deadlineOn} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              label="此后每隔几天再提醒"
              name={['deadline', 'repeatEveryDays']}
              extra="0 表示不再提醒"
              rules={[{ required: true, type: 'integer', min: 0, max: 366, message: '须为 0–366 之间的整数' }]}
            >
              <InputNumber style={{ width: '100%' }} suffix="天" disabled={!deadlineOn} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          亮红灯提醒
        </Divider>
        <Form.Item label="事项转为红灯时提醒牵头单位负责人和办公室" name={['lightRed', 'enabled']} valuePropName="checked">
          <Switch aria-label="启用亮红灯提醒" />
        </Form.Item>

        <Typography.Paragraph type="secondary">督办单的下发与升级提醒总是发送，不在此设置。对个别单位暂停某类提醒，请到「暂停提醒」。</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存提醒规则
        </Button>
      </Form>
    </LoadState>
  );
}
