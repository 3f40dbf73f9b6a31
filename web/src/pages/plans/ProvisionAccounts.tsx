import { Alert, App, Button, Checkbox, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ROLE_NAMES } from '../../api/labels';
import type { ProvisionResult } from '../../api/views';
import { ProblemAlert } from '../../components/ProblemAlert';

type UnitRole = 'unit_reporter' | 'unit_head';

/** CSV with a BOM, so Excel opens the Chinese correctly; fields quoted, formulas neutralised. */
function toCsv(rows: string[][]): Blob {
  const cell = (v: string) => `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  return new Blob(['\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n')], { type: 'text/csv;charset=utf-8' });
}

/** Opens a reporter and a head for every unit with work in the plan; shows the one-time passwords once. */
export function ProvisionAccounts({ planId, planTitle }: { planId: string; planTitle: string }) {
  const [open, setOpen] = useState(false);
  const [roles, setRoles] = useState<UnitRole[]>(['unit_reporter', 'unit_head']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<ProvisionResult | null>(null);
  const { modal } = App.useApp();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.post('/api/v1/plans/{planId}/accounts', { params: { path: { planId } }, body: { roles } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const saveCsv = () => {
    if (!result) return;
    const blob = toCsv([['单位', '角色', '用户名', '初始密码'], ...result.created.map((a) => [a.unitName, ROLE_NAMES[a.role], a.username, a.password ?? ''])]);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${planTitle}-单位账号.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const close = () => {
    if (result?.created.length) {
      modal.confirm({
        title: '关闭后初始密码将无法再次查看',
        content: '请确认已保存或分发。遗失的可在「用户管理」中重置密码。',
        okText: '已保存，关闭',
        cancelText: '返回',
        onOk: () => {
          setResult(null);
          setOpen(false);
        },
      });
    } else {
      setResult(null);
      setOpen(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>为各单位开设账号</Button>
      <Modal
        open={open}
        width={760}
        title="为方案涉及的各单位开设账号"
        onCancel={close}
        footer={
          result
            ? [
                <Button key="csv" onClick={saveCsv} disabled={!result.created.length}>
                  下载账号清单（CSV）
                </Button>,
                <Button key="close" type="primary" onClick={close}>
                  完成
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  取消
                </Button>,
                <Button key="ok" type="primary" loading={busy} disabled={!roles.length} onClick={run}>
                  开设账号
                </Button>,
              ]
        }
      >
        <ProblemAlert error={error} />
        {!result ? (
          <>
            <Typography.Paragraph>为本方案中有工作任务的每个单位开设以下角色的账号；已有该角色账号的单位不变。用户名按单位简称拼音生成，初始密码只显示一次，首次登录须修改。</Typography.Paragraph>
            <Checkbox.Group
              value={roles}
              onChange={(v) => setRoles(v as UnitRole[])}
              options={[
                { value: 'unit_reporter', label: ROLE_NAMES.unit_reporter },
                { value: 'unit_head', label: ROLE_NAMES.unit_head },
              ]}
            />
          </>
        ) : (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`已开设 ${result.created.length} 个账号${result.existing.length ? `，${result.existing.length} 个单位已有账号未改动` : ''}。初始密码只在此显示一次，请下载清单后分发。`}
            />
            <Table
              size="small"
              rowKey={(a) => a.username}
              dataSource={result.created}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: '没有需要新开的账号。' }}
              columns={[
                { title: '单位', dataIndex: 'unitName' },
                { title: '角色', render: (_, a) => ROLE_NAMES[a.role] },
                { title: '用户名', dataIndex: 'username', render: (u: string) => <Typography.Text copyable>{u}</Typography.Text> },
                { title: '初始密码', dataIndex: 'password', render: (p?: string) => (p ? <Typography.Text code copyable>{p}</Typography.Text> : '—') },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
