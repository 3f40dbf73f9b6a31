import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, download, type Data } from '../../api/client';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReasonModal } from '../reporting/ReasonModal';
import { appealWindowOpen, AppealStateTag, num, PUBLISHED, RoundStateTag, scorable, ScoreModal, useLast, useSchemeCriteria, type Appeal, type Round, type Sheet } from './shared';

type Outcome = Data<'/api/v1/assessment-rounds/{id}/outcomes', 'get'>[number];
type Version = Data<'/api/v1/assessment-rounds/{id}/versions', 'get'>[number];
type TransitionPath =
  | '/api/v1/assessment-rounds/{id}/start-self-assessment'
  | '/api/v1/assessment-rounds/{id}/start-review'
  | '/api/v1/assessment-rounds/{id}/publish'
  | '/api/v1/assessment-rounds/{id}/open-appeals'
  | '/api/v1/assessment-rounds/{id}/freeze';

/** The one step the office can take from each state, as the round's lifecycle allows it (round.lifecycle.ts). */
const NEXT: Record<string, { label: string; path: TransitionPath; confirm: string; done: string }> = {
  open: { label: '开始自评', path: '/api/v1/assessment-rounds/{id}/start-self-assessment', confirm: '开始自评后，各单位可对评分类指标填写自评。', done: '已开始自评' },
  self_assessment: { label: '开始复核', path: '/api/v1/assessment-rounds/{id}/start-review', confirm: '开始复核后，各单位不能再修改自评。', done: '已开始复核' },
  review: { label: '公布结果', path: '/api/v1/assessment-rounds/{id}/publish', confirm: '公布后，各单位可看到本单位的总分、等次和名次。', done: '考核结果已公布' },
  published: { label: '开始申诉期', path: '/api/v1/assessment-rounds/{id}/open-appeals', confirm: '申诉期内，各单位可对本单位的指标得分提出申诉。', done: '申诉期已开始' },
  appeal: { label: '锁定结果', path: '/api/v1/assessment-rounds/{id}/freeze', confirm: '锁定后结果不可再改，只能以更正生成新版本；不合格单位自动列入整改。', done: '考核结果已锁定' },
};

const OUTCOME_KINDS = [
  { value: 'commendation', label: '表彰奖励' },
  { value: 'praise', label: '通报表扬' },
  { value: 'criticism', label: '通报批评' },
  { value: 'interview', label: '约谈问责' },
  { value: 'rectification', label: '整改' },
] as const;

