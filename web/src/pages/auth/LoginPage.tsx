import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { applyFieldErrors } from '../../app/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';

export default function LoginPage() {
  const { status, me, signIn, endedReason } = useAuth();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  // Only addresses inside the console: never an open redirect.
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

  useEffect(() => {
    document.title = '登录 - 碳达峰实施方案责任落实跟踪系统';
  }, []);

  if (status === 'signed-in' && me && !busy) return <Navigate to={me.mustChangePassword ? '/password' : target} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const who = await signIn(values.username.trim(), values.password);
      navigate(who.mustChangePassword ? '/password' : target, { replace: true });
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['username', 'password']);
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: 'linear-gradient(160deg, #e8f3ec 0%, #f5f7f6 60%)' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          碳达峰实施方案
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          责任落实跟踪系统
        </Typography.Paragraph>
        {endedReason && !error ? <Alert type="warning" showIcon title={endedReason} style={{ marginBottom: 16 }} /> : null}
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder="例如 xingqing" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12, marginBottom: 0 }}>
          忘记密码或账号被锁定，请联系本单位负责人或领导小组办公室重置。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
