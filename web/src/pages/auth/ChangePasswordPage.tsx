import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { applyFieldErrors } from '../../app/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Voluntary change, and the forced one after an administrator's reset (every other call is refused until then). */
export default function ChangePasswordPage() {
  const { me, signIn } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const forced = !!me?.mustChangePassword;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/v1/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      // Changing the password ends every session, this one included: sign in again with the new one.
      await signIn(me!.username, values.newPassword);
      message.success('密码已修改');
      navigate('/', { replace: true });
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['currentPassword', 'newPassword']);
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: forced ? '100vh' : undefined, display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 440 }} title="修改密码">
        {forced ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="您的密码已被管理员重置，请先设置新密码再继续使用。" /> : null}
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} disabled={busy}>
          <Form.Item label={forced ? '临时密码' : '当前密码'} name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra="至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名。"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 10, message: '至少 10 个字符' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            保存新密码
          </Button>
        </Form>
        {!forced ? (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            <Link to="/">返回</Link>
          </Typography.Paragraph>
        ) : null}
      </Card>
    </div>
  );
}
