import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Progress, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { PERIOD_STATUS_NAMES, CADENCE_NAMES, PROGRESS_STATUS_NAMES } from '../../api/labels';
import { isApiError, problemText } from '../../api/problem';
import type { Period, Report, ReportState } from '../../api/views';
import { dayjs, day, moment } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReportStateTag } from '../../components/Tags';
import { loadPlans } from '../../components/usePlans';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';
import { EvidenceFiles } from './Evidence';
import { ReasonModal } from './ReasonModal';

const TABS: { key: string; label: string; states: ReportState[] }[] = [
  { key: 'submitted', label: '待审核', states: ['submitted'] },
  { key: 'returned', label: '已退回', states: ['returned'] },
  { key: 'accepted', label: '已采纳', states: ['accepted'] },
  { key: 'pending', label: '未报送', states: ['pending', 'draft'] },
  { key: 'all', label: '全部', states: ['pending', 'draft', 'submitted', 'returned', 'accepted'] },
];

/** The office's 调度 desk: open a round, then work the queue of signed-off reports. */
export default function ReviewPage() {
  const [params, setParams] = useSearchParams();
  const plans = useLoad(() => loadPlans(), []);
  const planId = params.get('planId') ?? plans.data?.[0]?.id;
  const periods = useLoad(() => api.get('/api/v1/plans/{planId}/periods', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const sorted = useMemo(() => [...(periods.data ?? [])].sort((a, b) => (a.startDate < b.startDate ? 1 : -1)), [periods.data]);
  const periodId = params.get('periodId') ?? sorted[0]?.id;
  const period = sorted.find((p) => p.id === periodId);
  const [opening, setOpening] = useState(false);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return (
    <div>
      <PageHeader
        title="调度与审核"
        sub={period ? `${period.label} · 报送截止 ${day(period.dueDate)}` : undefined}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? (
              <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={(v) => set({ planId: v, periodId: undefined })} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
            ) : null}
            {sorted.length ? (
              <Select aria-label="调度期" style={{ width: 180 }} value={periodId} onChange={(v) => set({ periodId: v })} options={sorted.map((p) => ({ value: p.id, label: p.label }))} />
            ) : null}
            {planId ? (
              <Button type="primary" onClick={() => setOpening(true)}>
                开启新一期调度
              </Button>
            ) : null}
          </>
        }
      />
      <LoadState loading={plans.loading || periods.loading} error={plans.error ?? periods.error} what="方案">
        {!planId ? (
          <Empty description="还没有实施方案：请先在「实施方案」中新建方案并导入任务分工表。" />
        ) : !period ? (
          <Empty description="本方案还没有开启调度。点击「开启新一期调度」，系统会为每个牵头事项生成待报进展、为每个配合事项生成待报配合情况。">
            <Button type="primary" onClick={() => setOpening(true)}>
              开启新一期调度
            </Button>
          </Empty>
        ) : (
          <>
            <PeriodBar period={period} onChanged={periods.reload} />
            <Queue key={period.id} period={period} />
          </>
        )}
      </LoadState>
      {planId ? (
        <OpenPeriodModal
          open={opening}
          planId={planId}
          onClose={() => setOpening(false)}
          onOpened={(id) => {
            setOpening(false);
            periods.reload();
            set({ periodId: id });
          }}
        />
      ) : null}
    </div>
  );
}

