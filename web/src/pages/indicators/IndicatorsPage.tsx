import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, download, type Data } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { useUnits } from '../../components/useUnits';
import { ActualsDrawer } from './ActualsDrawer';
import { ImportActualsModal } from './ImportActualsModal';
import { COMPARATOR_NAMES, DIRECTION_NAMES, LINK_STATUS_NAMES, OUTCOME_COLORS, OUTCOME_NAMES, VERIFICATION_NAMES, figure } from './labels';

type Indicator = Data<'/api/v1/plans/{planId}/indicators', 'get'>[number];
type Evaluation = Data<'/api/v1/plans/{planId}/indicator-evaluation', 'get'>[number];
type TargetLink = Data<'/api/v1/plans/{planId}/target-links', 'get'>[number];
type Gap = Data<'/api/v1/plans/{planId}/indicator-cascade', 'get'>[number];

/** The year in Beijing, where the plans' years are counted. */
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/**
 * 指标: a plan's indicator catalogue, the yearly figures units and the office enter against it, and how
 * the plan's numeric targets stand against the verified figures (with the arithmetic). The office keeps
 * the catalogue, links targets to indicators and verifies figures; units enter their own figures.
 */
export default function IndicatorsPage() {
  const { can } = useAuth();
  const { plans, plan, choose } = usePlanChoice();
  const [params, setParams] = useSearchParams();
  const planId = plan?.id;
  const manage = can('year-end:manage');
  const units = useUnits();
  const jurisdictionName = units.data?.find((u) => u.id === plan?.jurisdictionId)?.name;

  const from = plan?.horizonStartYear ?? plan?.horizonEndYear ?? thisYear();
  const to = plan?.horizonEndYear ?? plan?.horizonStartYear ?? thisYear();
  const years = Array.from({ length: Math.max(1, to - from + 1) }, (_, i) => from + i);
  const requested = Number(params.get('year'));
  const year = years.includes(requested) ? requested : Math.min(Math.max(thisYear(), from), to);
  const tab = params.get('tab') ?? 'catalogue';
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const indicators = useLoad(() => api.get('/api/v1/plans/{planId}/indicators', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const evaluation = useLoad(() => api.get('/api/v1/plans/{planId}/indicator-evaluation', { params: { path: { planId: planId! }, query: { year } } }), [planId, year], !!planId);
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [showing, setShowing] = useState<Indicator | null>(null);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<unknown>();

  const table = async () => {
    if (!plan) return;
    setError(undefined);
    try {
      await download(`/api/v1/plans/${plan.id}/documents/indicators.xlsx?year=${year}`, `${year}年目标指标完成情况表.xlsx`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <PageHeader
        title="指标"
        sub="方案的指标目录、各年度实际值及目标完成情况评价。"
        extra={
          <>
            {plans.data && plans.data.length > 1 ? (
              <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
            ) : null}
            <Select aria-label="年度" style={{ width: 110 }} value={year} onChange={(v) => setParam('year', String(v))} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
            {plan ? <Button onClick={table}>下载指标表.xlsx</Button> : null}
            {manage && planId ? <Button onClick={() => setImporting(true)}>导入实际值</Button> : null}
            {manage && planId ? (
              <Button type="primary" onClick={() => setEditing('new')}>
                新增指标
              </Button>
            ) : null}
          </>
        }
      />
      <ProblemAlert error={error ?? plans.error} />
      <LoadState loading={plans.loading} error={null}>
        {!plan ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有可查看的方案。" />
          </Card>
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => setParam('tab', k)}
            items={[
              {
                key: 'catalogue',
                label: '指标目录',
                children: (
                  <Catalogue
                    indicators={indicators.data}
                    loading={indicators.loading}
                    error={indicators.error}
                    manage={manage}
                    onEdit={setEditing}
                    onShow={setShowing}
                  />
                ),
              },
              { key: 'evaluation', label: `${year} 年完成情况`, children: <EvaluationTable year={year} rows={evaluation.data} loading={evaluation.loading} error={evaluation.error} manage={manage} /> },
              { key: 'links', label: '目标关联', children: <TargetLinks planId={plan.id} indicators={indicators.data ?? []} manage={manage} onChanged={evaluation.reload} /> },
              { key: 'cascade', label: '下级方案目标', children: <Cascade planId={plan.id} /> },
            ]}
          />
        )}
      </LoadState>
      {manage && planId ? (
        <IndicatorModal
          planId={planId}
          editing={editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            indicators.reload();
          }}
        />
      ) : null}
      {manage && planId ? (
        <ImportActualsModal
          planId={planId}
          open={importing}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            evaluation.reload();
          }}
        />
      ) : null}
      <ActualsDrawer indicator={showing} jurisdictionName={jurisdictionName} defaultYear={year} onClose={() => setShowing(null)} onChanged={evaluation.reload} />
    </div>
  );
}

