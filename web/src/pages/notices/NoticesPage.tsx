import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Radio, Select, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type Data } from '../../api/client';
import type { WorkItem } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, dayjs } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { LEVEL_LABELS, LevelTag, NoticeStateTag, type NoticeLevel, type NoticeState } from './labels';
import { NoticePatternButton, ProposalsPanel, type NoticeProposal } from './Proposals';

export type Notice = Data<'/api/v1/notices/{id}', 'get'>;

const TABS: { key: NoticeState | 'all'; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'issued', label: '待签收' },
  { key: 'acknowledged', label: '待答复' },
  { key: 'replied', label: '待办结' },
  { key: 'closed', label: '已办结' },
];

export function itemLabel(w: { seq: string; itemNo?: number; text: string }): string {
  return `序号 ${w.seq}${w.itemNo && w.itemNo > 1 ? `（${w.itemNo}）` : ''} ${w.text}`;
}

/** 督办单: the office sees every notice of the plan and issues new ones; a unit sees those addressed to it. */
export default function NoticesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const issue = can('notices:issue');
  const requested = params.get('state') ?? 'all';
  // 督办建议 (red items without an open notice) is a tab of the office's only.
  const proposals = issue && requested === 'proposals';
  const state = (proposals ? 'all' : requested) as NoticeState | 'all';
  const { plans, plan, choose } = usePlanChoice();
  const planId = plan?.id;
  const list = useLoad(() => api.get('/api/v1/notices', { params: { query: { planId, ...(state === 'all' ? {} : { state }) } } }), [planId, state], !!planId && !proposals);
  const [issuing, setIssuing] = useState(false);
  const [prefill, setPrefill] = useState<NoticeProposal>();

  return (
    <div>
      <PageHeader
        title="督办单"
        sub={issue ? '对推进滞后的事项向责任单位发催办、督办或挂牌督办单；受文单位负责人签收并在期限内答复，办公室审核后办结。' : '发给本单位的督办单。单位负责人须签收，并在答复期限前答复办理情况。'}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? (
              <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
            ) : null}
            {issue && planId ? <NoticePatternButton planId={planId} /> : null}
            {issue && planId ? (
              <Button
                type="primary"
                onClick={() => {
                  setPrefill(undefined);
                  setIssuing(true);
                }}
              >
                发督办单
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={proposals ? 'proposals' : state}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            next.set('state', k);
            setParams(next);
          }}
          items={[...TABS.map((t) => ({ key: t.key, label: t.label })), ...(issue ? [{ key: 'proposals', label: '督办建议' }] : [])]}
        />
        <ProblemAlert error={list.error ?? plans.error} />
        {proposals && planId ? (
          <ProposalsPanel
            planId={planId}
            onIssue={(p) => {
              setPrefill(p);
              setIssuing(true);
            }}
          />
        ) : (
        <Table<Notice>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  issue
                    ? state === 'all'
                      ? '还没有督办单。对亮红灯或推进滞后的事项，点击右上角「发督办单」。'
                      : '没有处于这一状态的督办单。'
                    : '本单位没有收到督办单。'
                }
              />
            ),
          }}
          columns={[
            {
              title: '编号',
              dataIndex: 'numberText',
              width: 130,
              render: (t: string, n) => <Link to={`/notices/${n.id}`}>{t}</Link>,
            },
            { title: '等级', dataIndex: 'level', width: 100, render: (l: NoticeLevel) => <LevelTag level={l} /> },
            { title: '事项', width: 260, ellipsis: true, render: (_, n) => <span title={itemLabel(n.workItem)}>{itemLabel(n.workItem)}</span> },
            { title: '受文单位', dataIndex: 'unitName', width: 120 },
            { title: '督办事由', dataIndex: 'reason', ellipsis: true },
            {
              title: '答复期限',
              dataIndex: 'replyDeadline',
              width: 150,
              render: (d: string, n) => (
                <Typography.Text type={n.state !== 'closed' && n.state !== 'replied' && dayjs(d).isBefore(dayjs(), 'day') ? 'danger' : undefined}>{day(d)}</Typography.Text>
              ),
            },
            { title: '状态', dataIndex: 'state', width: 130, render: (s: NoticeState) => <NoticeStateTag state={s} /> },
            {
              title: '操作',
              width: 80,
              fixed: 'right' as const,
              render: (_, n) => (
                <Button size="small" type="link" onClick={() => navigate(`/notices/${n.id}`)} aria-label={`办理 ${n.numberText}`}>
                  {n.state === 'closed' ? '查看' : '办理'}
                </Button>
              ),
            },
          ]}
        />
        )}
      </Card>
      {issue && planId ? (
        <IssueNoticeModal
          planId={planId}
          prefill={prefill}
          open={issuing}
          onClose={() => setIssuing(false)}
          onDone={(n) => {
            setIssuing(false);
            navigate(`/notices/${n.id}`);
          }}
        />
      ) : null}
    </div>
  );
}

interface IssueValues {
  workItemId: string;
  unitId: string;
  level: NoticeLevel;
  reason: string;
  requestedAction: string;
  replyDeadline: dayjs.Dayjs;
}

