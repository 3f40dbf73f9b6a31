// What the assessment screens share: the types they read, how a score is written, the round's state as a
// tag, the scheme's criteria as a lookup, and the one dialog every score-changing action goes through.
import { Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { api, download, type Data } from '../../api/client';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';

export type Round = Data<'/api/v1/assessment-rounds/{id}', 'get'>;
export type Sheet = Data<'/api/v1/assessment-rounds/{id}/sheets/{unitId}', 'get'>;
export type Criterion = Sheet['criteria'][number];
export type Scheme = Data<'/api/v1/assessment-schemes/{id}', 'get'>;
export type SchemeCriterion = Scheme['criteria'][number];
export type Appeal = Data<'/api/v1/assessment-rounds/{id}/appeals', 'get'>[number];

/** Results are shown to the assessed unit only once published. */
export const PUBLISHED = ['published', 'appeal', 'frozen'];
export const TYPE_NAMES: Record<string, string> = { computed: '计算', judged: '评分', veto: '否决' };
const STATE_COLORS: Record<string, string> = { open: 'default', self_assessment: 'blue', review: 'gold', published: 'green', appeal: 'orange', frozen: 'purple' };
export const APPEAL_STATES: Record<string, { text: string; color: string }> = {
  pending: { text: '待处理', color: 'orange' },
  accepted: { text: '已采纳', color: 'green' },
  rejected: { text: '已驳回', color: 'red' },
};

export const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Math.round(v * 100) / 100));
export const has = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/**
 * Whether the appeal window is open, as the service's guards see it (round.lifecycle.ts file_appeal, freeze):
 * a round stays in 'appeal' past its deadline until the office locks it, and the window runs to the end of its
 * last day in Shanghai, whatever the browser's time zone.
 */
export function appealWindowOpen(r: Pick<Round, 'state' | 'appealDeadline'>): boolean {
  const shanghaiToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return r.state === 'appeal' && !!r.appealDeadline && shanghaiToday <= r.appealDeadline.slice(0, 10);
}

/**
 * Whether anyone scores this criterion: not what data decides — computed criteria and vetoes triggered by
 * records (those with a `kind`), which the service refuses to score or assign (scores.service.ts).
 */
export const scorable = (c: Pick<Criterion, 'type' | 'kind'>) => c.type !== 'computed' && !c.kind;

/** A unit's sheet as the .xlsx the service builds, named as the office files it. */
export const downloadSheet = (round: Pick<Round, 'id' | 'year'>, sheet: Pick<Sheet, 'unitId' | 'unitName'>) =>
  download(`/api/v1/assessment-rounds/${round.id}/sheets/${sheet.unitId}/export`, `${sheet.unitName}${round.year}年度考核评分表.xlsx`);

/**
 * A sheet's result in one card: total, grade (with the veto), rank, and why an excellent score was graded
 * lower. `before`/`after` add the page's own items; `children` go under the sentence.
 */
