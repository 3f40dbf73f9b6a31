import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type Data } from '../../api/client';
import { fieldMessage, isApiError } from '../../api/problem';
import { namePath } from '../../app/formErrors';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { type Scheme } from './shared';

type Kind = Data<'/api/v1/assessment-criterion-kinds', 'get'>[number];
type Body = Data<'/api/v1/assessment-schemes/{id}', 'get'>;

interface PartValues {
  key: string;
  name?: string;
  weight?: number;
  capMin?: number | null;
  capMax?: number | null;
}
interface CriterionValues {
  key: string;
  partKey?: string;
  name?: string;
  description?: string;
  type?: 'computed' | 'judged' | 'veto';
  basis?: string;
  kind?: string | null;
  params?: { points?: number | null; lead?: number | null; supporting?: number | null; threshold?: number | null };
  rangeMin?: number | null;
  rangeMax?: number | null;
  capMin?: number | null;
  capMax?: number | null;
}
interface Values {
  name: string;
  baseScore: number;
  totalCap: number;
  appealDays: number;
  /** Shown as a percentage; the service keeps a share between 0 and 1. */
  excellentShare: number | null;
  parts: PartValues[];
  criteria: CriterionValues[];
  bands: { excellent: number; good: number; pass: number };
}

const TYPE_OPTIONS = [
  { value: 'computed', label: '数据计算' },
  { value: 'judged', label: '评分' },
  { value: 'veto', label: '一票否决' },
];

// The last four are what the 2024 rules against formalism forbid: listed (disabled) so the rule is in sight
// when the basis is chosen; the service refuses them, and words giving them away in a name, with the rule.
const BASIS_OPTIONS = [
  {
    label: '评价依据',
    options: [
      { value: 'system_data', label: '系统数据' },
      { value: 'work_quality', label: '工作质量' },
      { value: 'innovation', label: '创新举措' },
      { value: 'target', label: '目标完成' },
      { value: 'other', label: '其他' },
    ],
  },
  {
    label: '不得作为依据（整治形式主义为基层减负若干规定，2024年）',
    options: [
      { value: 'leader_instruction', label: '领导批示', disabled: true },
      { value: 'publicity', label: '宣传报道', disabled: true },
      { value: 'photos_traces', label: '图片、影像等留痕材料', disabled: true },
      { value: 'forms_count', label: '填报表格数量', disabled: true },
    ],
  },
];

const FIELDS = ['name', 'baseScore', 'totalCap', 'appealDays', 'excellentShare', 'parts', 'criteria', 'bands'];
/** Errors about a whole list or group, shown at its section rather than at one field. */
const SECTIONS = ['parts', 'criteria', 'bands'];
const SECTION_NAMES: Record<string, string> = { parts: '评分部分', criteria: '评分指标', bands: '等次分数线' };

