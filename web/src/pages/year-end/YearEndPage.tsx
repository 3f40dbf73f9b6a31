import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, download, type Data } from '../../api/client';
import { isApiError } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { day, dayjs, moment } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { ReasonModal } from '../reporting/ReasonModal';
import { AnnualReportView, AnnualStateTag } from './AnnualReportView';
import { AddUnitModal } from './AddUnitModal';
import { SummaryCard } from './SummaryCard';

type Cycle = Data<'/api/v1/year-end-cycles/{id}', 'get'>;
type ReportRef = Cycle['reports'][number];

/**
 * 年度报告: the plan's year-end cycle. A unit edits and sends its own prefilled report; the office
 * opens the cycle, follows every unit's report (采纳 / 退回) and downloads the ledger and the summary.
 */
export default function YearEndPage() {
  const { can, isUnitUser } = useAuth();
  const { plans, plan, choose } = usePlanChoice();
  const [params, setParams] = useSearchParams();
  const planId = plan?.id;
  const cycles = useLoad(() => api.get('/api/v1/plans/{planId}/year-end-cycles', { params: { path: { planId: planId! } } }), [planId], !!planId);
  // The open cycle is the current one; without one, the latest closed cycle stays readable.
  const sorted = [...(cycles.data ?? [])].sort((a, b) => b.year - a.year);
  const chosenId = params.get('cycleId');
  const cycle = sorted.find((c) => c.id === chosenId) ?? sorted.find((c) => c.status === 'open') ?? sorted[0];
  const manage = can('year-end:manage');
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>();

  const ledger = async () => {
    if (!plan) return;
    setError(undefined);
    try {
      await download(`/api/v1/plans/${plan.id}/documents/ledger.xlsx`, '工作台账.xlsx');
    } catch (e) {
      setError(e);
    }
  };
  const summary = async () => {
    if (!cycle) return;
    setError(undefined);
    try {
      await download(`/api/v1/year-end-cycles/${cycle.id}/summary.docx`, `${cycle.year}年度碳达峰工作总结.docx`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <PageHeader
        title="年度报告"
        sub={cycle ? `${cycle.year} 年度 · 报送截止 ${day(cycle.dueDate)} · 报送${cycle.recipient}` : '每年年底前，各责任单位向领导小组办公室报送本年度落实情况。'}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? (
              <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
            ) : null}
            {sorted.length > 1 ? (
              <Select
                aria-label="年度"
                style={{ width: 120 }}
                value={cycle?.id}
                onChange={(v) => {
                  const next = new URLSearchParams(params);
                  next.set('cycleId', v);
                  setParams(next);
                }}
                options={sorted.map((c) => ({ value: c.id, label: `${c.year} 年度` }))}
              />
            ) : null}
            {plan ? <Button onClick={ledger}>下载工作台账.xlsx</Button> : null}
            {cycle && manage ? <Button onClick={summary}>下载年度总结.docx</Button> : null}
            {manage && planId ? (
              <Button type="primary" onClick={() => setOpening(true)}>
                开启年度报告
              </Button>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={error ?? plans.error} />
      <LoadState loading={plans.loading || cycles.loading} error={cycles.error}>
        {!cycle ? (
          <Card size="small">
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={manage ? '本方案还没有开启年度报告。点击右上角「开启年度报告」，系统为每个有分工的单位生成一份预填的报告。' : '领导小组办公室尚未开启本年度报告，开启后本单位的报告会出现在这里。'}
            />
          </Card>
        ) : isUnitUser && !manage ? (
          <MyAnnualReport cycleId={cycle.id} />
        ) : (
          <>
            <CycleReports cycle={cycle} manage={manage} onChanged={cycles.reload} />
            <SummaryCard cycleId={cycle.id} stamp={cycle.reports.map((r) => `${r.id}:${r.version}`).join()} manage={manage} onFinalised={cycles.reload} />
          </>
        )}
      </LoadState>
      {manage && planId ? (
        <OpenCycleModal
          planId={planId}
          open={opening}
          onClose={() => setOpening(false)}
          onDone={(c) => {
            setOpening(false);
            const next = new URLSearchParams(params);
            next.set('cycleId', c.id);
            setParams(next);
            cycles.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function MyAnnualReport({ cycleId }: { cycleId: string }) {
  const mine = useLoad(() => api.get('/api/v1/year-end-cycles/{id}/my-report', { params: { path: { id: cycleId } } }), [cycleId]);
  if (isApiError(mine.error) && mine.error.status === 404) {
    return (
      <Card size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本单位不在本年度报告的应报单位之列，无需报送。如有疑问请联系领导小组办公室。" />
      </Card>
    );
  }
  return (
    <LoadState loading={mine.loading && !mine.data} error={mine.error}>
      {mine.data ? <AnnualReportView report={mine.data} onChange={mine.setData} /> : null}
    </LoadState>
  );
}

/** The office's view: every obliged unit, where its report stands, and 采纳 / 退回 on those sent. */
function CycleReports({ cycle, manage, onChanged }: { cycle: Cycle; manage: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState<ReportRef | null>(null);
  const [dropping, setDropping] = useState<ReportRef | null>(null);
  const [adding, setAdding] = useState(false);
  const open = cycle.status === 'open';
  const reports = cycle.reports.filter((r) => !r.droppedAt);
  const sent = reports.filter((r) => r.state === 'submitted' || r.state === 'accepted').length;

  const accept = async (r: ReportRef) => {
    setBusy(r.id);
    setError(undefined);
    try {
      await api.post('/api/v1/annual-reports/{id}/accept', { params: { path: { id: r.id } }, body: { version: r.version } });
      message.success(`已采纳${r.unitName}的年度报告`);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={`${cycle.year} 年度应报单位 ${reports.length} 个，已报送 ${sent} 个`} extra={
        <Space>
          {manage && open ? (
            <Button size="small" onClick={() => setAdding(true)}>
              增加应报单位
            </Button>
          ) : null}
          {cycle.status === 'closed' ? <Tag>本轮已结束</Tag> : <Tag color="processing">进行中</Tag>}
        </Space>
      }
    >
      <ProblemAlert error={error} />
      <Table<ReportRef>
        rowKey="id"
        dataSource={cycle.reports}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '本年度没有应报单位。' }}
        columns={[
          { title: '单位', dataIndex: 'unitName', render: (n: string, r) => <Link to={`/annual-reports/${r.id}`}>{n}</Link> },
          {
            title: '状态',
            width: 170,
            render: (_, r) =>
              r.droppedAt ? (
                <Tag title={r.dropReason ?? ''}>已免报</Tag>
              ) : (
                <Space size={4}>
                  <AnnualStateTag state={r.state} />
                  {r.late ? <Tag color="warning">逾期</Tag> : null}
                </Space>
              ),
          },
          { title: '首次报送', dataIndex: 'firstSubmittedAt', width: 170, render: moment },
          {
            title: '操作',
            width: 210,
            render: (_, r) => (
              <Space>
                {manage && r.state === 'submitted' && !r.droppedAt ? (
                  <>
                    <Button size="small" type="primary" loading={busy === r.id} onClick={() => accept(r)} aria-label={`采纳 ${r.unitName}`}>
                      采纳
                    </Button>
                    <Button size="small" danger onClick={() => setReturning(r)} aria-label={`退回 ${r.unitName}`}>
                      退回
                    </Button>
                  </>
                ) : (
                  <Link to={`/annual-reports/${r.id}`}>查看</Link>
                )}
                {/* An accepted report cannot be dropped (the service refuses): no button for it. */}
                {manage && open && !r.droppedAt && r.state !== 'accepted' ? (
                  <Button size="small" type="link" onClick={() => setDropping(r)} aria-label={`免报 ${r.unitName}`} style={{ paddingInline: 0 }}>
                    免报
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={!!returning}
        title={`退回${returning?.unitName ?? ''}的年度报告`}
        label="退回理由"
        okText="退回"
        onCancel={() => setReturning(null)}
        onSubmit={async (reason) => {
          if (!returning) return;
          await api.post('/api/v1/annual-reports/{id}/return', { params: { path: { id: returning.id } }, body: { version: returning.version, reason } });
          message.success(`已退回${returning.unitName}的年度报告`);
          setReturning(null);
          onChanged();
        }}
      />
      <ReasonModal
        open={!!dropping}
        title={`${dropping?.unitName ?? ''}免报${cycle.year}年度报告`}
        label="免报理由"
        okText="免报"
        intro={<Typography.Paragraph type="secondary">免报后该单位不再需要报送，已填写的内容保留、只读；如需恢复，可再次增加为应报单位。</Typography.Paragraph>}
        onCancel={() => setDropping(null)}
        onSubmit={async (reason) => {
          if (!dropping) return;
          await api.post('/api/v1/year-end-cycles/{id}/units/{unitId}/drop', { params: { path: { id: cycle.id, unitId: dropping.unitId } }, body: { reason } });
          message.success(`${dropping.unitName}已免报`);
          setDropping(null);
          onChanged();
        }}
      />
      {manage ? (
        <AddUnitModal
          cycle={cycle}
          open={adding}
          onClose={() => setAdding(false)}
          onDone={(name) => {
            setAdding(false);
            message.success(`已将${name}增加为应报单位`);
            onChanged();
          }}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        点击单位名称查看报告全文；采纳后报告锁定，如需修改可重新打开。
      </Typography.Paragraph>
    </Card>
  );
}

function OpenCycleModal({ planId, open, onClose, onDone }: { planId: string; open: boolean; onClose: () => void; onDone: (c: Data<'/api/v1/plans/{planId}/year-end-cycles', 'post'>) => void }) {
  const [form] = Form.useForm<{ year: number; dueDate?: dayjs.Dayjs; recipient?: string }>();
  const { message } = App.useApp();
  const { submit, busy, error } = useFormSubmit(form, ['year', 'dueDate', 'recipient'], async (v) => {
    const created = await api.post('/api/v1/plans/{planId}/year-end-cycles', {
      params: { path: { planId } },
      body: { year: v.year, ...(v.dueDate ? { dueDate: v.dueDate.format('YYYY-MM-DD') } : {}), ...(v.recipient?.trim() ? { recipient: v.recipient.trim() } : {}) },
    });
    message.success(`已开启 ${created.year} 年度报告，应报单位 ${created.reports.length} 个`);
    form.resetFields();
    onDone(created);
  });
  return (
    <Modal title="开启年度报告" open={open} onCancel={onClose} onOk={submit} okText="开启" cancelText="取消" confirmLoading={busy}>
      <ProblemAlert error={error} />
      <Form form={form} name="open-cycle" layout="vertical" initialValues={{ year: dayjs().year() }}>
        <Form.Item label="报告年度" name="year" rules={[{ required: true, message: '请填写报告年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="报送截止日期" name="dueDate" extra="不填则为当年 12 月 31 日（每年年底前）。">
          <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="报送对象" name="recipient" extra="不填则为本辖区碳达峰碳中和工作领导小组办公室。">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