function Catalogue({ indicators, loading, error, manage, onEdit, onShow }: { indicators?: Indicator[]; loading: boolean; error: unknown; manage: boolean; onEdit: (i: Indicator) => void; onShow: (i: Indicator) => void }) {
  return (
    <LoadState loading={loading && !indicators} error={error}>
      <Table<Indicator>
        rowKey="id"
        size="small"
        dataSource={indicators ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 720 }}
        locale={{
          emptyText: manage ? '本方案还没有指标。点击右上角「新增指标」建立指标目录，再到「目标关联」中把目标关联到指标。' : '领导小组办公室尚未建立本方案的指标目录。',
        }}
        columns={[
          {
            title: '指标',
            dataIndex: 'name',
            render: (name: string, i) => (
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  onShow(i);
                }}
              >
                {name}
              </a>
            ),
          },
          { title: '同义名称', dataIndex: 'synonyms', render: (s: string[]) => (s.length ? s.join('、') : '—') },
          { title: '计量单位', dataIndex: 'unit', width: 100, render: (u: string | null) => u ?? '—' },
          { title: '方向', dataIndex: 'direction', width: 100, render: (d: string) => DIRECTION_NAMES[d] ?? d },
          {
            title: '操作',
            width: 170,
            render: (_, i) => (
              <Space size={4}>
                <Button size="small" onClick={() => onShow(i)} aria-label={`${i.name} 实际值`}>
                  实际值
                </Button>
                {manage ? (
                  <Button size="small" onClick={() => onEdit(i)} aria-label={`修改 ${i.name}`}>
                    修改
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        点击指标名称查看和填报各年度实际值。
      </Typography.Paragraph>
    </LoadState>
  );
}

function EvaluationTable({ year, rows, loading, error, manage }: { year: number; rows?: Evaluation[]; loading: boolean; error: unknown; manage: boolean }) {
  const counts = { achieved: 0, not_achieved: 0, unknown: 0 } as Record<string, number>;
  for (const r of rows ?? []) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return (
    <LoadState loading={loading && !rows} error={error}>
      {rows?.length ? (
        <Typography.Paragraph data-testid="evaluation-counts">
          共 {rows.length} 个目标：已达成 {counts.achieved} 个，未达成 {counts.not_achieved} 个，暂无法评价 {counts.unknown} 个。
        </Typography.Paragraph>
      ) : null}
      <Table<Evaluation>
        rowKey="targetId"
        size="small"
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 900 }}
        locale={{ emptyText: manage ? '还没有已确认关联指标的目标。到「目标关联」中把方案的数值目标关联到指标后，这里按经核实的实际值评价。' : '还没有已确认关联指标的目标。' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '目标', dataIndex: 'text' },
          { title: '指标', dataIndex: 'indicatorName', width: 150 },
          { title: '目标值', width: 100, render: (_, r) => (r.value === null ? '—' : String(r.value)) },
          {
            title: `${year} 年实际值`,
            width: 120,
            render: (_, r) =>
              r.actual === null ? (
                '—'
              ) : (
                <span>
                  {r.actual}
                  {r.verification ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{VERIFICATION_NAMES[r.verification] ?? r.verification}{r.evaluatedYear !== year ? `（${r.evaluatedYear} 年）` : ''}</div> : null}
                </span>
              ),
          },
          {
            title: '评价',
            width: 250,
            render: (_, r) => (
              <div data-outcome={r.outcome}>
                <Tag color={OUTCOME_COLORS[r.outcome]}>{OUTCOME_NAMES[r.outcome] ?? r.outcome}</Tag>
                <div style={{ fontSize: 12 }}>{r.explanation}</div>
              </div>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        目标按方案所辖地区经核实的实际值评价；未核实或有争议的数值不计入。目标年份早于所选年度的，按目标年份的实际值评价。
      </Typography.Paragraph>
    </LoadState>
  );
}

/** Which indicator each numeric target measures: suggested from the names, confirmed by the office. */
function TargetLinks({ planId, indicators, manage, onChanged }: { planId: string; indicators: Indicator[]; manage: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const links = useLoad(() => api.get('/api/v1/plans/{planId}/target-links', { params: { path: { planId } } }), [planId]);
  const [linking, setLinking] = useState<TargetLink | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [all, setAll] = useState(false);
  const numeric = (links.data ?? []).filter((t) => t.comparator !== 'milestone');
  const shown = all ? numeric : numeric.filter((t) => t.indicatorId);

  const suggest = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const rows = await api.post('/api/v1/plans/{planId}/indicators/suggest-links', { params: { path: { planId } } });
      links.setData(rows);
      const pending = rows.filter((r) => r.linkStatus === 'suggested').length;
      message.success(pending ? `有 ${pending} 个目标建议关联指标，请逐一确认` : '没有可按名称建议关联的目标');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <LoadState loading={links.loading && !links.data} error={links.error}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={all ? 'all' : 'linked'}
          onChange={(e) => setAll(e.target.value === 'all')}
          optionType="button"
          options={[
            { value: 'linked', label: `已关联（${numeric.filter((t) => t.indicatorId).length}）` },
            { value: 'all', label: `全部数值目标（${numeric.length}）` },
          ]}
        />
        {manage ? (
          <Button onClick={suggest} loading={busy} disabled={!indicators.length}>
            按名称建议关联
          </Button>
        ) : null}
      </Space>
      <ProblemAlert error={error} />
      <Table<TargetLink>
        rowKey="targetId"
        size="small"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 820 }}
        locale={{
          emptyText: all
            ? '本方案没有数值目标。'
            : manage
              ? indicators.length
                ? '还没有关联指标的目标。点击「按名称建议关联」，或切换到「全部数值目标」逐个关联。'
                : '请先在「指标目录」中新增指标，再关联目标。'
              : '领导小组办公室尚未把目标关联到指标。',
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '目标', dataIndex: 'text' },
          { title: '类型', dataIndex: 'comparator', width: 120, render: (c: string) => COMPARATOR_NAMES[c] ?? c },
          { title: '年份', dataIndex: 'year', width: 70, render: (y: number | null) => y ?? '—' },
          {
            title: '指标',
            width: 200,
            render: (_, t) =>
              t.indicatorName ? (
                <span>
                  {t.indicatorName} <Tag color={t.linkStatus === 'confirmed' ? 'success' : 'warning'}>{LINK_STATUS_NAMES[t.linkStatus ?? ''] ?? t.linkStatus}</Tag>
                  {t.assignedValue !== null ? <div style={{ fontSize: 12 }}>下达值 {figure(t.assignedValue, t.unit)}</div> : null}
                  {t.baselineValue !== null ? <div style={{ fontSize: 12 }}>基数 {figure(t.baselineValue, t.unit)}</div> : null}
                </span>
              ) : (
                <Typography.Text type="secondary">未关联</Typography.Text>
              ),
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  width: 90,
                  render: (_: unknown, t: TargetLink) => (
                    <Button size="small" type={t.linkStatus === 'suggested' ? 'primary' : 'default'} onClick={() => setLinking(t)} disabled={!indicators.length} aria-label={`关联 ${t.text}`}>
                      {t.linkStatus === 'suggested' ? '确认' : t.indicatorId ? '修改' : '关联'}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage ? (
        <LinkModal
          target={linking}
          indicators={indicators}
          onClose={() => setLinking(null)}
          onDone={(row) => {
            links.setData((links.data ?? []).map((t) => (t.targetId === row.targetId ? row : t)));
            setLinking(null);
            onChanged();
          }}
        />
      ) : null}
    </LoadState>
  );
}

function LinkModal({ target, indicators, onClose, onDone }: { target: TargetLink | null; indicators: Indicator[]; onClose: () => void; onDone: (t: TargetLink) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ indicatorId: string; assignedValue?: number; baselineValue?: number }>();
  const { submit, busy, error, clearError } = useFormSubmit(form, ['indicatorId', 'assignedValue', 'baselineValue'], async (v) => {
    if (!target) return;
    const row = await api.put('/api/v1/targets/{targetId}/indicator-link', {
      params: { path: { targetId: target.targetId } },
      body: { indicatorId: v.indicatorId, ...(v.assignedValue != null ? { assignedValue: v.assignedValue } : {}), ...(v.baselineValue != null ? { baselineValue: v.baselineValue } : {}) },
    });
    message.success(`已确认：${row.indicatorName}`);
    onDone(row);
  });
  return (
    <Modal
      title="确认目标关联的指标"
      open={!!target}
      onCancel={() => {
        clearError();
        onClose();
      }}
      onOk={submit}
      okText="确认关联"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {target ? (
        <>
          <Typography.Paragraph>
            {target.seq} · {target.text}
          </Typography.Paragraph>
          <ProblemAlert error={error} />
          <Form
            form={form}
            name="target-link"
            layout="vertical"
            preserve={false}
            initialValues={{ indicatorId: target.indicatorId ?? undefined, assignedValue: target.assignedValue ?? undefined, baselineValue: target.baselineValue ?? undefined }}
          >
            <Form.Item label="指标" name="indicatorId" rules={[{ required: true, message: '请选择指标' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={indicators.map((i) => ({ value: i.id, label: i.name }))} placeholder="选择指标" />
            </Form.Item>
            {target.comparator === 'assigned' ? (
              <Form.Item label="上级下达的目标值" name="assignedValue" extra="「完成上级下达目标」类目标按此值评价。">
                <InputNumber precision={4} style={{ width: '100%' }} />
              </Form.Item>
            ) : null}
            {target.comparator === 'reduce_by' || target.comparator === 'increase_by' ? (
              <Form.Item label={`${target.baselineYear ?? '基准'} 年基数`} name="baselineValue" extra="该年没有经核实的实际值时，按此基数计算降幅或增幅。">
                <InputNumber precision={4} style={{ width: '100%' }} />
              </Form.Item>
            ) : null}
          </Form>
        </>
      ) : null}
    </Modal>
  );
}

function Cascade({ planId }: { planId: string }) {
  const gaps = useLoad(() => api.get('/api/v1/plans/{planId}/indicator-cascade', { params: { path: { planId } } }), [planId]);
  return (
    <LoadState loading={gaps.loading && !gaps.data} error={gaps.error}>
      <Table<Gap>
        rowKey={(g) => `${g.childPlanId}-${g.indicatorName}-${g.childTarget}-${g.parentTarget}`}
        size="small"
        dataSource={gaps.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 820 }}
        locale={{ emptyText: '没有发现下级方案目标低于本方案同一指标目标的情况。' }}
        columns={[
          { title: '指标', dataIndex: 'indicatorName', width: 150 },
          { title: '下级方案', dataIndex: 'childPlanTitle', width: 200 },
          { title: '下级方案目标', dataIndex: 'childTarget' },
          { title: '本方案目标', dataIndex: 'parentTarget' },
          { title: '差距', dataIndex: 'explanation', width: 220 },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        比较已确认关联同一指标（按名称或同义名称）、同一类型和同一年份的目标。
      </Typography.Paragraph>
    </LoadState>
  );
}

interface IndicatorValues {
  name: string;
  synonyms?: string[];
  unit?: string;
  direction: 'higher' | 'lower';
}

function IndicatorModal({ planId, editing, onClose, onDone }: { planId: string; editing: Indicator | 'new' | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<IndicatorValues>();
  const current = editing && editing !== 'new' ? editing : null;
  const { submit, busy, error, clearError } = useFormSubmit(form, ['name', 'synonyms', 'unit', 'direction'], async (v) => {
    const synonyms = (v.synonyms ?? []).map((s) => s.trim()).filter(Boolean);
    if (current) {
      await api.patch('/api/v1/indicators/{id}', { params: { path: { id: current.id } }, body: { synonyms, unit: v.unit?.trim() ?? '', direction: v.direction } });
      message.success(`已修改指标「${current.name}」`);
    } else {
      const created = await api.post('/api/v1/plans/{planId}/indicators', {
        params: { path: { planId } },
        body: { name: v.name.trim(), synonyms, direction: v.direction, ...(v.unit?.trim() ? { unit: v.unit.trim() } : {}) },
      });
      message.success(`已新增指标「${created.name}」`);
    }
    onDone();
  });
  return (
    <Modal
      title={current ? `修改指标「${current.name}」` : '新增指标'}
      open={!!editing}
      onCancel={() => {
        clearError();
        onClose();
      }}
      onOk={submit}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form
        form={form}
        name="indicator"
        layout="vertical"
        preserve={false}
        initialValues={current ? { name: current.name, synonyms: current.synonyms, unit: current.unit ?? undefined, direction: current.direction as 'higher' | 'lower' } : { direction: 'higher', synonyms: [] }}
      >
        <Form.Item label="指标名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { min: 2, transform: (v?: string) => v?.trim(), message: '至少 2 个字' }]} extra={current ? '名称是方案和文书中的叫法，不能修改。' : '与方案中目标的写法一致，便于按名称建议关联。'}>
          <Input maxLength={100} disabled={!!current} />
        </Form.Item>
        <Form.Item label="同义名称" name="synonyms" extra="方案中的其他写法，输入后按回车添加。">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['，', ',', '、']} placeholder="如：新能源发电装机规模" aria-label="同义名称" />
        </Form.Item>
        <Form.Item label="计量单位" name="unit">
          <Input maxLength={30} placeholder="如：万千瓦、%、万吨标准煤" />
        </Form.Item>
        <Form.Item label="方向" name="direction" rules={[{ required: true, message: '请选择方向' }]}>
          <Radio.Group
            options={[
              { value: 'higher', label: '越大越好（装机、占比）' },
              { value: 'lower', label: '越小越好（能耗、排放）' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
