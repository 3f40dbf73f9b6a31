import { App, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmailSettingsButton } from './EmailSettings';
import { notifyUnreadChanged } from './unread';

const RULE_LABELS: Record<string, string> = {
  report_due: '报送提醒',
  report_late: '逾期未报',
  deadline_due: '期限临近',
  deadline_overdue: '期限已过',
  light_red: '红灯预警',
  notice_issued: '督办单',
  notice_escalated: '督办升级',
};

const PAGE_SIZE = 20;

/** 消息: the caller's own notifications, newest first; reading one marks it read. */
export default function NotificationsPage() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [only, setOnly] = useState<'all' | 'unread'>('all');
  const list = useLoad(
    () => api.get('/api/v1/notifications', { params: { query: { page, pageSize: PAGE_SIZE, ...(only === 'unread' ? { unread: true } : {}) } } }),
    [page, only],
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);

  const markOne = async (id: string) => {
    setBusy(id);
    setError(undefined);
    try {
      await api.post('/api/v1/notifications/{id}/read', { params: { path: { id } } });
      notifyUnreadChanged();
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const markAll = async () => {
    setBusy('all');
    setError(undefined);
    try {
      const { marked } = await api.post('/api/v1/notifications/read-all');
      message.success(marked ? `已将 ${marked} 条消息标记为已读` : '没有未读消息');
      notifyUnreadChanged();
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const unread = list.data?.unread ?? 0;
  return (
    <div>
      <PageHeader
        title="消息"
        sub={list.data ? (unread ? `共 ${list.data.total} 条，其中未读 ${unread} 条` : `共 ${list.data.total} 条，全部已读`) : '报送提醒、期限预警和督办单都会发到这里。'}
        extra={
          <>
            <EmailSettingsButton />
            <Button onClick={markAll} loading={busy === 'all'} disabled={!unread}>
              全部标为已读
            </Button>
          </>
        }
      />
      <Card size="small">
        <Segmented
          style={{ marginBottom: 12 }}
          value={only}
          onChange={(v) => {
            setOnly(v as 'all' | 'unread');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
        />
        <ProblemAlert error={error ?? list.error} />
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={only === 'unread' ? '没有未读消息。切换到「全部」可查看已读的消息。' : '暂无消息。报送期开始、期限临近或收到督办单时，系统会在这里提醒您。'}
              />
            ),
          }}
          pagination={
            list.data && list.data.total > PAGE_SIZE
              ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, showSizeChanger: false, size: 'small' }
              : false
          }
          renderItem={(n) => {
            const isUnread = !n.readAt;
            return (
              <List.Item
                data-testid="notification"
                data-unread={isUnread ? 'true' : 'false'}
                style={{ background: isUnread ? '#f6ffed' : undefined, paddingInline: 8 }}
                actions={
                  isUnread
                    ? [
                        <Button key="read" size="small" type="link" loading={busy === n.id} onClick={() => markOne(n.id)} aria-label={`标为已读：${n.title}`}>
                          标为已读
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  avatar={<Badge status={isUnread ? 'processing' : 'default'} />}
                  title={
                    <Space wrap size={4}>
                      <Typography.Text strong={isUnread}>{n.title}</Typography.Text>
                      <Tag>{RULE_LABELS[n.rule] ?? '提醒'}</Tag>
                      {isUnread ? <Tag color="green">未读</Tag> : null}
                    </Space>
                  }
                  description={
                    <div>
                      <div style={{ color: 'rgba(0,0,0,0.78)', wordBreak: 'break-all' }}>{n.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {moment(n.createdAt)}
                        {n.rule.startsWith('notice_') ? (
                          <>
                            {' · '}
                            <Link to="/notices">查看督办单</Link>
                          </>
                        ) : null}
                      </Typography.Text>
                    </div>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
    </div>
  );
}
