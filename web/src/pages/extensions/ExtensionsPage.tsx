import { Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Extension, ExtensionStatus, WorkItem } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ExtensionStatusTag } from '../../components/Tags';
import { loadPlans } from '../../components/usePlans';
import { DecideExtensionModal } from './ExtensionModals';

const TABS: { key: ExtensionStatus | 'all'; label: string }[] = [
  { key: 'pending', label: '待审批' },
  { key: 'approved', label: '已批准' },
  { key: 'rejected', label: '已驳回' },
  { key: 'all', label: '全部' },
];

export default function ExtensionsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'pending') as ExtensionStatus | 'all';
  const plans = useLoad(() => loadPlans(), []);
  const planId = params.get('planId') ?? plans.data?.[0]?.id;
  const list = useLoad(() => api.get('/api/v1/extensions', { params: { query: { planId, ...(status === 'all' ? {} : { status }) } } }), [planId, status], !!planId);
  // The list names the item by id only: fetch the few items it mentions for their 序号 and text.
  const items = useLoad(
    async () => {
      const ids = [...new Set((list.data ?? []).map((e) => e.workItemId))];
      const found = await Promise.all(ids.map((id) => api.get('/api/v1/work-items/{id}', { params: { path: { id } } }).catch(() => null)));
      return new Map(found.filter((w): w is WorkItem => !!w).map((w) => [w.id, w]));
    },
    [list.data],
    !!list.data?.length,
  );
  const [deciding, setDeciding] = useState<{ e: Extension; approve: boolean } | null>(null);
  const decide = can('extensions:decide');

  return (
    <div>
      <PageHeader
        title="延期申请"
        sub={decide ? '牵头单位在完成时限届满前提出；批准后原期限保留，红黄绿灯按批准的日期计算。' : '本单位提出的延期申请。如需申请，请在工作事项详情页点击「申请延期」。'}
        extra={
          plans.data && plans.data.length > 1 ? (
            <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={(v) => setParams({ planId: v, status })} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
          ) : null
        }
      />
      <Card size="small">
        <Tabs activeKey={status} onChange={(k) => setParams({ ...(planId ? { planId } : {}), status: k })} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <ProblemAlert error={list.error ?? plans.error} />
        <Table<Extension>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          scroll={{ x: 960 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: status === 'pending' ? (decide ? '没有待审批的延期申请。' : '没有待审批的申请。') : '没有记录。' }}
          columns={[
            {
              title: '事项',
              width: 280,
              ellipsis: true,
              render: (_, e) => {
                const w = items.data?.get(e.workItemId);
                const label = w ? `序号 ${w.seq}${w.itemNo > 1 ? `（${w.itemNo}）` : ''} ${w.text}` : '查看事项';
                return (
                  <Link to={`/work-items/${e.workItemId}`} title={label}>
                    {label}
                  </Link>
                );
              },
            },
            { title: '申请单位', dataIndex: 'unitName', width: 120 },
            { title: '原期限', dataIndex: 'originalDate', width: 130, render: day },
            { title: '申请延至', dataIndex: 'requestedDate', width: 130, render: day },
            { title: '理由', dataIndex: 'reason', ellipsis: true },
            { title: '提出时间', dataIndex: 'createdAt', width: 150, render: moment },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: ExtensionStatus) => <ExtensionStatusTag status={s} /> },
            ...(decide
              ? [
                  {
                    title: '操作',
                    width: 140,
                    fixed: 'right' as const,
                    render: (_: unknown, e: Extension) =>
                      e.status === 'pending' ? (
                        <Space>
                          <Button size="small" type="primary" onClick={() => setDeciding({ e, approve: true })}>
                            批准
                          </Button>
                          <Button size="small" danger onClick={() => setDeciding({ e, approve: false })}>
                            驳回
                          </Button>
                        </Space>
                      ) : (
                        <Typography.Text type="secondary">{e.decisionReason ?? '—'}</Typography.Text>
                      ),
                  },
                ]
              : [{ title: '批复意见', dataIndex: 'decisionReason', render: (r: string | null) => r ?? '—' }]),
          ]}
        />
      </Card>
      <DecideExtensionModal
        extension={deciding?.e ?? null}
        approve={deciding?.approve ?? true}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          list.reload();
        }}
      />
    </div>
  );
}