/** One year's round: where it stands, the step the office can take next, the ranking, appeals, outcomes and versions. */
export default function RoundPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const manage = can('assessment:manage');
  const round = useLoad(() => api.get('/api/v1/assessment-rounds/{id}', { params: { path: { id } } }), [id]);
  const r = round.data;
  // The ranking, appeals and outcomes change with every step: they reload when the round's version moves.
  const sheets = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/sheets', { params: { path: { id } } }), [id, r?.version], !!r);
  const appeals = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/appeals', { params: { path: { id } } }), [id, r?.version], !!r);
  const outcomes = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/outcomes', { params: { path: { id } } }), [id, r?.version], !!r);
  const versions = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/versions', { params: { path: { id } } }), [id, r?.version], !!r);
  const scheme = useSchemeCriteria(r?.planId, r?.year);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [tab, setTab] = useState('ranking');

  if (!r) return <LoadState loading={round.loading} error={round.error} what="年度考核" onRetry={round.reload}>{null}</LoadState>;

  const next = NEXT[r.state];
  const published = PUBLISHED.includes(r.state);
  // The same conditions the service checks (round.lifecycle.ts guards), said before the office tries.
  const windowOpen = appealWindowOpen(r);
  const blocked =
    r.state === 'review' && r.unscoredJudged > 0
      ? `尚有 ${r.unscoredJudged} 项评分类指标未评分，评完后方可公布。`
      : r.state === 'appeal' && r.pendingAppeals > 0
        ? `尚有 ${r.pendingAppeals} 件申诉未处理，处理完毕且申诉期届满后方可锁定。`
        : windowOpen
          ? `申诉期至 ${day(r.appealDeadline)} 结束，届满后方可锁定。`
          : null;

  const step = async () => {
    setBusy(true);
    setError(undefined);
    try {
      round.setData(await api.post(next.path, { params: { path: { id } }, body: { version: r.version } }));
      message.success(next.done);
    } catch (e) {
      setError(e);
      round.reload();
    } finally {
      setBusy(false);
    }
  };
  const refresh = () => {
    round.reload();
    sheets.reload();
    appeals.reload();
  };
  const save = async (url: string, name: string) => {
    setError(undefined);
    try {
      await download(url, name);
    } catch (e) {
      setError(e);
    }
  };

  const ranked = [...(sheets.data ?? [])].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unitName.localeCompare(b.unitName, 'zh'));
  const pending = (appeals.data ?? []).filter((a) => a.status === 'pending').length;

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            <span>{r.year} 年度考核</span>
            <RoundStateTag round={r} />
          </Space>
        }
        sub={
          manage ? (
            <Link to={`/assessment-rounds?planId=${r.planId}`}>{r.planTitle} · 返回考核管理</Link>
          ) : (
            <Link to={`/assessment-results?planId=${r.planId}`}>{r.planTitle} · 返回考核结果</Link>
          )
        }
        extra={
          <>
            <Button onClick={() => save(`/api/v1/assessment-rounds/${id}/export/ranking`, `${r.year}年度考核排名表.xlsx`)}>下载排名表.xlsx</Button>
            {published ? <Button onClick={() => save(`/api/v1/assessment-rounds/${id}/export/bulletin`, `${r.year}年度考核结果通报.docx`)}>下载通报.docx</Button> : null}
          </>
        }
      />
      <ProblemAlert error={error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label="状态">{r.stateName}</Descriptions.Item>
          <Descriptions.Item label="数据截止">{moment(r.cutoff)}</Descriptions.Item>
          <Descriptions.Item label="未评分项">{r.unscoredJudged}</Descriptions.Item>
          <Descriptions.Item label="待处理申诉">{r.pendingAppeals}</Descriptions.Item>
          <Descriptions.Item label="公布">{r.publishedAt ? day(r.publishedAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="申诉截止">{r.appealDeadline ? day(r.appealDeadline) : `开始申诉期后 ${r.appealDays} 天`}</Descriptions.Item>
          <Descriptions.Item label="锁定">{r.frozenAt ? day(r.frozenAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="结果版本">{r.resultVersion ? `第 ${r.resultVersion} 版` : '—'}</Descriptions.Item>
        </Descriptions>
        {manage && next ? (
          <Space wrap style={{ marginTop: 8 }}>
            <Popconfirm title={`确认${next.label}？`} description={next.confirm} okText={next.label} cancelText="取消" onConfirm={step} disabled={!!blocked}>
              {/* One button per step (keyed): reusing the last step's button kept its loading icon, leaving, in the
                  accessible name ("loading 开始申诉期") after the spinner had gone from the screen. */}
              <Button key={r.state} type="primary" loading={busy} disabled={!!blocked}>
                {next.label}
              </Button>
            </Popconfirm>
            {['open', 'self_assessment', 'review'].includes(r.state) ? <Button onClick={() => setAssigning(true)}>指定评估人</Button> : null}
            {blocked ? <Typography.Text type="warning">{blocked}</Typography.Text> : null}
          </Space>
        ) : null}
        {r.state === 'review' && manage ? <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>复核期间可打开单位评分表，对任一指标说明理由后调整得分。</Typography.Paragraph> : null}
        {r.state === 'frozen' && manage ? <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>结果已锁定。确需更正的，在单位评分表中说明理由更正，系统生成新的结果版本。</Typography.Paragraph> : null}
      </Card>

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'ranking',
            label: `排名（${ranked.length}）`,
            children: (
              <LoadState loading={sheets.loading && !sheets.data} error={sheets.error}>
                {!published ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="结果公布前，总分和等次为暂定，随评分和复核变化。" /> : null}
                <Table<Sheet>
                  rowKey="id"
                  size="small"
                  dataSource={ranked}
                  pagination={ranked.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                  scroll={{ x: 640 }}
                  locale={{ emptyText: '本次考核没有被考核单位。' }}
                  columns={[
                    { title: '名次', dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '—' },
                    { title: '单位', dataIndex: 'unitName', render: (n: string, s) => <Link to={`/assessment-rounds/${id}/sheets/${s.unitId}`}>{n}</Link> },
                    { title: '总分', dataIndex: 'total', width: 90, render: num },
                    {
                      title: '等次',
                      width: 180,
                      render: (_, s) => (
                        <Space size={4}>
                          <Tag color={s.vetoed || s.grade === 'fail' ? 'red' : s.grade === 'excellent' ? 'green' : 'blue'}>{s.gradeName ?? '—'}</Tag>
                          {s.vetoed ? <Tag color="red">一票否决</Tag> : null}
                          {s.limitedByShare ? <Tag>优秀比例限制</Tag> : null}
                        </Space>
                      ),
                    },
                    ...s_parts(ranked[0]),
                  ]}
                />
              </LoadState>
            ),
          },
          {
            key: 'appeals',
            label: `申诉（${pending ? `${pending} 件待处理` : (appeals.data?.length ?? 0)}）`,
            children: <Appeals round={r} appeals={appeals.data ?? []} loading={appeals.loading} error={appeals.error} sheets={ranked} manage={manage} scheme={scheme} onChanged={refresh} />,
          },
          {
            key: 'outcomes',
            label: `结果运用（${outcomes.data?.length ?? 0}）`,
            children: <Outcomes round={r} outcomes={outcomes.data ?? []} loading={outcomes.loading} error={outcomes.error} sheets={ranked} manage={manage} onAdded={outcomes.reload} />,
          },
          {
            key: 'versions',
            label: `结果版本（${versions.data?.length ?? 0}）`,
            children: (
              <LoadState loading={versions.loading && !versions.data} error={versions.error} onRetry={versions.reload}>
                <Table<Version>
                  rowKey="number"
                  size="small"
                  pagination={false}
                  dataSource={versions.data ?? []}
                  locale={{ emptyText: '结果锁定时生成第 1 版；此后每次更正生成新版本，旧版本保留。' }}
                  columns={[
                    { title: '版本', dataIndex: 'number', width: 80, render: (n: number) => `第 ${n} 版` },
                    { title: '说明', dataIndex: 'reason' },
                    { title: '生成时间', dataIndex: 'createdAt', width: 170, render: moment },
                    { title: '结果哈希（SHA-256）', dataIndex: 'hash', width: 260, ellipsis: true, render: (h: string) => <Typography.Text code copyable={{ text: h }}>{h.slice(0, 16)}…</Typography.Text> },
                  ]}
                />
              </LoadState>
            ),
          },
        ]}
      />
      {manage ? (
        <AssignModal
          open={assigning}
          roundId={id}
          sheets={ranked}
          onCancel={() => setAssigning(false)}
          onDone={(n) => {
            setAssigning(false);
            message.success(n ? `已指定评估人（新增 ${n} 项）` : '这些单位和指标已指定给该评估人');
          }}
        />
      ) : null}
    </div>
  );
}

/** The parts' scores as extra ranking columns, named by the round's own parts. */
function s_parts(first: Sheet | undefined) {
  return (first?.parts ?? []).map((p, i) => ({ title: p.name, width: 110, render: (_: unknown, s: Sheet) => num(s.parts[i]?.score) }));
}

function Appeals({
  round,
  appeals,
  loading,
  error,
  sheets,
  manage,
  scheme,
  onChanged,
}: {
  round: Round;
  appeals: Appeal[];
  loading: boolean;
  error: unknown;
  sheets: Sheet[];
  manage: boolean;
  scheme: ReturnType<typeof useSchemeCriteria>;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [accepting, setAccepting] = useState<Appeal>();
  const acceptingShown = useLast(accepting);
  const [rejecting, setRejecting] = useState<Appeal>();
  const rejectingShown = useLast(rejecting);
  const criterionOf = (a: Appeal) => sheets.find((s) => s.unitId === a.unitId)?.criteria.find((c) => c.key === a.criterionKey);
  const deciding = round.state === 'appeal' && manage;
  return (
    <LoadState loading={loading && !appeals.length} error={error}>
      <Table<Appeal>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={appeals}
        scroll={{ x: 860 }}
        locale={{ emptyText: round.state === 'appeal' ? `申诉期至 ${day(round.appealDeadline)}，目前没有申诉。` : '没有申诉。公布结果并开始申诉期后，各单位可在申诉期内提出申诉。' }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 120 },
          { title: '指标', dataIndex: 'criterionName', width: 160 },
          { title: '申诉理由', dataIndex: 'reason' },
          { title: '提出时间', dataIndex: 'createdAt', width: 150, render: moment },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <AppealStateTag status={s} /> },
          { title: '处理意见', width: 200, render: (_, a) => (a.decisionReason ? `${a.decidedScore !== null ? `调整为 ${num(a.decidedScore)}；` : ''}${a.decisionReason}` : '—') },
          ...(deciding
            ? [
                {
                  title: '操作',
                  width: 130,
                  render: (_: unknown, a: Appeal) =>
                    a.status === 'pending' ? (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => setAccepting(a)}>
                          采纳
                        </Button>
                        <Button type="link" size="small" danger onClick={() => setRejecting(a)}>
                          驳回
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <ScoreModal
        open={!!accepting}
        title={acceptingShown ? `采纳申诉：${acceptingShown.unitName} · ${acceptingShown.criterionName}` : ''}
        okText="采纳"
        reasonLabel="处理意见"
        veto={acceptingShown ? criterionOf(acceptingShown)?.type === 'veto' : false}
        scheme={acceptingShown ? scheme.get(acceptingShown.criterionKey) : undefined}
        intro={acceptingShown ? <Typography.Paragraph type="secondary">申诉理由：{acceptingShown.reason}。采纳后按调整后的分数重新计分。</Typography.Paragraph> : null}
        onCancel={() => setAccepting(undefined)}
        onSubmit={async (v) => {
          await api.post('/api/v1/assessment-appeals/{id}/accept', { params: { path: { id: accepting!.id } }, body: { version: accepting!.version, score: v.score, triggered: v.triggered, reason: v.reason } });
          setAccepting(undefined);
          message.success('已采纳申诉，得分已调整');
          onChanged();
        }}
      />
      <ReasonModal
        open={!!rejecting}
        title={rejectingShown ? `驳回申诉：${rejectingShown.unitName} · ${rejectingShown.criterionName}` : '驳回申诉'}
        label="驳回理由"
        okText="驳回"
        onCancel={() => setRejecting(undefined)}
        onSubmit={async (reason) => {
          await api.post('/api/v1/assessment-appeals/{id}/reject', { params: { path: { id: rejecting!.id } }, body: { version: rejecting!.version, reason } });
          setRejecting(undefined);
          message.success('已驳回申诉，得分不变');
          onChanged();
        }}
      />
    </LoadState>
  );
}

function Outcomes({ round, outcomes, loading, error, sheets, manage, onAdded }: { round: Round; outcomes: Outcome[]; loading: boolean; error: unknown; sheets: Sheet[]; manage: boolean; onAdded: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId: string; kind: Outcome['kind']; note: string; dueDate?: Dayjs }>();
  const kind = Form.useWatch('kind', form);
  const { submit: add, busy, error: saveError } = useFormSubmit(form, ['unitId', 'kind', 'note', 'dueDate'], async (v) => {
    await api.post('/api/v1/assessment-rounds/{id}/outcomes', {
      params: { path: { id: round.id } },
      body: { unitId: v.unitId, kind: v.kind as never, note: v.note.trim(), dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : undefined },
    });
    message.success('已记录考核结果运用');
    form.resetFields();
    onAdded();
  });
  return (
    <LoadState loading={loading && !outcomes.length} error={error}>
      {manage && round.state === 'frozen' ? (
        <Card size="small" title="记录结果运用" style={{ marginBottom: 12 }}>
          <ProblemAlert error={saveError} />
          <Form form={form} name="assessment-outcome" layout="inline" style={{ rowGap: 8 }}>
            <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} options={sheets.map((s) => ({ value: s.unitId, label: `${s.unitName}（${s.gradeName ?? '—'}）` }))} />
            </Form.Item>
            <Form.Item label="方式" name="kind" rules={[{ required: true, message: '请选择方式' }]}>
              <Select style={{ width: 130 }} options={OUTCOME_KINDS.map((k) => ({ ...k }))} />
            </Form.Item>
            {kind === 'rectification' ? (
              <Form.Item label="整改期限" name="dueDate" rules={[{ required: true, message: '整改须有期限' }]}>
                <DatePicker format="YYYY年M月D日" />
              </Form.Item>
            ) : null}
            <Form.Item label="说明" name="note" rules={[{ required: true, whitespace: true, message: '请填写说明' }, { min: 2, transform: (v?: string) => v?.trim(), message: '至少 2 个字' }]}>
              <Input style={{ width: 280 }} maxLength={2000} />
            </Form.Item>
            <Button type="primary" loading={busy} onClick={add}>
              记录
            </Button>
          </Form>
        </Card>
      ) : null}
      <Table<Outcome>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={outcomes}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={round.state === 'frozen' ? '还没有记录结果运用。' : '结果锁定后，不合格单位自动列入整改；表彰、通报、约谈在锁定后记录。'} /> }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 140 },
          { title: '方式', dataIndex: 'kindName', width: 100, render: (k: string, o) => <Tag color={['commendation', 'praise'].includes(o.kind) ? 'green' : 'red'}>{k}</Tag> },
          { title: '说明', dataIndex: 'note' },
          { title: '整改期限', dataIndex: 'dueDate', width: 120, render: (d: string | null) => (d ? day(d) : '—') },
          { title: '记录时间', dataIndex: 'createdAt', width: 150, render: moment },
        ]}
      />
    </LoadState>
  );
}

