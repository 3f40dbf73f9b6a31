import { App, Button, Descriptions, Empty, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Data } from '../../api/client';
import { applyFieldErrors } from '../../app/formErrors';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';

type Channels = Data<'/api/v1/units/{id}/channels', 'get'>;
type Field = 'wecomWebhook' | 'dingtalkWebhook' | 'dingtalkSecret';

const FIELD_NAMES: Record<Field, string> = { wecomWebhook: '企业微信群机器人地址', dingtalkWebhook: '钉钉群机器人地址', dingtalkSecret: '钉钉加签密钥' };

/** A unit's group robots. Their addresses carry the robot's key, so the service never shows them again: a field left empty keeps what is set. */
export function UnitChannelsTab() {
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="channels-unit">单位：</label>
        <Select
          id="channels-unit"
          style={{ width: 320 }}
          showSearch={{ filterOption: filterUnitOption }}
          loading={units.loading}
          placeholder="选择要配置群机器人的单位"
          value={unitId}
          onChange={(v: string) => {
            const next = new URLSearchParams(params);
            next.set('unitId', v);
            setParams(next);
          }}
          options={unitOptions(units.data, (u) => u.kind !== 'collective')}
        />
      </Space>
      <ProblemAlert error={units.error} />
      {unitId ? <UnitChannels key={unitId} unitId={unitId} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="选择一个单位，查看并设置它的企业微信或钉钉群机器人。" />}
    </div>
  );
}

function UnitChannels({ unitId }: { unitId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<Field, string>>();
  const channels = useLoad(() => api.get('/api/v1/units/{id}/channels', { params: { path: { id: unitId } } }), [unitId]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const send = async (body: Partial<Record<Field, string | null>>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const c = await api.put('/api/v1/units/{id}/channels', { params: { path: { id: unitId } }, body });
      channels.setData(c);
      form.resetFields();
      message.success(done);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['wecomWebhook', 'dingtalkWebhook', 'dingtalkSecret']);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    // Only what was typed goes: an absent field keeps the stored address.
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x.trim()).map(([k, x]) => [k, (x as string).trim()]));
    if (!Object.keys(body).length) {
      message.info('没有填写新的地址或密钥，未作修改');
      return;
    }
    await send(body, '群机器人设置已保存');
  };

  const state = (c: Channels, key: 'wecomConfigured' | 'dingtalkConfigured' | 'dingtalkSigned', remove: Field) =>
    c[key] ? (
      <Space>
        <Tag color="success">已设置</Tag>
        <Popconfirm title={`移除${FIELD_NAMES[remove]}？`} okText="移除" cancelText="取消" onConfirm={() => send({ [remove]: null }, `已移除${FIELD_NAMES[remove]}`)}>
          <Button size="small" type="link" danger aria-label={`移除${FIELD_NAMES[remove]}`}>
            移除
          </Button>
        </Popconfirm>
      </Space>
    ) : (
      <Tag>未设置</Tag>
    );

  // As loose as the service (require_tld false): an intranet robot gateway such as http://10.0.0.5:8080/… is fine.
  const urlRule = {
    validator: async (_: unknown, v: string | undefined) => {
      if (!v?.trim()) return;
      let ok = false;
      try {
        ok = ['http:', 'https:'].includes(new URL(v.trim()).protocol);
      } catch {
        ok = false;
      }
      if (!ok) throw new Error('请填写 http:// 或 https:// 开头的完整网址');
    },
  };
  return (
    <LoadState loading={channels.loading && !channels.data} error={channels.error} what="单位" onRetry={channels.reload}>
      {channels.data ? (
        <div style={{ maxWidth: 720 }}>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="企业微信群机器人">{state(channels.data, 'wecomConfigured', 'wecomWebhook')}</Descriptions.Item>
            <Descriptions.Item label="钉钉群机器人">{state(channels.data, 'dingtalkConfigured', 'dingtalkWebhook')}</Descriptions.Item>
            <Descriptions.Item label="钉钉加签密钥">{state(channels.data, 'dingtalkSigned', 'dingtalkSecret')}</Descriptions.Item>
          </Descriptions>
          <ProblemAlert error={error} title="群机器人设置未保存" />
          <Form form={form} name="unit-channels" layout="vertical" onFinish={save}>
            <Form.Item label={FIELD_NAMES.wecomWebhook} name="wecomWebhook" rules={[urlRule]} extra="在企业微信群中添加机器人后复制其 Webhook 地址。">
              <Input placeholder={channels.data.wecomConfigured ? '已设置；留空则保持不变，填写则替换' : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'} autoComplete="off" />
            </Form.Item>
            <Form.Item label={FIELD_NAMES.dingtalkWebhook} name="dingtalkWebhook" rules={[urlRule]}>
              <Input placeholder={channels.data.dingtalkConfigured ? '已设置；留空则保持不变，填写则替换' : 'https://oapi.dingtalk.com/robot/send?access_token=…'} autoComplete="off" />
            </Form.Item>
            <Form.Item label={FIELD_NAMES.dingtalkSecret} name="dingtalkSecret" rules={[{ min: 8, message: '至少 8 个字符' }]} extra="钉钉机器人安全设置选「加签」时填写（SEC 开头）。">
              <Input.Password placeholder={channels.data.dingtalkSigned ? '已设置；留空则保持不变' : 'SEC…'} autoComplete="new-password" />
            </Form.Item>
            <Typography.Paragraph type="secondary">地址和密钥中含有机器人的凭据，保存后不再显示。</Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存群机器人设置
            </Button>
          </Form>
        </div>
      ) : null}
    </LoadState>
  );
}
