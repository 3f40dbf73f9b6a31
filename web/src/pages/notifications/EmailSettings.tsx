import { App, Button, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';

interface Values {
  email: string;
  /** Shown as "receive", the opposite of the service's opt-out flag: a switch that is on means mail comes. */
  receive: boolean;
}

/** 邮件提醒: the caller's own address for the daily digest, and whether to receive it (in-app messages come anyway). */
export function EmailSettingsButton() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const settings = useLoad(() => api.get('/api/v1/notifications/settings'), [], open);

  useEffect(() => {
    if (open && settings.data) form.setFieldsValue({ email: settings.data.email ?? '', receive: !settings.data.emailOptOut });
  }, [open, settings.data, form]);

  const { submit, busy, error } = useFormSubmit(form, ['email', 'receive'], async (v) => {
    const email = v.email.trim() || null;
    const s = await api.put('/api/v1/notifications/settings', { body: { email, emailOptOut: !v.receive } });
    settings.setData(s);
    message.success(s.email && !s.emailOptOut ? `每日提醒将汇总发送到 ${s.email}` : '已保存：不接收邮件汇总，站内消息照常');
    setOpen(false);
  }, { rename: { emailOptOut: 'receive' } });

  return (
    <>
      <Button onClick={() => setOpen(true)}>邮件提醒设置</Button>
      <Modal title="邮件提醒设置" open={open} onOk={submit} onCancel={() => setOpen(false)} okText="保存" cancelText="取消" confirmLoading={busy} okButtonProps={{ disabled: !settings.data }}>
        <ProblemAlert error={error ?? settings.error} />
        <Form form={form} name="email-settings" layout="vertical" initialValues={{ email: '', receive: true }}>
          <Form.Item label="接收邮箱" name="email" rules={[{ type: 'email', message: '请填写有效的电子邮件地址' }]} extra="每个工作日把当天的提醒汇总成一封邮件发到这里；留空则不发邮件。">
            <Input maxLength={200} placeholder="如 name@example.gov.cn" autoComplete="email" />
          </Form.Item>
          <Form.Item label="接收每日邮件汇总" name="receive" valuePropName="checked">
            <Switch aria-label="接收每日邮件汇总" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