/** 指定评估人: which evaluator scores which judged criteria of which units. */
function AssignModal({ open, roundId, sheets, onCancel, onDone }: { open: boolean; roundId: string; sheets: Sheet[]; onCancel: () => void; onDone: (created: number) => void }) {
  const users = useLoad(() => api.get('/api/v1/users'), [], open);
  const [form] = Form.useForm<{ userId: string; unitIds: string[]; criterionKeys: string[] }>();
  const evaluators = (users.data ?? []).filter((u) => u.roles.includes('evaluator'));
  const criteria = (sheets[0]?.criteria ?? []).filter(scorable);
  const { submit, busy, error } = useFormSubmit(form, ['userId', 'unitIds', 'criterionKeys'], async (v) => {
    const res = await api.post('/api/v1/assessment-rounds/{id}/evaluators', { params: { path: { id: roundId } }, body: v });
    form.resetFields();
    onDone(res.created);
  });
  return (
    <Modal open={open} title="指定评估人" okText="指定" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onCancel} forceRender width={640}>
      <ProblemAlert error={error ?? users.error} />
      <Typography.Paragraph type="secondary">评估人只能看到指定给他的单位，只能评指定的评分类指标。</Typography.Paragraph>
      <Form form={form} name="assign-evaluators" layout="vertical">
        <Form.Item label="评估人" name="userId" rules={[{ required: true, message: '请选择评估人' }]} extra={users.data && !evaluators.length ? '还没有评估人账号：请在用户管理中新建角色为「评估人」的账号。' : undefined}>
          <Select loading={users.loading} showSearch={{ optionFilterProp: 'label' }} options={evaluators.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} />
        </Form.Item>
        <Form.Item label="被考核单位" name="unitIds" rules={[{ required: true, message: '请选择单位' }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={sheets.map((s) => ({ value: s.unitId, label: s.unitName }))} maxTagCount="responsive" />
        </Form.Item>
        <Form.Item label="指标" name="criterionKeys" rules={[{ required: true, message: '请选择指标' }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={criteria.map((c) => ({ value: c.key, label: c.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
