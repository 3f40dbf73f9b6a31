import { App, Button, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Data } from '../../api/client';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUnits } from '../../components/useUnits';

type Delivery = Data<'/api/v1/notification-deliveries', 'get'>['items'][number];
type Status = 'pending' | 'sent' | 'dead';

const CHANNEL_NAMES: Record<string, string> = { email: '邮件', wecom: '企业微信群', dingtalk: '钉钉群' };
const STATUS: Record<Status, { text: string; color: string }> = {
  pending: { text: '待发送', color: 'processing' },
  sent: { text: '已发送', color: 'success' },
  dead: { text: '发送失败', color: 'error' },
};
const PAGE_SIZE = 20;

export function DeliveriesTab() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (['pending', 'sent', 'dead'].includes(params.get('status') ?? '') ? params.get('status') : 'all') as Status | 'all';
  const [page, setPage] = useState(1);
  const list = useLoad(
    () => api.get('/api/v1/notification-deliveries', { params: { query: { page, pageSize: PAGE_SIZE, ...(status === 'all' ? {} : { status }) } } }),
    [page, status],
  );
  // Targets are ids: a unit for robots, a user for emails. Names make the list readable.
  const units = useUnits();
  const users = useLoad(() => api.get('/api/v1/users'), [], can('users:read'));
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const u of units.data ?? []) m.set(u.id, u.name);
    for (const u of users.data ?? []) m.set(u.id, `${u.displayName}（${u.username}）`);
    return m;
  }, [units.data, users.data]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);

  const retry = async (d: Delivery) => {
    setBusy(d.id);
    setError(undefined);
    try {
      const r = await api.post('/api/v1/notification-deliveries/{id}/retry', { params: { path: { id: d.id } } });
      message.success(r.status === 'sent' ? '已重新发送' : '已重新排队发送，稍后刷新查看结果');
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="发送状态"
          value={status}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            next.set('status', String(v));
            setParams(next);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'pending', label: '待发送' },
            { value: 'sent', label: '已发送' },
            { value: 'dead', label: '发送失败（死信）' },
          ]}
        />
        <Button onClick={list.reload} loading={list.loading}>
          刷新
        </Button>
      </Flex>
      <ProblemAlert error={error} title="重新发送未成功" />
      <ProblemAlert error={list.error} />
      <Table<Delivery>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={
          list.data && list.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, showSizeChanger: false } : false
        }
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                status === 'dead'
                  ? '没有发送失败的消息。'
                  : status === 'all'
                    ? '还没有邮件或群机器人消息。用户在「消息 › 邮件提醒设置」中留下邮箱、或在「单位群机器人」中为单位配置后，每个工作日的提醒会汇总发送到那里。'
                    : '没有处于这一状态的记录。'
              }
            />
          ),
        }}
        columns={[
          { title: '提醒日', dataIndex: 'day', width: 120, render: (d: string) => day(d) },
          { title: '渠道', dataIndex: 'channel', width: 90, render: (c: string) => CHANNEL_NAMES[c] ?? c },
          { title: '接收方', dataIndex: 'target', width: 150, ellipsis: true, render: (t: string) => names.get(t) ?? '（已删除或无权查看）' },
          { title: '主题', dataIndex: 'subject', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: Status) => (
              <Tag color={STATUS[s]?.color} data-status={s}>
                {STATUS[s]?.text ?? s}
              </Tag>
            ),
          },
          { title: '尝试次数', dataIndex: 'attempts', width: 80, align: 'right' },
          {
            title: '结果',
            width: 200,
            render: (_, d) =>
              d.status === 'sent' ? (
                `发送于 ${moment(d.sentAt)}`
              ) : d.lastError ? (
                <Typography.Text type={d.status === 'dead' ? 'danger' : 'secondary'} ellipsis={{ tooltip: d.lastError }}>
                  {d.lastError}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            width: 90,
            fixed: 'right' as const,
            render: (_, d) =>
              d.status === 'dead' ? (
                <Button size="small" type="link" loading={busy === d.id} onClick={() => retry(d)} aria-label={`重试：${d.subject}`}>
                  重试
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