/** 发督办单: the unit is chosen among the item's lead and supporting units, as the service requires. */
function IssueNoticeModal({
  planId,
  prefill,
  open,
  onClose,
  onDone,
}: {
  planId: string;
  /** A 督办建议 to start from: item, unit, level and texts filled in, still editable. */
  prefill?: NoticeProposal;
  open: boolean;
  onClose: () => void;
  onDone: (n: Notice) => void;
}) {
  const [form] = Form.useForm<IssueValues>();
  const { message } = App.useApp();
  const [loadError, setLoadError] = useState<unknown>();
  const [q, setQ] = useState('');
  const items = useLoad(() => api.get('/api/v1/work-items', { params: { query: { planId, q: q || undefined, page: 1, pageSize: 30 } } }), [planId, q], open);
  const [chosen, setChosen] = useState<WorkItem | null>(null);

  // The proposal's item may not be among the search's first results: its full record (with its units) is fetched.
  useEffect(() => {
    if (!open || !prefill) return;
    form.setFieldsValue({
      workItemId: prefill.workItemId,
      unitId: prefill.unitId,
      level: prefill.level as NoticeLevel,
      reason: prefill.reason,
      requestedAction: prefill.requestedAction,
      replyDeadline: dayjs(prefill.replyDeadline),
    });
    let alive = true;
    api.get('/api/v1/work-items/{id}', { params: { path: { id: prefill.workItemId } } }).then(
      (w) => alive && setChosen(w),
      (e: unknown) => alive && setLoadError(e),
    );
    return () => {
      alive = false;
    };
  }, [open, prefill, form]);
  const itemOptions = (items.data?.items ?? []).map((w) => ({ value: w.id, label: itemLabel(w) }));
  // Until the proposal's item has loaded, its fields show the proposal's own names rather than bare ids.
  const pending = prefill && chosen?.id !== prefill.workItemId ? prefill : undefined;
  const extra = chosen ?? (pending ? { id: pending.workItemId, ...pending.workItem } : null);
  if (extra && !itemOptions.some((o) => o.value === extra.id)) itemOptions.unshift({ value: extra.id, label: itemLabel(extra) });
  const unitChoices = pending
    ? [{ value: pending.unitId, label: `${pending.unitName}（牵头）` }]
    : (chosen?.assignments ?? []).map((a) => ({ value: a.unitId, label: `${a.unitName}（${a.role === 'lead' ? '牵头' : '配合'}）` }));

  const { submit, busy, error, clearError } = useFormSubmit(form, ['workItemId', 'unitId', 'level', 'reason', 'requestedAction', 'replyDeadline'], async (v) => {
    const created = await api.post('/api/v1/notices', {
      body: { workItemId: v.workItemId, unitId: v.unitId, level: v.level, reason: v.reason.trim(), requestedAction: v.requestedAction.trim(), replyDeadline: v.replyDeadline.format('YYYY-MM-DD') },
    });
    message.success(`已下发${LEVEL_LABELS[v.level]}单 ${created.numberText}`);
    form.resetFields();
    setChosen(null);
    onDone(created);
  });

  return (
    <Modal
      title="发督办单"
      open={open}
      onCancel={() => {
        // A proposal's values must not linger into the next, blank form.
        form.resetFields();
        setChosen(null);
        clearError();
        setLoadError(undefined);
        onClose();
      }}
      onOk={submit} okText="下发" cancelText="取消" confirmLoading={busy} width={640}>
      <ProblemAlert error={error ?? loadError ?? items.error} />
      <Form form={form} name="issue-notice" layout="vertical" initialValues={{ level: 'urge' }}>
        <Form.Item label="督办事项" name="workItemId" rules={[{ required: true, message: '请选择督办的工作事项' }]} extra="输入工作内容关键词查找事项。">
          <Select
            showSearch={{ filterOption: false, onSearch: (s) => setQ(s.trim()) }}
            loading={items.loading}
            placeholder="输入关键词查找"
            notFoundContent={items.loading ? '正在查找…' : '没有找到事项，请换个关键词'}
            options={itemOptions}
            onChange={(id: string) => {
              const w = items.data?.items.find((x) => x.id === id) ?? (chosen?.id === id ? chosen : null);
              setChosen(w);
              const lead = w?.assignments.find((a) => a.role === 'lead');
              form.setFieldValue('unitId', lead?.unitId);
            }}
          />
        </Form.Item>
        <Form.Item label="受文单位" name="unitId" rules={[{ required: true, message: '请选择受文单位' }]} extra="只能发给该事项的牵头或配合单位。">
          <Select
            placeholder={chosen ? '选择单位' : '请先选择督办事项'}
            disabled={!chosen}
            options={unitChoices}
          />
        </Form.Item>
        <Form.Item label="督办等级" name="level" rules={[{ required: true, message: '请选择督办等级' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'urge', label: '催办' },
              { value: 'supervise', label: '督办' },
              { value: 'listed', label: '挂牌督办' },
            ]}
          />
        </Form.Item>
        <Form.Item label="督办事由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写督办事由' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：该事项亮红灯，进度明显滞后于时序要求" />
        </Form.Item>
        <Form.Item label="办理要求" name="requestedAction" rules={[{ required: true, whitespace: true, message: '请填写办理要求' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：说明滞后原因，提出整改措施和完成时限" />
        </Form.Item>
        <Form.Item label="答复期限" name="replyDeadline" rules={[{ required: true, message: '请选择答复期限' }]} extra="不早于今天。">
          <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