function Queue({ period }: { period: Period }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('state') === 'pending' ? 'pending' : (params.get('tab') ?? 'submitted');
  const unitId = params.get('unitId') ?? undefined;
  const [withContributions, setWithContributions] = useState(false);
  const units = useUnits();
  const reports = useLoad(() => api.get('/api/v1/periods/{periodId}/reports', { params: { path: { periodId: period.id }, query: unitId ? { unitId } : {} } }), [period.id, unitId]);
  const [rows, setRows] = useState<Record<string, Report>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [returning, setReturning] = useState<Report | null>(null);
  const [reopening, setReopening] = useState<Report | null>(null);
  const [bulk, setBulk] = useState<{ done: number; total: number; failed: { r: Report; error: unknown }[] } | null>(null);
  const { message } = App.useApp();

  const all = (reports.data ?? []).map((r) => rows[r.id] ?? r);
  const states = TABS.find((t) => t.key === tab)?.states ?? TABS[0].states;
  const shown = all.filter((r) => states.includes(r.state) && (withContributions || r.kind === 'report'));
  const count = (t: (typeof TABS)[number]) => all.filter((r) => t.states.includes(r.state) && (withContributions || r.kind === 'report')).length;
  const update = (r: Report) => setRows((prev) => ({ ...prev, [r.id]: r }));
  const setParam = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'tab') next.delete('state');
    setParams(next, { replace: true });
    setSelected([]);
  };

  const accept = async (r: Report) => {
    try {
      update(await api.post('/api/v1/reports/{id}/accept', { params: { path: { id: r.id } }, body: { version: r.version } }));
      message.success(`已采纳：${r.unitName} 序号 ${r.workItem.seq}`);
    } catch (e) {
      message.error(problemText(e));
      reports.reload();
    }
  };

  const acceptSelected = async () => {
    const chosen = shown.filter((r) => selected.includes(r.id) && r.state === 'submitted');
    const state = { done: 0, total: chosen.length, failed: [] as { r: Report; error: unknown }[] };
    setBulk({ ...state });
    for (const r of chosen) {
      try {
        update(await api.post('/api/v1/reports/{id}/accept', { params: { path: { id: r.id } }, body: { version: r.version } }));
      } catch (error) {
        state.failed.push({ r, error });
      }
      state.done++;
      setBulk({ ...state });
    }
    setSelected([]);
    if (!state.failed.length) message.success(`已采纳 ${state.total} 份报告`);
  };

  return (
    <Card size="small">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
        <Select
          aria-label="按单位筛选"
          placeholder="全部单位"
          allowClear
          showSearch={{ filterOption: filterUnitOption }}
          style={{ width: 220 }}
          value={unitId}
          onChange={(v) => setParam('unitId', v)}
          options={unitOptions(units.data, (u) => u.kind !== 'collective')}
        />
        <Space>
          <Switch checked={withContributions} onChange={setWithContributions} aria-label="包括配合单位的配合情况" />
          <span>包括配合情况</span>
        </Space>
        <Typography.Text type="secondary">配合情况由配合单位负责人报送给牵头单位，由牵头单位负责人接收；办公室也可接收或退回。</Typography.Text>
      </Flex>
      <Tabs activeKey={tab} onChange={(k) => setParam('tab', k)} items={TABS.map((t) => ({ key: t.key, label: `${t.label}（${count(t)}）` }))} />
      <ProblemAlert error={reports.error} />
      {bulk ? (
        <Alert
          style={{ marginBottom: 8 }}
          type={bulk.failed.length ? 'warning' : bulk.done < bulk.total ? 'info' : 'success'}
          showIcon
          closable={{ onClose: () => setBulk(null) }}
          title={bulk.done < bulk.total ? `正在采纳 ${bulk.done}/${bulk.total}` : `已处理 ${bulk.total} 份${bulk.failed.length ? `，其中 ${bulk.failed.length} 份未能采纳` : ''}`}
          description={
            <>
              <Progress percent={Math.round((bulk.done / Math.max(bulk.total, 1)) * 100)} size="small" />
              {bulk.failed.map(({ r, error }) => (
                <div key={r.id}>
                  {r.unitName} 序号 {r.workItem.seq}：{problemText(error)}
                </div>
              ))}
            </>
          }
        />
      ) : null}
      {tab === 'submitted' && selected.length ? (
        <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
          <span>已选 {selected.length} 份</span>
          <Popconfirm title={`采纳所选 ${selected.length} 份报告？`} okText="采纳" cancelText="取消" onConfirm={acceptSelected}>
            <Button type="primary">批量采纳</Button>
          </Popconfirm>
        </Flex>
      ) : null}
      <Table<Report>
        rowKey="id"
        size="middle"
        loading={reports.loading}
        dataSource={shown}
        scroll={{ x: 1200 }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份` }}
        rowSelection={tab === 'submitted' ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.state !== 'submitted', 'aria-label': `选择 ${r.unitName} 序号 ${r.workItem.seq}` }) } : undefined}
        locale={{
          emptyText:
            tab === 'submitted'
              ? '没有待审核的报告。单位负责人审核报送后，报告会出现在这里。'
              : tab === 'pending'
                ? '所有单位均已报送。'
                : '没有符合条件的报告。',
        }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'd', label: '主要工作进展', children: <span className="keep-lines">{r.done || '—'}</span> },
                { key: 'p', label: '存在问题', children: <span className="keep-lines">{r.problems || '—'}</span> },
                { key: 'n', label: '下一步计划', children: <span className="keep-lines">{r.nextSteps || '—'}</span> },
                { key: 'e', label: '佐证材料', children: <EvidenceFiles reportId={r.id} files={r.evidence} editable={false} onUploaded={() => undefined} /> },
                ...(r.returnReason ? [{ key: 'r', label: '退回原因', children: r.returnReason }] : []),
              ]}
            />
          ),
          rowExpandable: (r) => r.state !== 'pending',
        }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 130 },
          {
            title: '事项',
            width: 320,
            ellipsis: true,
            render: (_, r) => {
              const label = `序号 ${r.workItem.seq}${r.workItem.itemNo > 1 ? `（${r.workItem.itemNo}）` : ''} ${r.workItem.text}`;
              return (
                <Link to={`/work-items/${r.workItemId}`} title={label}>
                  {label}
                </Link>
              );
            },
          },
          {
            title: '类型',
            width: 90,
            render: (_, r) => (
              <>
                {r.kind === 'report' ? <Tag color="geekblue">牵头</Tag> : <Tag>配合</Tag>}
                {r.assignmentEndedAt ? <Tag color="default">已不再负责</Tag> : null}
              </>
            ),
          },
          { title: '进展', width: 150, render: (_, r) => (r.status ? `${PROGRESS_STATUS_NAMES[r.status]} ${r.percent ?? 0}%` : '—') },
          {
            title: '报送时间',
            width: 150,
            render: (_, r) => (
              <span>
                {moment(r.submittedAt)}
                {r.firstSubmittedAt && dayjs(r.firstSubmittedAt).isAfter(dayjs(period.dueDate).endOf('day')) ? <Tag color="orange">逾期报送</Tag> : null}
              </span>
            ),
          },
          { title: '状态', width: 90, render: (_, r) => <ReportStateTag state={r.state} kind={r.kind} /> },
          {
            title: '操作',
            width: 190,
            fixed: 'right',
            render: (_, r) => (
              <Space size={4} wrap>
                <Link to={`/reports/${r.id}`}>查看</Link>
                {r.state === 'submitted' ? (
                  <>
                    <Popconfirm title="采纳这份报告？采纳后锁定。" okText="采纳" cancelText="取消" onConfirm={() => accept(r)}>
                      <Button size="small" type="primary">
                        采纳
                      </Button>
                    </Popconfirm>
                    <Button size="small" danger onClick={() => setReturning(r)}>
                      退回
                    </Button>
                  </>
                ) : null}
                {r.state === 'accepted' ? (
                  <Button size="small" onClick={() => setReopening(r)}>
                    重新打开
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={!!returning}
        title="退回报告"
        label="退回原因"
        okText="退回"
        intro={returning ? <p>退回 {returning.unitName} 关于序号 {returning.workItem.seq} 的报告，单位修改后需重新审核报送。</p> : null}
        onCancel={() => setReturning(null)}
        onSubmit={async (reason) => {
          update(await api.post('/api/v1/reports/{id}/return', { params: { path: { id: returning!.id } }, body: { version: returning!.version, reason } }));
          message.success('已退回，单位将看到退回原因');
          setReturning(null);
        }}
      />
      <ReasonModal
        open={!!reopening}
        title="重新打开已采纳的报告"
        label="重新打开的原因"
        okText="重新打开"
        onCancel={() => setReopening(null)}
        onSubmit={async (reason) => {
          update(await api.post('/api/v1/reports/{id}/reopen', { params: { path: { id: reopening!.id } }, body: { version: reopening!.version, reason } }));
          message.success('已重新打开，报告退回单位修改');
          setReopening(null);
        }}
      />
    </Card>
  );
}

function OpenPeriodModal({ open, planId, onClose, onOpened }: { open: boolean; planId: string; onClose: () => void; onOpened: (periodId: string) => void }) {
  const [form] = Form.useForm<{ cadence?: Period['cadence']; dueDay?: number; year: number; index: number; confirm?: boolean; reason?: string }>();
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const { message } = App.useApp();
  const cadence = Form.useWatch('cadence', form);
  const now = dayjs();

  const { submit, busy, error } = useFormSubmit(
    form,
    ['cadence', 'dueDay', 'year', 'index', 'reason'],
    async (v) => {
      if (v.cadence) await api.put('/api/v1/plans/{planId}/reporting-schedule', { params: { path: { planId } }, body: { cadence: v.cadence, dueDay: v.dueDay! } });
      const opened = await api.post('/api/v1/plans/{planId}/periods', {
        params: { path: { planId } },
        body: { year: v.year, index: v.index, ...(v.confirm ? { confirm: true, reason: v.reason?.trim() } : {}) },
      });
      message.success(`已开启「${opened.label}」调度${opened.expected !== undefined ? `，待报 ${opened.expected} 份` : ''}`);
      onOpened(opened.id);
    },
    {
      // A round whose due day has passed, or far ahead, needs an explicit confirmation with a reason.
      handled: (e) => {
        const confirm = isApiError(e) && e.code === 'PERIOD.NEEDS_CONFIRMATION';
        if (confirm) setNeedsConfirm(true);
        return confirm;
      },
    },
  );

  return (
    <Modal open={open} title="开启新一期调度" okText="开启" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose}>
      <ProblemAlert error={error} />
      <Form form={form} name="open-period" layout="vertical" initialValues={{ year: now.year(), index: Math.floor(now.month() / 3) + 1 }}>
        <Form.Item label="调度频次" name="cadence" extra="首次开启调度须设置；已设置过可留空沿用。">
          <Select allowClear placeholder="沿用现有设置" options={Object.entries(CADENCE_NAMES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {cadence ? (
          <Form.Item label="报送截止日（期末次月第几天）" name="dueDay" rules={[{ required: true, message: '请填写报送截止日' }]}>
            <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Flex gap={12}>
          <Form.Item label="年份" name="year" rules={[{ required: true, message: '请填写年份' }]} style={{ flex: 1 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} suffix="年" />
          </Form.Item>
          <Form.Item label="年内第几期" name="index" rules={[{ required: true, message: '请填写期次' }]} extra="月：1–12；季度：1–4；半年：1–2；年度：1" style={{ flex: 1 }}>
            <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        {needsConfirm ? (
          <>
            <Form.Item name="confirm" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请勾选确认'))) }]}>
              <Checkbox>确认开启这一期（截止日已过或距今超过一个调度周期）</Checkbox>
            </Form.Item>
            <Form.Item label="原因" name="reason" rules={[{ required: true, whitespace: true, message: '请说明原因，将记入审计记录' }]}>
              <Input.TextArea rows={2} maxLength={1000} placeholder="例如：补开第三季度调度，用于补报" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** The round's state, and the office's close (no more writing) and reopen (补报, with a reason). */
function PeriodBar({ period, onChanged }: { period: Period; onChanged: () => void }) {
  const [reason, setReason] = useState<'close' | 'reopen' | null>(null);
  const [closing, setClosing] = useState(false);
  const { message } = App.useApp();
  const close = async (text?: string) => {
    await api.post('/api/v1/periods/{periodId}/close', { params: { path: { periodId: period.id } }, body: { version: period.version, ...(text ? { reason: text } : {}) } });
    message.success(`「${period.label}」调度已结束，单位不能再填报`);
    setReason(null);
    onChanged();
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} align="center">
        <span>
          {period.label}：<Tag color={period.status === 'open' ? 'processing' : 'default'}>{PERIOD_STATUS_NAMES[period.status]}</Tag>
        </span>
        <Typography.Text type="secondary">
          {period.startDate} 至 {period.endDate}，报送截止 {day(period.dueDate)}
          {period.statusReason ? `；说明：${period.statusReason}` : ''}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        {period.status === 'open' ? (
          <Button loading={closing} onClick={() => setReason('close')}>
            结束本期调度
          </Button>
        ) : (
          <Button onClick={() => setReason('reopen')}>重新开启（补报）</Button>
        )}
      </Flex>
      <ReasonModal
        open={reason === 'reopen'}
        title="重新开启调度"
        label="重新开启的原因"
        okText="重新开启"
        intro={<p>重新开启后，各单位可以继续填报和修改本期尚未采纳的报告。</p>}
        onCancel={() => setReason(null)}
        onSubmit={async (text) => {
          await api.post('/api/v1/periods/{periodId}/reopen', { params: { path: { periodId: period.id } }, body: { version: period.version, reason: text } });
          message.success(`「${period.label}」调度已重新开启`);
          setReason(null);
          onChanged();
        }}
      />
      <Modal
        open={reason === 'close'}
        title="结束本期调度"
        okText="结束"
        cancelText="取消"
        confirmLoading={closing}
        onCancel={() => setReason(null)}
        onOk={async () => {
          setClosing(true);
          try {
            await close();
          } catch (e) {
            message.error(problemText(e));
          } finally {
            setClosing(false);
          }
        }}
      >
        结束后各单位不能再填报或修改本期报告；未报送的将计为缺报。如需补报，可重新开启。
      </Modal>
    </Card>
  );
}