export function SheetSummary({ sheet, testId, before, after, children }: { sheet: Sheet; testId: string; before?: React.ReactNode; after?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <>
      <Descriptions column={{ xs: 2, md: 4 }} size="small">
        {before}
        <Descriptions.Item label="总分">
          <Typography.Text strong data-testid={`${testId}-total`}>
            {num(sheet.total)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="等次">
          <Space size={4}>
            <Tag color={sheet.vetoed ? 'red' : 'green'} data-testid={`${testId}-grade`}>
              {sheet.gradeName ?? '—'}
            </Tag>
            {sheet.vetoed ? <Tag color="red">一票否决</Tag> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="名次">{sheet.rank ?? '—'}</Descriptions.Item>
        {after}
      </Descriptions>
      {sheet.limitedByShare ? <Typography.Paragraph type="secondary" style={{ margin: 0 }}>按分数应为优秀，因优秀等次比例限制评为下一等次。</Typography.Paragraph> : null}
      {children}
    </>
  );
}

export function RoundStateTag({ round }: { round: Pick<Round, 'state' | 'stateName'> }) {
  return <Tag color={STATE_COLORS[round.state]}>{round.stateName}</Tag>;
}

export function AppealStateTag({ status }: { status: string }) {
  const s = APPEAL_STATES[status] ?? { text: status, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}

/** What a criterion's points rest on, in one line: the formula, the veto, or the claims and scores behind a judgement. */
export function basisText(c: Criterion): string {
  if (c.type === 'computed') return c.formula;
  if (c.type === 'veto') return c.vetoTriggered ? '已触发否决' : '未触发';
  return (
    [has(c.selfScore) ? `自评 ${num(c.selfScore)}` : null, has(c.evaluatorScore) ? `评估 ${num(c.evaluatorScore)}${c.evaluatorReason ? `：${c.evaluatorReason}` : ''}` : null]
      .filter(Boolean)
      .join('；') || '—'
  );
}

/**
 * The scheme of a plan's year, by criterion key: the score ranges and descriptions the sheet itself does not
 * carry. The round scores with its own copy of the scheme, so this is a hint for the form; the service checks.
 */
export function useSchemeCriteria(planId: string | undefined, year: number | undefined) {
  const schemes = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-schemes', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const scheme = schemes.data?.find((s) => s.year === year);
  return new Map((scheme?.criteria ?? []).map((c) => [c.key, c]));
}

export const rangeText = (c: SchemeCriterion | undefined) => (c && has(c.rangeMin) && has(c.rangeMax) ? `${num(c.rangeMin)} 至 ${num(c.rangeMax)} 分` : '');

/**
 * The last defined value: a dialog keeps showing what it was opened for while it animates closed, after the
 * page has already cleared its choice.
 */
export function useLast<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  if (value !== undefined && value !== last) setLast(value);
  return value ?? last;
}

export interface ScoreValues {
  score?: number;
  triggered?: boolean;
  reason: string;
  evidence?: string;
}

/**
 * Every score-changing action (自评, 评分, 复核调整, 更正, 采纳申诉) asks for a score — or, for a veto,
 * whether it is triggered — and a reason; the service's refusal is shown in the dialog and on the field.
 */
export function ScoreModal({
  open,
  title,
  okText,
  veto,
  scheme,
  reasonLabel = '理由',
  withEvidence,
  initial,
  intro,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText: string;
  veto?: boolean;
  scheme?: SchemeCriterion;
  reasonLabel?: string;
  withEvidence?: boolean;
  initial?: Partial<ScoreValues>;
  intro?: React.ReactNode;
  onCancel: () => void;
  onSubmit: (values: ScoreValues) => Promise<void>;
}) {
  const [form] = Form.useForm<ScoreValues>();
  const formName = `score-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const range = rangeText(scheme);
  const { submit, busy, error, clearError } = useFormSubmit(form, ['score', 'triggered', 'reason', 'evidence'], async (values) => {
    await onSubmit({ ...values, reason: values.reason.trim(), evidence: values.evidence?.trim() || undefined });
  });
  // Each opening starts from the criterion's current values, not from what the last one left behind.
  useEffect(() => {
    if (!open) return;
    clearError();
    form.resetFields();
    form.setFieldsValue({ reason: '', evidence: '', ...initial });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      forceRender
      onCancel={onCancel}
    >
      <ProblemAlert error={error} />
      {intro}
      <Form form={form} name={formName} layout="vertical">
        {veto ? (
          <Form.Item label="是否触发否决" name="triggered" rules={[{ required: true, message: '请选择是否触发' }]}>
            <Radio.Group
              options={[
                { value: true, label: '触发（等次为不合格）' },
                { value: false, label: '未触发' },
              ]}
            />
          </Form.Item>
        ) : (
          <Form.Item
            label="分数"
            name="score"
            extra={range ? `本项分值区间：${range}` : undefined}
            rules={[
              { required: true, message: '请填写分数' },
              ...(scheme && has(scheme.rangeMin) && has(scheme.rangeMax) ? [{ type: 'number' as const, min: scheme.rangeMin, max: scheme.rangeMax, message: `须在 ${num(scheme.rangeMin)} 至 ${num(scheme.rangeMax)} 分之间` }] : []),
            ]}
          >
            <InputNumber style={{ width: 200 }} precision={2} step={0.5} autoFocus />
          </Form.Item>
        )}
        <Form.Item label={reasonLabel} name="reason" rules={[{ required: true, whitespace: true, message: `请填写${reasonLabel}` }, { min: 2, transform: (v?: string) => v?.trim(), message: '至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {withEvidence ? (
          <Form.Item label="佐证说明" name="evidence" extra="引用已报送的报告、文件等，不需另行报送材料。">
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
