import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ROLE_NAMES } from '../../api/labels';
import type { Role, UserView } from '../../api/views';
import { useAuth } from '../../app/auth';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';

const PASSWORD_RULE = '至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名。';

/** Accounts: the office manages all of them, a unit head those of the unit (reporters and heads). */
export default function UsersPage() {
  const { me } = useAuth();
  const users = useLoad(() => api.get('/api/v1/users'), []);
  const units = useUnits();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const { message } = App.useApp();
  const office = !!me?.planWide;
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? '—';

  const toggle = async (u: UserView, disabled: boolean) => {
    try {
      await api.patch('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { rowVersion: u.rowVersion, disabled } });
      message.success(disabled ? `已停用 ${u.displayName}` : `已启用 ${u.displayName}`);
      users.reload();
    } catch (e) {
      Modal.error({ title: '操作未完成', content: <ProblemAlert error={e} /> });
    }
  };

  return (
    <div>
      <PageHeader
        title="用户管理"
        sub={office ? '全部账号' : '本单位账号'}
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            新建用户
          </Button>
        }
      />
      <Card size="small">
        <ProblemAlert error={users.error} />
        <Table<UserView>
          rowKey="id"
          size="small"
          loading={users.loading}
          dataSource={users.data ?? []}
          scroll={{ x: 760 }}
          pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 140 },
            { title: '姓名', dataIndex: 'displayName', width: 160 },
            { title: '单位', width: 140, render: (_, u) => unitName(u.unitId) },
            { title: '角色', render: (_, u) => u.roles.map((r) => <Tag key={r}>{ROLE_NAMES[r] ?? r}</Tag>) },
            { title: '', width: 110, render: (_, u) => (u.mustChangePassword ? <Tag color="warning">待改密码</Tag> : null) },
            {
              title: '操作',
              width: 200,
              render: (_, u) =>
                u.id === me?.userId ? (
                  '本人'
                ) : (
                  <Space>
                    <a onClick={() => setResetting(u)}>重置密码</a>
                    {/* The user list does not say whether an account is disabled, so both actions are offered. */}
                    <Popconfirm title={`停用 ${u.displayName} 的账号？停用后不能登录。`} okText="停用" cancelText="取消" onConfirm={() => toggle(u, true)}>
                      <a>停用</a>
                    </Popconfirm>
                    <Popconfirm title={`恢复 ${u.displayName} 的账号？`} okText="恢复" cancelText="取消" onConfirm={() => toggle(u, false)}>
                      <a>恢复</a>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <CreateUserModal
        open={creating}
        office={office}
        unitChoices={unitOptions(units.data, (u) => u.kind !== 'collective')}
        myUnitId={me?.unitId}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          users.reload();
        }}
      />
      <ResetModal user={resetting} onClose={() => setResetting(null)} onDone={() => { setResetting(null); users.reload(); }} />
    </div>
  );
}

function CreateUserModal({
  open,
  office,
  unitChoices,
  myUnitId,
  onClose,
  onDone,
}: {
  open: boolean;
  office: boolean;
  unitChoices: { value: string; label: string; aliases: string }[];
  myUnitId?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ username: string; displayName: string; unitId: string; roles: Role[]; password: string }>();
  const { message } = App.useApp();
  const grantable: Role[] = office ? ['office_admin', 'leader', 'unit_head', 'unit_reporter', 'evaluator'] : ['unit_reporter', 'unit_head'];
  const { submit, busy, error } = useFormSubmit(form, ['username', 'displayName', 'unitId', 'roles', 'password'], async (v) => {
    await api.post('/api/v1/users', { body: { ...v, username: v.username.trim(), displayName: v.displayName.trim() } });
    message.success('已新建用户，首次登录须修改密码');
    form.resetFields();
    onDone();
  });
  return (
    <Modal open={open} title="新建用户" okText="新建" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose}>
      <ProblemAlert error={error} />
      <Form form={form} name="create-user" layout="vertical" initialValues={{ unitId: office ? undefined : myUnitId, roles: ['unit_reporter'] }}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]} extra="小写字母、数字、点、下划线和连字符">
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
          <Select disabled={!office} showSearch={{ filterOption: filterUnitOption }} options={unitChoices} />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请选择角色' }]}>
          <Select mode="multiple" options={grantable.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请填写初始密码' }]} extra={`${PASSWORD_RULE}用户首次登录须修改。`}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetModal({ user, onClose, onDone }: { user: UserView | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const { submit, busy, error } = useFormSubmit(form, ['password'], async (v) => {
    await api.post('/api/v1/users/{id}/reset-password', { params: { path: { id: user!.id } }, body: { password: v.password } });
    message.success(`已重置 ${user!.displayName} 的密码：下次登录须修改，现有登录已失效`);
    form.resetFields();
    onDone();
  });
  return (
    <Modal open={!!user} title={`重置密码：${user?.displayName ?? ''}`} okText="重置" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose}>
      <ProblemAlert error={error} />
      <Form form={form} name="reset-password" layout="vertical">
        <Form.Item label="临时密码" name="password" rules={[{ required: true, message: '请填写临时密码' }]} extra={`${PASSWORD_RULE}请当面或电话告知本人。`}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
