import { App, Button, Card, Descriptions, Drawer, Empty, Form, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Data } from '../../api/client';
import { day } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useAuth } from '../../app/auth';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { num, rangeText, RoundStateTag, TYPE_NAMES, type Round, type Scheme, type SchemeCriterion } from './shared';

type SchemeRow = Data<'/api/v1/plans/{planId}/assessment-schemes', 'get'>[number];

/**
 * 考核管理: the office's rounds of a plan, one per year, each opened from that year's scheme. The same screen
 * is 考核结果 for leaders and evaluators: the rounds, their progress and results, without the write buttons.
 */
export default function RoundsPage() {
  const manage = useAuth().can('assessment:manage');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { plans, plan, choose } = usePlanChoice();
  const planId = plan?.id;
  const rounds = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-rounds', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const schemes = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-schemes', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const [opening, setOpening] = useState(false);
  const [viewing, setViewing] = useState<SchemeRow>();
  const [error, setError] = useState<unknown>();
  const [copying, setCopying] = useState(false);

  const taken = new Set((rounds.data ?? []).map((r) => r.year));
  const openable = (schemes.data ?? []).filter((s) => !taken.has(s.year)).sort((a, b) => b.year - a.year);
  const latest = [...(schemes.data ?? [])].sort((a, b) => b.year - a.year)[0];

  const copyForward = async () => {
    if (!latest || !planId) return;
    setCopying(true);
    setError(undefined);
    try {
      await api.post('/api/v1/plans/{planId}/assessment-schemes/copy', { params: { path: { planId } }, body: { fromYear: latest.year, toYear: latest.year + 1 } });
      message.success(`已复制为 ${latest.year + 1} 年度考核方案`);
      schemes.reload();
    } catch (e) {
      setError(e);
    } finally {
      setCopying(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={manage ? '考核管理' : '考核结果'}
        sub={manage ? '按年度考核方案开启考核，组织自评、评分、复核、公布、申诉和锁定。' : '各年度考核的进度、排名、申诉和结果运用；点年度查看。'}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} /> : null}
            {manage ? (
              <Button type="primary" disabled={!openable.length} title={openable.length ? undefined : '每个年度的考核方案只能开启一次考核；请先制定新年度的方案'} onClick={() => setOpening(true)}>
                开启考核
              </Button>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={error ?? plans.error} />
      <LoadState loading={plans.loading || rounds.loading} error={rounds.error} onRetry={rounds.reload}>
        <Card size="small" title="年度考核" style={{ marginBottom: 16 }}>
          <Table<Round>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...(rounds.data ?? [])].sort((a, b) => b.year - a.year)}
            scroll={{ x: 720 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    !manage
                      ? '还没有开启考核。领导小组办公室开启后，各年度的进度和结果会出现在这里。'
                      : openable.length
                        ? '还没有开启考核。点「开启考核」，按年度方案为各责任单位自动计分。'
                        : '还没有开启考核。请先制定（或复制）当年的考核方案，再开启考核。'
                  }
                />
              ),
            }}
            columns={[
              { title: '年度', dataIndex: 'year', width: 110, render: (y: number, r) => <Link to={`/assessment-rounds/${r.id}`}>{y} 年度考核</Link> },
              { title: '状态', width: 100, render: (_, r) => <RoundStateTag round={r} /> },
              { title: '公布日期', dataIndex: 'publishedAt', width: 120, render: (v: string | null) => (v ? day(v) : '—') },
              { title: '申诉截止', dataIndex: 'appealDeadline', width: 120, render: (v: string | null) => (v ? day(v) : '—') },
              { title: '未评分项', dataIndex: 'unscoredJudged', width: 100, render: (n: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : 0) },
              { title: '待处理申诉', dataIndex: 'pendingAppeals', width: 110, render: (n: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : 0) },
              { title: '结果版本', dataIndex: 'resultVersion', width: 90, render: (n: number) => (n ? `第 ${n} 版` : '—') },
            ]}
          />
        </Card>
        <Card
          size="small"
          title="考核方案"
          extra={
            !manage ? null : latest ? (
              <Button size="small" loading={copying} onClick={copyForward} disabled={(schemes.data ?? []).some((s) => s.year === latest.year + 1)}>
                复制为 {latest.year + 1} 年度方案
              </Button>
            ) : planId && schemes.data ? (
              <Button size="small" onClick={() => navigate(`/assessment-schemes/new?plan=${planId}&year=${new Date().getFullYear()}`)}>
                制定 {new Date().getFullYear()} 年度方案
              </Button>
            ) : null
          }
        >
          <LoadState loading={schemes.loading} error={schemes.error}>
            <Table<SchemeRow>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={[...(schemes.data ?? [])].sort((a, b) => b.year - a.year)}
              locale={{ emptyText: manage ? '还没有考核方案。点右上角「制定年度方案」，设定评分部分、指标和等次。' : '还没有考核方案。' }}
              columns={[
                { title: '年度', dataIndex: 'year', width: 80 },
                { title: '方案名称', dataIndex: 'name' },
                { title: '指标数', width: 80, render: (_, s) => s.criteria.length },
                { title: '考核', width: 100, render: (_, s) => (taken.has(s.year) ? <Tag color="blue">已开启</Tag> : <Tag>未开启</Tag>) },
                {
                  title: '操作',
                  width: 150,
                  render: (_, s) => (
                    <>
                      <Button type="link" size="small" onClick={() => setViewing(s)}>
                        查看
                      </Button>
                      {manage ? (
                        <Button type="link" size="small" aria-label={`编辑 ${s.year} 年度方案`} onClick={() => navigate(`/assessment-schemes/${s.id}`)}>
                          编辑方案
                        </Button>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          </LoadState>
        </Card>
      </LoadState>
      {planId ? (
        <OpenRoundModal
          open={opening}
          planId={planId}
          schemes={openable}
          onCancel={() => setOpening(false)}
          onOpened={(r) => {
            setOpening(false);
            message.success(`已开启 ${r.year} 年度考核，各单位已自动计分`);
            navigate(`/assessment-rounds/${r.id}`);
          }}
        />
      ) : null}
      <Drawer open={!!viewing} size={760} title={viewing ? `${viewing.year} 年度 · ${viewing.name}` : ''} onClose={() => setViewing(undefined)}>
        {viewing ? <SchemeView scheme={viewing} /> : null}
      </Drawer>
    </div>
  );
}

function OpenRoundModal({ open, planId, schemes, onCancel, onOpened }: { open: boolean; planId: string; schemes: SchemeRow[]; onCancel: () => void; onOpened: (r: Round) => void }) {
  const [form] = Form.useForm<{ year: number }>();
  // The latest year without a round is the likely choice; the schemes may have loaded after the form mounted.
  useEffect(() => {
    if (open) form.setFieldsValue({ year: schemes[0]?.year });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const { submit, busy, error } = useFormSubmit(form, ['year'], async (values) => {
    onOpened(await api.post('/api/v1/plans/{planId}/assessment-rounds', { params: { path: { planId } }, body: { year: values.year } }));
    form.resetFields();
  });
  return (
    <Modal open={open} title="开启考核" okText="开启" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onCancel} forceRender>
      <ProblemAlert error={error} />
      <Typography.Paragraph type="secondary">开启后按所选年度的考核方案为每个责任单位自动计算各项指标，每一分都可追溯到报告和事项。方案随之复制到本次考核，之后修改方案不影响本次考核。</Typography.Paragraph>
      <Form form={form} name="open-round" layout="vertical">
        <Form.Item label="考核年度" name="year" rules={[{ required: true, message: '请选择考核年度' }]}>
          <Select options={schemes.map((s) => ({ value: s.year, label: `${s.year} 年度 · ${s.name}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A scheme read-only: parts and weights, each criterion with how it is scored, and the grade bands. */
export function SchemeView({ scheme }: { scheme: Scheme }) {
  const partName = new Map(scheme.parts.map((p) => [p.key, p.name]));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="基础分">{num(scheme.baseScore)}</Descriptions.Item>
        <Descriptions.Item label="总分上限">{num(scheme.totalCap)}</Descriptions.Item>
        <Descriptions.Item label="等次">
          优秀 ≥{num(scheme.bands.excellent)}，良好 ≥{num(scheme.bands.good)}，合格 ≥{num(scheme.bands.pass)}
        </Descriptions.Item>
        <Descriptions.Item label="优秀比例上限">{scheme.excellentMaxShare === null ? '不限' : `${Math.round(scheme.excellentMaxShare * 100)}%`}</Descriptions.Item>
        <Descriptions.Item label="申诉期">{scheme.appealDays} 天</Descriptions.Item>
        <Descriptions.Item label="各部分">{scheme.parts.map((p) => `${p.name} ${num(p.weight)}%`).join('；')}</Descriptions.Item>
      </Descriptions>
      <Table<SchemeCriterion>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={scheme.criteria}
        scroll={{ x: 640 }}
        columns={[
          { title: '部分', width: 110, render: (_, c) => partName.get(c.partKey) ?? c.partKey },
          { title: '指标', dataIndex: 'name', width: 170 },
          { title: '类型', dataIndex: 'type', width: 60, render: (t: string) => TYPE_NAMES[t] ?? t },
          {
            title: '计分方法',
            render: (_, c) => {
              const formula = (c as { formula?: string }).formula;
              const caps = [c.capMin !== null && c.capMin !== undefined ? `下限 ${num(c.capMin)}` : null, c.capMax !== null && c.capMax !== undefined ? `上限 ${num(c.capMax)}` : null].filter(Boolean).join('，');
              // The service's formula already states the caps; they are spelled out only where there is none.
              return [formula ?? (c.type === 'judged' ? `评分：${rangeText(c)}` : null), c.description, formula ? null : caps].filter(Boolean).join('；') || '—';
            },
          },
        ]}
      />
    </Space>
  );
}