/** A key the service accepts, not yet taken: new rows get one from their position, existing rows keep theirs. */
function freshKey(prefix: string, position: number, taken: (string | undefined)[]): string {
  let n = position;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function toValues(s: Scheme): Values {
  return {
    name: s.name,
    baseScore: s.baseScore,
    totalCap: s.totalCap,
    appealDays: s.appealDays,
    excellentShare: s.excellentMaxShare === null ? null : Math.round(s.excellentMaxShare * 10000) / 100,
    parts: s.parts.map((p) => ({ key: p.key, name: p.name, weight: p.weight, capMin: p.capMin ?? null, capMax: p.capMax ?? null })),
    criteria: s.criteria.map((c) => ({
      key: c.key,
      partKey: c.partKey,
      name: c.name,
      description: c.description ?? '',
      type: c.type,
      basis: c.basis,
      kind: c.kind ?? null,
      params: { ...(c.params ?? {}) },
      rangeMin: c.rangeMin ?? null,
      rangeMax: c.rangeMax ?? null,
      capMin: c.capMin ?? null,
      capMax: c.capMax ?? null,
    })),
    bands: { ...s.bands },
  };
}

const NEW_SCHEME = (year: number): Values => ({
  name: `${year}年度碳达峰工作考核方案`,
  baseScore: 100,
  totalCap: 100,
  appealDays: 10,
  excellentShare: 30,
  parts: [{ key: 'part1', name: '重点任务推进', weight: 100 }],
  criteria: [],
  bands: { excellent: 90, good: 80, pass: 60 },
});

const given = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** The form's values as the service's body: only the fields each type of criterion has. */
function toBody(v: Values, kinds: Kind[]) {
  const measure = new Map(kinds.map((k) => [k.kind, k.measure]));
  return {
    name: v.name?.trim(),
    baseScore: v.baseScore,
    totalCap: v.totalCap,
    appealDays: v.appealDays,
    excellentMaxShare: given(v.excellentShare) ? Math.round(v.excellentShare * 100) / 10000 : null,
    bands: v.bands,
    parts: (v.parts ?? []).map((p) => ({ key: p.key, name: p.name?.trim() ?? '', weight: p.weight as number, capMin: p.capMin ?? null, capMax: p.capMax ?? null })),
    criteria: (v.criteria ?? []).map((c) => {
      const base = { key: c.key, partKey: c.partKey ?? '', name: c.name?.trim() ?? '', description: c.description?.trim() ?? '', type: c.type!, basis: c.basis!, capMin: c.capMin ?? null, capMax: c.capMax ?? null };
      if (c.type === 'judged') return { ...base, ...(given(c.rangeMin) ? { rangeMin: c.rangeMin } : {}), ...(given(c.rangeMax) ? { rangeMax: c.rangeMax } : {}) };
      if (!c.kind) return base;
      const p = c.params ?? {};
      const params =
        c.type === 'veto' ? { threshold: p.threshold } : measure.get(c.kind) === 'rate' ? { points: p.points } : { lead: p.lead, supporting: p.supporting };
      return { ...base, kind: c.kind, params: Object.fromEntries(Object.entries(params).filter(([, x]) => given(x))) };
    }),
  };
}

/** 编辑考核方案: the office changes a year's scheme (or drafts one for a year that has none). */
export default function SchemeEditPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const creating = id === 'new';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const scheme = useLoad(() => api.get('/api/v1/assessment-schemes/{id}', { params: { path: { id: id! } } }), [id], !creating);
  const planId = creating ? (search.get('plan') ?? undefined) : scheme.data?.planId;
  const year = creating ? Number(search.get('year')) : scheme.data?.year;
  const kinds = useLoad(() => api.get('/api/v1/assessment-criterion-kinds', { params: { query: { planId: planId!, year: year! } } }), [planId, year], !!planId && !!year);
  const rounds = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-rounds', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const [error, setError] = useState<unknown>();
  const [sections, setSections] = useState<Record<string, string[]>>({});
  /** Criteria the service refused under the formalism rules, by position, with the rule's words. */
  const [refused, setRefused] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (creating && year) form.setFieldsValue(NEW_SCHEME(year));
    else if (scheme.data) form.setFieldsValue(toValues(scheme.data));
  }, [creating, year, scheme.data, form]);

  const parts = (Form.useWatch('parts', form) ?? []) as PartValues[];
  const total = Math.round(parts.reduce((s, p) => s + (p?.weight ?? 0), 0) * 100) / 100;
  const roundOpen = (rounds.data ?? []).some((r) => r.year === year);

  const showErrors = (e: unknown) => {
    const bySection: Record<string, string[]> = {};
    const banned: Record<number, string> = {};
    if (isApiError(e)) {
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const f of e.fieldErrors) {
        if (!f.field) continue;
        const text = fieldMessage(f.message);
        const name = namePath(f.field === 'excellentMaxShare' ? 'excellentShare' : f.field);
        if (!FIELDS.includes(String(name[0]))) continue;
        // The DTO's list checks say only "至少 1 项": name the list they are about.
        if (name.length === 1 && SECTIONS.includes(String(name[0]))) (bySection[name[0]] ??= []).push(/^(至少|最多)/.test(text) ? `${SECTION_NAMES[name[0] as string]}${text}` : text);
        else fields.push({ name, errors: [text] });
        if (e.code === 'ASSESSMENT.FORMALISM' && name[0] === 'criteria' && typeof name[1] === 'number') banned[name[1]] = text;
      }
      if (fields.length) {
        form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
        // The save button is at the top, a refused criterion may be far below: bring the first one into view.
        form.scrollToField(fields[0].name as never, { block: 'center' });
      }
    }
    setSections(bySection);
    setRefused(banned);
  };

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !planId) return;
    setSaving(true);
    setError(undefined);
    setSections({});
    setRefused({});
    try {
      const body = toBody(values, kinds.data ?? []) as unknown as Body;
      if (creating) {
        const made = await api.post('/api/v1/plans/{planId}/assessment-schemes', { params: { path: { planId } }, body: { ...body, year: year! } as never });
        message.success(`已制定 ${year} 年度考核方案`);
        navigate(`/assessment-schemes/${made.id}`, { replace: true });
      } else {
        const saved = await api.put('/api/v1/assessment-schemes/{id}', { params: { path: { id: id! } }, body: { ...body, rowVersion: scheme.data!.rowVersion } as never });
        scheme.setData(saved);
        message.success(roundOpen ? `已保存。${year} 年度考核已开启，仍使用开启时的方案副本；本次修改不影响它` : '已保存考核方案。开启考核时将使用此方案');
      }
    } catch (e) {
      setError(e);
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };

  const title = creating ? `制定 ${year || ''} 年度考核方案` : scheme.data ? `编辑 ${scheme.data.year} 年度考核方案` : '编辑考核方案';
  return (
    <div>
      <PageHeader
        title={title}
        sub="修改只影响之后开启的考核：已开启的考核使用开启时的方案副本。"
        extra={
          <>
            <Button onClick={() => navigate('/assessment-rounds')}>返回考核管理</Button>
            <Button type="primary" loading={saving} onClick={save} disabled={!creating && !scheme.data}>
              保存方案
            </Button>
          </>
        }
      />
      <LoadState loading={!creating && scheme.loading} error={scheme.error} what="考核方案" onRetry={scheme.reload}>
        {creating && (!planId || !year) ? (
          <Empty description={<Link to="/assessment-rounds">请从考核管理进入，选择要制定方案的年度</Link>} />
        ) : (
          <>
            {roundOpen ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={`${year} 年度考核已开启：已开启的考核使用开启时的方案副本，在这里的修改不影响它的计分，只用于之后重新制定或复制方案。`}
              />
            ) : null}
            {/* Errors about one part or criterion are shown at it; the alert keeps the summary and the rest. */}
            <ProblemAlert error={error} skipFields={isApiError(error) ? error.fieldErrors.map((f) => f.field ?? '').filter((f) => /^(parts|criteria)\[/.test(f)) : []} />
            {isApiError(error) && error.code === 'STALE_VERSION' ? (
              <Button style={{ marginBottom: 16 }} onClick={() => (setError(undefined), scheme.reload())}>
                载入他人修改后的方案（放弃本页修改）
              </Button>
            ) : null}
            <Form form={form} name="scheme" layout="vertical" onValuesChange={(changed) => changed.criteria && setRefused((r) => (Object.keys(r).length ? {} : r))}>
              <Card size="small" title="基本" style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item label="方案名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }]}>
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item label="基础分" name="baseScore" rules={[{ required: true, message: '请填写基础分' }]}>
                      <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item label="总分上限" name="totalCap" rules={[{ required: true, message: '请填写总分上限' }]}>
                      <InputNumber min={1} max={1000} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item label="申诉期（天）" name="appealDays" rules={[{ required: true, message: '请填写申诉期' }]}>
                      <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item label="优秀比例上限（%）" name="excellentShare" tooltip="空为不限">
                      <InputNumber min={0} max={100} style={{ width: '100%' }} placeholder="不限" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>

              <Card
                size="small"
                title="评分部分"
                style={{ marginBottom: 16 }}
                extra={
                  <Typography.Text data-testid="weight-total" type={total === 100 ? 'success' : 'danger'}>
                    权重合计 {total}%{total === 100 ? '' : '（须为 100%）'}
                  </Typography.Text>
                }
              >
                <SectionErrors errors={sections.parts} />
                <Form.List name="parts">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Row key={f.key} gutter={12} align="top" role="group" aria-label={`评分部分 ${i + 1}`}>
                          <Form.Item name={[f.name, 'key']} hidden>
                            <Input />
                          </Form.Item>
                          <Col xs={24} md={9}>
                            <Form.Item label={i === 0 ? '部分名称' : undefined} name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写部分名称' }]}>
                              <Input aria-label={`第 ${i + 1} 部分名称`} maxLength={60} />
                            </Form.Item>
                          </Col>
                          <Col xs={8} md={4}>
                            <Form.Item label={i === 0 ? '权重（%）' : undefined} name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                              <InputNumber aria-label={`第 ${i + 1} 部分权重`} min={0} max={100} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={8} md={4}>
                            <Form.Item label={i === 0 ? '得分下限' : undefined} name={[f.name, 'capMin']}>
                              <InputNumber aria-label={`第 ${i + 1} 部分得分下限`} placeholder="默认 0" style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={8} md={4}>
                            <Form.Item label={i === 0 ? '得分上限' : undefined} name={[f.name, 'capMax']}>
                              <InputNumber aria-label={`第 ${i + 1} 部分得分上限`} placeholder="默认总分上限" style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={3}>
                            <Form.Item label={i === 0 ? ' ' : undefined}>
                              <Button danger type="link" disabled={fields.length <= 1} onClick={() => (remove(f.name), setRefused({}))}>
                                删除
                              </Button>
                            </Form.Item>
                          </Col>
                        </Row>
                      ))}
                      <Button
                        onClick={() => {
                          const taken = (form.getFieldValue('parts') as PartValues[]).map((p) => p?.key);
                          add({ key: freshKey('part', fields.length + 1, taken), name: '', weight: 0 });
                        }}
                      >
                        添加评分部分
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>

              <Card size="small" title="评分指标" style={{ marginBottom: 16 }}>
                <SectionErrors errors={sections.criteria} />
                <Form.List name="criteria">
                  {(fields, { add, remove }) => (
                    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                      {fields.length ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有评分指标。点「添加评分指标」，至少须有一项计分指标。" />}
                      {fields.map((f, i) => (
                        <CriterionCard
                          key={f.key}
                          form={form}
                          index={f.name}
                          position={i}
                          parts={parts}
                          kinds={kinds.data ?? []}
                          refusal={refused[f.name]}
                          onRemove={() => (remove(f.name), setRefused({}))}
                        />
                      ))}
                      <Button
                        onClick={() => {
                          const taken = (form.getFieldValue('criteria') as CriterionValues[]).map((c) => c?.key);
                          add({ key: freshKey('c', fields.length + 1, taken), partKey: parts[0]?.key, name: '', description: '', type: 'judged', basis: 'work_quality', params: {} });
                        }}
                      >
                        添加评分指标
                      </Button>
                    </Space>
                  )}
                </Form.List>
              </Card>

              <Card size="small" title="等级" style={{ marginBottom: 16 }}>
                <SectionErrors errors={sections.bands} />
                <Row gutter={16}>
                  {(
                    [
                      ['excellent', '优秀：不低于'],
                      ['good', '良好：不低于'],
                      ['pass', '合格：不低于'],
                    ] as const
                  ).map(([k, label]) => (
                    <Col xs={8} md={4} key={k}>
                      <Form.Item label={label} name={['bands', k]} rules={[{ required: true, message: '请填写分数线' }]}>
                        <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Typography.Text type="secondary">低于合格分数线为不合格；触发一票否决的单位为不合格。</Typography.Text>
              </Card>
              <Button type="primary" loading={saving} onClick={save} disabled={!creating && !scheme.data}>
                保存方案
              </Button>
            </Form>
          </>
        )}
      </LoadState>
    </div>
  );
}

function SectionErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <span role="alert" data-testid="section-error">
          {errors.join('；')}
        </span>
      }
    />
  );
}

function CriterionCard({
  form,
  index,
  position,
  parts,
  kinds,
  refusal,
  onRemove,
}: {
  form: FormInstance<Values>;
  index: number;
  position: number;
  parts: PartValues[];
  kinds: Kind[];
  refusal?: string;
  onRemove: () => void;
}) {
  const c = (Form.useWatch(['criteria', index], form) ?? {}) as CriterionValues;
  const kind = kinds.find((k) => k.kind === c.kind);
  const n = position + 1;
  return (
    <Card
      size="small"
      role="group"
      aria-label={`评分指标 ${n}`}
      title={`指标 ${n}${c.name ? ` · ${c.name}` : ''}`}
      style={refusal ? { borderColor: '#ff4d4f' } : undefined}
      extra={
        <Button danger type="link" size="small" onClick={onRemove}>
          删除
        </Button>
      }
    >
      {refusal ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="此项违反整治形式主义为基层减负的规定，不能作为考核指标；原因见下方标红处。" data-testid="formalism-refusal" />
      ) : null}
      <Form.Item name={[index, 'key']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item label="所属部分" name={[index, 'partKey']} rules={[{ required: true, message: '请选择所属部分' }]}>
            <Select aria-label={`指标 ${n} 所属部分`} options={parts.filter((p) => p?.key).map((p) => ({ value: p.key, label: p.name || p.key }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="指标名称" name={[index, 'name']} rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
            <Input aria-label={`指标 ${n} 名称`} maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item label="类型" name={[index, 'type']} rules={[{ required: true, message: '请选择类型' }]}>
            <Select aria-label={`指标 ${n} 类型`} options={TYPE_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="评价依据" name={[index, 'basis']} rules={[{ required: true, message: '请选择评价依据' }]}>
            <Select aria-label={`指标 ${n} 评价依据`} options={BASIS_OPTIONS} popupMatchSelectWidth={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="说明" name={[index, 'description']}>
        <Input.TextArea aria-label={`指标 ${n} 说明`} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
      </Form.Item>
      <Row gutter={12}>
        {c.type === 'judged' ? (
          <>
            <Col xs={12} md={4}>
              <Form.Item label="评分下限" name={[index, 'rangeMin']} rules={[{ required: true, message: '请填写评分下限' }]}>
                <InputNumber aria-label={`指标 ${n} 评分下限`} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="评分上限" name={[index, 'rangeMax']} rules={[{ required: true, message: '请填写评分上限' }]}>
                <InputNumber aria-label={`指标 ${n} 评分上限`} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        ) : (
          <>
            <Col xs={24} md={8}>
              <Form.Item
                label={c.type === 'veto' ? '按数据触发（可不选：由办公室认定）' : '计算指标'}
                name={[index, 'kind']}
                rules={c.type === 'computed' ? [{ required: true, message: '请选择计算指标' }] : []}
                extra={kind ? `公式（以示例分值）：${kind.formula}` : undefined}
              >
                <Select
                  aria-label={`指标 ${n} 计算指标`}
                  allowClear={c.type === 'veto'}
                  options={kinds
                    .filter((k) => c.type !== 'veto' || k.measure === 'count')
                    .map((k) => ({ value: k.kind, label: k.available ? k.name : `${k.name}（不可用：${k.unavailableReason ?? ''}）`, disabled: !k.available }))}
                />
              </Form.Item>
            </Col>
            {kind && c.type === 'veto' ? (
              <Col xs={12} md={4}>
                <Form.Item label="触发数量" name={[index, 'params', 'threshold']} rules={[{ required: true, message: '请填写触发数量' }]}>
                  <InputNumber aria-label={`指标 ${n} 触发数量`} min={1} max={1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ) : null}
            {kind && c.type === 'computed' && kind.measure === 'rate' ? (
              <Col xs={12} md={4}>
                <Form.Item label="比率为 0 时扣分" name={[index, 'params', 'points']} rules={[{ required: true, message: '请填写扣分' }]}>
                  <InputNumber aria-label={`指标 ${n} 比率为 0 时扣分`} min={0} max={100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ) : null}
            {kind && c.type === 'computed' && kind.measure === 'count' ? (
              <>
                <Col xs={12} md={4}>
                  <Form.Item label="牵头单位每项" name={[index, 'params', 'lead']} rules={[{ required: true, message: '请填写分数' }]}>
                    <InputNumber aria-label={`指标 ${n} 牵头单位每项`} min={-100} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item label="配合单位每项" name={[index, 'params', 'supporting']} rules={[{ required: true, message: '请填写分数' }]}>
                    <InputNumber aria-label={`指标 ${n} 配合单位每项`} min={-100} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            ) : null}
          </>
        )}
        {c.type !== 'veto' ? (
          <>
            <Col xs={12} md={4}>
              <Form.Item label="本项累计下限" name={[index, 'capMin']}>
                <InputNumber aria-label={`指标 ${n} 累计下限`} placeholder="不限" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="本项累计上限" name={[index, 'capMax']}>
                <InputNumber aria-label={`指标 ${n} 累计上限`} placeholder="不限" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        ) : null}
      </Row>
    </Card>
  );
}
