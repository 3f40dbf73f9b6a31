import { App, Button, Descriptions, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { problemText } from '../../api/problem';
import type { AssignmentProposal, ImportRun } from '../../api/views';
import { moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { ReasonModal } from '../reporting/ReasonModal';

/** Every committed import of the plan with its change report, newest first. */
export function ImportHistory({ planId }: { planId: string }) {
  const runs = useLoad(() => api.get('/api/v1/plans/{planId}/imports', { params: { path: { planId } } }), [planId]);
  const label = (x: { seq: string; item: number }) => `序号 ${x.seq}${x.item > 1 ? `（${x.item}）` : ''}`;
  return (
    <LoadState loading={runs.loading} error={runs.error}>
      <Table<ImportRun>
        size="small"
        rowKey="id"
        dataSource={[...(runs.data ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 720 }}
        locale={{ emptyText: '还没有导入记录：导入任务分工表后，每次导入的变更报告都在这里。' }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'u', label: '更新', children: r.changes.updated.map((u) => label(u)).join('、') || '无' },
                { key: 'c', label: '新增', children: r.changes.created.map(label).join('、') || '无' },
                { key: 'n', label: '表中已无', children: r.changes.notInFile.map(label).join('、') || '无' },
                { key: 'a', label: '责任单位', children: `新增 ${r.changes.assignments.added}，不再负责 ${r.changes.assignments.ended}，恢复 ${r.changes.assignments.reactivated}` },
                { key: 'h', label: '文件校验值', children: <Typography.Text code>{r.sha256.slice(0, 16)}…</Typography.Text> },
              ]}
            />
          ),
        }}
        columns={[
          { title: '导入时间', dataIndex: 'createdAt', width: 170, render: moment },
          { title: '文件', dataIndex: 'fileName' },
          { title: '事项', dataIndex: 'rows', width: 70 },
          { title: '新增', dataIndex: 'created', width: 70 },
          { title: '更新', dataIndex: 'updated', width: 70 },
          { title: '未变', dataIndex: 'unchanged', width: 70 },
        ]}
      />
    </LoadState>
  );
}

const STATUS = { open: { text: '待处理', color: 'processing' }, accepted: { text: '已采纳', color: 'success' }, rejected: { text: '未采纳', color: 'default' } } as const;

/** Reviewers' remarks in a draft plan (「建议删除」「建议改为配合」): the office accepts or declines each one. */
export function Proposals({ planId, mayDecide }: { planId: string; mayDecide: boolean }) {
  const [status, setStatus] = useState<'open' | 'accepted' | 'rejected'>('open');
  const list = useLoad(() => api.get('/api/v1/plans/{planId}/assignment-proposals', { params: { path: { planId }, query: { status } } }), [planId, status]);
  const [rejecting, setRejecting] = useState<AssignmentProposal | null>(null);
  const { message } = App.useApp();
  const accept = async (p: AssignmentProposal) => {
    try {
      await api.post('/api/v1/assignment-proposals/{id}/accept', { params: { path: { id: p.id } }, body: { version: p.version } });
      message.success(`已采纳：${p.unitName}${p.kindName}`);
      list.reload();
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <>
      <Tabs size="small" activeKey={status} onChange={(k) => setStatus(k as typeof status)} items={(['open', 'accepted', 'rejected'] as const).map((k) => ({ key: k, label: STATUS[k].text }))} />
      <LoadState loading={list.loading && !list.data} error={list.error}>
        {list.data?.length ? (
          <Table<AssignmentProposal>
            size="small"
            rowKey="id"
            dataSource={list.data}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 860 }}
            columns={[
              {
                title: '事项',
                width: 260,
                ellipsis: true,
                render: (_, p) => (
                  <Link to={`/work-items/${p.workItemId}`}>
                    序号 {p.workItem.seq} {p.workItem.text}
                  </Link>
                ),
              },
              { title: '单位', width: 150, render: (_, p) => `${p.unitName}（${p.role === 'lead' ? '牵头' : '配合'}）` },
              { title: '意见', render: (_, p) => <><Tag>{p.kindName}</Tag>{p.remark}{p.transferTo ? `（移交：${p.transferTo}）` : ''}</> },
              { title: '状态', width: 90, render: (_, p) => <Tag color={STATUS[p.status].color}>{STATUS[p.status].text}</Tag> },
              ...(mayDecide && status === 'open'
                ? [
                    {
                      title: '操作',
                      width: 140,
                      render: (_: unknown, p: AssignmentProposal) => (
                        <Space>
                          <Button size="small" type="primary" onClick={() => accept(p)}>
                            采纳
                          </Button>
                          <Button size="small" onClick={() => setRejecting(p)}>
                            不采纳
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : [{ title: '处理说明', render: (_: unknown, p: AssignmentProposal) => p.decisionReason ?? '—' }]),
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'open' ? '没有待处理的分工修改意见。导入带审阅意见的方案草稿后，意见会出现在这里。' : '没有记录。'} />
        )}
      </LoadState>
      <ReasonModal
        open={!!rejecting}
        title="不采纳修改意见"
        label="不采纳的理由"
        okText="不采纳"
        intro={rejecting ? <p>{rejecting.unitName}：{rejecting.remark}。分工不变，意见留存。</p> : null}
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await api.post('/api/v1/assignment-proposals/{id}/reject', { params: { path: { id: rejecting!.id } }, body: { version: rejecting!.version, reason } });
          message.success('已记录：不采纳');
          setRejecting(null);
          list.reload();
        }}
      />
    </>
  );
}
