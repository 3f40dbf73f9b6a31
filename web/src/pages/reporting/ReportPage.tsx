import { Alert, App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { PROGRESS_STATUS_NAMES, REPORT_ACTION_NAMES, REPORT_STATE_NAMES } from '../../api/labels';
import { problemText } from '../../api/problem';
import type { ReportDetail } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReportStateTag } from '../../components/Tags';
import { EvidenceFiles } from './Evidence';
import { ReasonModal } from './ReasonModal';

export default function ReportPage() {
  const { id } = useParams<{ id: string }>();
  const report = useLoad(() => api.get('/api/v1/reports/{id}', { params: { path: { id: id! } } }), [id]);
  return (
    <LoadState loading={report.loading && !report.data} error={report.error} what="该报告" onRetry={report.reload}>
      {report.data ? <ReportView r={report.data} reload={report.reload} /> : null}
    </LoadState>
  );
}

function ReportView({ r, reload }: { r: ReportDetail; reload: () => void }) {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const [reason, setReason] = useState<'return' | 'reopen' | null>(null);
  const own = r.unitId === me?.unitId;
  const editable = own && ['pending', 'draft', 'returned'].includes(r.state) && r.period.status === 'open' && !r.assignmentEndedAt;
  // Reports are reviewed by the office; a contribution also by the head of the item's lead unit.
  const headOfLead = useLoad(
    async () => (await api.get('/api/v1/work-items/{id}', { params: { path: { id: r.workItemId } } })).assignments.some((a) => a.role === 'lead' && a.unitId === me?.unitId),
    [r.workItemId, me?.unitId],
    r.kind === 'contribution' && !!me?.roles.includes('unit_head'),
  );
  const mayReview = can('reports:review') && (!!me?.planWide || (r.kind === 'contribution' && headOfLead.data === true));
  const acceptLabel = r.kind === 'report' ? '采纳' : '接收';
  const act = async (what: 'accept' | 'sign-off') => {
    try {
      if (what === 'accept') await api.post('/api/v1/reports/{id}/accept', { params: { path: { id: r.id } }, body: { version: r.version } });
      else await api.post('/api/v1/reports/{id}/sign-off', { params: { path: { id: r.id } }, body: { version: r.version } });
      message.success(what === 'accept' ? `已${acceptLabel}` : '已审核报送');
      reload();
    } catch (e) {
      message.error(problemText(e));
      reload();
    }
  };

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            {r.kind === 'report' ? '进展报告' : '配合情况'}
            <ReportStateTag state={r.state} kind={r.kind} />
          </Space>
        }
        sub={`${r.unitName} · ${r.period.label} · 报送截止 ${day(r.period.dueDate)}`}
        extra={
          <>
            <Link to={`/work-items/${r.workItemId}`}>
              <Button>事项详情</Button>
            </Link>
            {editable && can('reports:write') ? (
              <Link to={`/my-reports?periodId=${r.periodId}`}>
                <Button type="primary">去填报</Button>
              </Link>
            ) : null}
            {own && can('reports:sign-off') && r.state === 'draft' ? (
              <Popconfirm title="审核并报送这份报告？" okText="报送" cancelText="取消" onConfirm={() => act('sign-off')}>
                <Button type="primary">审核并报送</Button>
              </Popconfirm>
            ) : null}
            {mayReview && r.state === 'submitted' ? (
              <>
                <Popconfirm title={`${acceptLabel}这份${r.kind === 'report' ? '报告' : '配合情况'}？${acceptLabel}后锁定。`} okText={acceptLabel} cancelText="取消" onConfirm={() => act('accept')}>
                  <Button type="primary">{acceptLabel}</Button>
                </Popconfirm>
                <Button danger onClick={() => setReason('return')}>
                  退回
                </Button>
              </>
            ) : null}
            {mayReview && r.state === 'accepted' ? <Button onClick={() => setReason('reopen')}>重新打开</Button> : null}
          </>
        }
      />
      <Card size="small" title={`序号 ${r.workItem.seq}${r.workItem.itemNo > 1 ? `（${r.workItem.itemNo}）` : ''}`} style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{r.workItem.text}</Typography.Paragraph>
        {r.state === 'returned' && r.returnReason ? <Alert type="error" showIcon title={`退回原因：${r.returnReason}`} style={{ marginBottom: 12 }} /> : null}
        {r.assignmentEndedAt ? <Alert type="info" showIcon title={`任务分工表已调整，${r.unitName}自 ${day(r.assignmentEndedAt)} 起不再负责此事项；本报告仅供查阅。`} style={{ marginBottom: 12 }} /> : null}
        {r.period.status === 'closed' ? <Alert type="warning" showIcon title={`「${r.period.label}」调度已结束。`} style={{ marginBottom: 12 }} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 's', label: '进展状态', children: r.status ? PROGRESS_STATUS_NAMES[r.status] : '—' },
            { key: 'p', label: '完成进度', children: r.percent !== null ? `${r.percent}%` : '—' },
            { key: 'd', label: '主要工作进展', span: 'filled', children: <span className="keep-lines">{r.done || '—'}</span> },
            { key: 'pr', label: '存在问题', span: 'filled', children: <span className="keep-lines">{r.problems || '—'}</span> },
            { key: 'n', label: '下一步计划', span: 'filled', children: <span className="keep-lines">{r.nextSteps || '—'}</span> },
            { key: 'f', label: '首次报送', children: moment(r.firstSubmittedAt) },
            { key: 'a', label: '采纳时间', children: moment(r.acceptedAt) },
            { key: 'e', label: '佐证材料', span: 'filled', children: <EvidenceFiles reportId={r.id} files={r.evidence} editable={false} onUploaded={() => undefined} /> },
          ]}
        />
      </Card>
      {r.kind === 'report' ? (
        <Card size="small" title="配合单位情况" style={{ marginBottom: 16 }}>
          {r.contributions.length ? (
            <Flex vertical gap={12}>
              {r.contributions.map((c) => (
                <div key={c.id}>
                  <Space wrap>
                    <Typography.Text strong>{c.unitName}</Typography.Text>
                    <ReportStateTag state={c.state} kind={c.kind} />
                    {c.status ? <Tag>{`${PROGRESS_STATUS_NAMES[c.status]} ${c.percent ?? 0}%`}</Tag> : null}
                  </Space>
                  <div className="keep-lines">{c.done || <Typography.Text type="secondary">尚未填写</Typography.Text>}</div>
                </div>
              ))}
            </Flex>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本事项没有配合单位，或您无权查看配合情况。" />
          )}
        </Card>
      ) : null}
      <Card size="small" title="办理记录">
        {r.history.length ? (
          <Timeline
            items={[...r.history].reverse().map((h) => ({
              key: `${h.version}-${h.action}`,
              title: moment(h.at),
              content: (
                <span>
                  {REPORT_ACTION_NAMES[h.action] ?? h.action} → {REPORT_STATE_NAMES[h.state]}
                  {h.reason ? <Typography.Text type="secondary">（{h.reason}）</Typography.Text> : null}
                  {h.content?.status ? (
                    <Typography.Text type="secondary">
                      {' '}
                      {PROGRESS_STATUS_NAMES[h.content.status]} {h.content.percent ?? 0}%
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">还没有办理记录。</Typography.Text>
        )}
      </Card>
      <ReasonModal
        open={!!reason}
        title={reason === 'return' ? '退回报告' : '重新打开已采纳的报告'}
        label={reason === 'return' ? '退回原因' : '重新打开的原因'}
        okText={reason === 'return' ? '退回' : '重新打开'}
        onCancel={() => setReason(null)}
        onSubmit={async (text) => {
          const path = { params: { path: { id: r.id } }, body: { version: r.version, reason: text } };
          if (reason === 'return') await api.post('/api/v1/reports/{id}/return', path);
          else await api.post('/api/v1/reports/{id}/reopen', path);
          message.success(reason === 'return' ? '已退回' : '已重新打开');
          setReason(null);
          reload();
        }}
      />
    </div>
  );
}
