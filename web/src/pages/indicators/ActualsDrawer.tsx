import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, download, upload, type Data } from '../../api/client';
import { problemText } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';
import { ReasonModal } from '../reporting/ReasonModal';
import { SOURCE_NAMES, VERIFICATION_COLORS, VERIFICATION_NAMES, figure } from './labels';

type Indicator = Data<'/api/v1/plans/{planId}/indicators', 'get'>[number];
type Actual = Data<'/api/v1/indicators/{id}/actuals', 'get'>[number];

// The same types the service accepts for report evidence (it checks the bytes, not the name).
const ACCEPT = '.pdf,.ofd,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.wps,.et,application/pdf,image/jpeg,image/png';

/**
 * An indicator's yearly figures: a unit enters its own (with one evidence file), the office enters the
 * plan-wide figure (or any unit's) and verifies or disputes each. Only a verified figure of the plan's
 * jurisdiction counts in the evaluation.
 */
export function ActualsDrawer({ indicator, jurisdictionName, defaultYear, onClose, onChanged }: { indicator: Indicator | null; jurisdictionName?: string; defaultYear: number; onClose: () => void; onChanged: () => void }) {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const manage = can('year-end:manage');
  const record = can('reports:write');
  const id = indicator?.id;
  const actuals = useLoad(() => api.get('/api/v1/indicators/{id}/actuals', { params: { path: { id: id! } } }), [id], !!id);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  const [disputing, setDisputing] = useState<Actual | null>(null);

  const replace = (a: Actual) => {
    const rows = actuals.data ?? [];
    actuals.setData(rows.some((r) => r.id === a.id) ? rows.map((r) => (r.id === a.id ? a : r)) : [...rows, a].sort((x, y) => x.year - y.year));
    onChanged();
  };

  const verify = async (a: Actual) => {
    setBusy(a.id);
    setError(undefined);
    try {
      replace(await api.post('/api/v1/indicator-actuals/{id}/verify', { params: { path: { id: a.id } }, body: { version: a.version, verification: 'verified' } }));
      message.success(`已核实${a.unitName} ${a.year} 年的数值`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      open={!!indicator}
      onClose={onClose}
      size="large"
      title={indicator ? `${indicator.name}${indicator.unit ? `（${indicator.unit}）` : ''} · 实际值` : ''}
      destroyOnHidden
    >
      {indicator && record ? <RecordForm indicator={indicator} manage={manage} jurisdictionName={jurisdictionName} defaultYear={defaultYear} onSaved={replace} /> : null}
      <ProblemAlert error={error} />
      <LoadState loading={actuals.loading && !actuals.data} error={actuals.error}>
        <Table<Actual>
          rowKey="id"
          size="small"
          dataSource={actuals.data ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: record ? '还没有填报实际值。在上方填写年份和数值后点击「保存实际值」。' : '还没有单位填报实际值。' }}
          columns={[
            { title: '年份', dataIndex: 'year', width: 70 },
            { title: '单位', dataIndex: 'unitName', width: 120 },
            { title: '实际值', render: (_, a) => figure(a.value, a.unit), width: 110 },
            {
              title: '来源',
              width: 150,
              render: (_, a) => (
                <div>
                  {SOURCE_NAMES[a.source] ?? a.source}
                  {a.reportedBy ? <Typography.Text type="secondary"> · {a.reportedBy}</Typography.Text> : null}
                  {a.note ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{a.note}</div> : null}
                </div>
              ),
            },
            {
              title: '核实',
              width: 140,
              render: (_, a) => (
                <div data-verification={a.verification}>
                  <Tag color={VERIFICATION_COLORS[a.verification]}>{VERIFICATION_NAMES[a.verification] ?? a.verification}</Tag>
                  {a.verificationReason ? <div style={{ fontSize: 12 }}>{a.verificationReason}</div> : null}
                </div>
              ),
            },
            {
              title: '佐证材料',
              width: 180,
              render: (_, a) => <ActualEvidence actual={a} editable={record && (manage || a.unitId === me?.unitId)} onUploaded={replace} />,
            },
            ...(manage
              ? [
                  {
                    title: '操作',
                    width: 150,
                    render: (_: unknown, a: Actual) => (
                      <Space size={4} wrap>
                        {a.verification !== 'verified' ? (
                          <Button size="small" type="primary" loading={busy === a.id} onClick={() => verify(a)} aria-label={`核实 ${a.unitName} ${a.year}`}>
                            核实
                          </Button>
                        ) : null}
                        {a.verification !== 'disputed' ? (
                          <Button size="small" danger onClick={() => setDisputing(a)} aria-label={`有争议 ${a.unitName} ${a.year}`}>
                            有争议
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </LoadState>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        评价目标完成情况只看{jurisdictionName ?? '方案所辖地区'}经核实的数值；重新填报会替换原数值并重新核实，原数值保留在审计记录中。
      </Typography.Paragraph>
      <ReasonModal
        open={!!disputing}
        title={`${disputing?.unitName ?? ''} ${disputing?.year ?? ''} 年的数值有争议`}
        label="争议理由"
        okText="标记为有争议"
        onCancel={() => setDisputing(null)}
        onSubmit={async (reason) => {
          if (!disputing) return;
          replace(await api.post('/api/v1/indicator-actuals/{id}/verify', { params: { path: { id: disputing.id } }, body: { version: disputing.version, verification: 'disputed', reason } }));
          message.success('已标记为有争议，请填报单位核对后重新填报');
          setDisputing(null);
        }}
      />
    </Drawer>
  );
}

interface RecordValues {
  year: number;
  value: number;
  source: 'statistics' | 'self_reported' | 'estimate';
  unitId?: string;
  note?: string;
}

function RecordForm({ indicator, manage, jurisdictionName, defaultYear, onSaved }: { indicator: Indicator; manage: boolean; jurisdictionName?: string; defaultYear: number; onSaved: (a: Actual) => void }) {
  const { unit } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const units = useUnits(manage);
  const { submit, busy, error } = useFormSubmit(form, ['year', 'value', 'source', 'unitId', 'note'], async (v) => {
    const saved = await api.post('/api/v1/indicators/{id}/actuals', {
      params: { path: { id: indicator.id } },
      body: { year: v.year, value: v.value, source: v.source, ...(v.unitId ? { unitId: v.unitId } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
    });
    message.success(`已保存${saved.unitName} ${saved.year} 年实际值 ${figure(saved.value, saved.unit)}，待办公室核实`);
    form.setFieldsValue({ value: undefined, note: undefined });
    onSaved(saved);
  });
  return (
    <div style={{ marginBottom: 16, padding: 12, background: 'rgba(0,0,0,0.02)', borderRadius: 6 }}>
      <Typography.Text strong>
        填报实际值{manage ? '' : `（${unit?.name ?? '本单位'}）`}
      </Typography.Text>
      <ProblemAlert error={error} style={{ marginTop: 8 }} />
      <Form form={form} name="record-actual" layout="vertical" initialValues={{ year: defaultYear, source: manage ? 'statistics' : 'self_reported' }} style={{ marginTop: 8 }}>
        <Flex wrap gap={12}>
          <Form.Item label="年份" name="year" rules={[{ required: true, message: '请填写年份' }]} style={{ width: 110, marginBottom: 8 }}>
            <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={`实际值${indicator.unit ? `（${indicator.unit}）` : ''}`} name="value" rules={[{ required: true, message: '请填写实际值' }]} style={{ width: 160, marginBottom: 8 }}>
            <InputNumber precision={4} style={{ width: '100%' }} stringMode={false} />
          </Form.Item>
          <Form.Item label="数据来源" name="source" rules={[{ required: true, message: '请选择数据来源' }]} style={{ width: 130, marginBottom: 8 }}>
            <Select options={Object.entries(SOURCE_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {manage ? (
            <Form.Item label="单位" name="unitId" style={{ width: 200, marginBottom: 8 }} extra={`不选则为${jurisdictionName ?? '方案所辖地区'}`}>
              <Select allowClear showSearch={{ filterOption: filterUnitOption }} loading={units.loading} options={unitOptions(units.data)} placeholder={jurisdictionName ?? '方案所辖地区'} />
            </Form.Item>
          ) : null}
        </Flex>
        <Form.Item label="说明或数据出处" name="note" style={{ marginBottom: 8 }}>
          <Input maxLength={2000} placeholder="如：区统计局 2025 年统计公报" />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={submit}>
          保存实际值
        </Button>
      </Form>
    </div>
  );
}

/** One evidence file per figure: download it, or upload one (replacing the old) with progress. */
function ActualEvidence({ actual, editable, onUploaded }: { actual: Actual; editable: boolean; onUploaded: (a: Actual) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const url = `/api/v1/indicator-actuals/${actual.id}/evidence`;
  const send = async (file: File) => {
    setError(undefined);
    setProgress(0);
    try {
      const saved = await upload('/api/v1/indicator-actuals/{id}/evidence', { path: { id: actual.id }, file, onProgress: setProgress });
      onUploaded(saved);
      message.success(`已上传：${file.name}`);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div>
      {actual.evidence ? (
        <span>
          <PaperClipOutlined />{' '}
          <a
            href={url}
            onClick={(e) => {
              e.preventDefault();
              download(url, actual.evidence!.fileName).catch((err) => message.error(problemText(err)));
            }}
          >
            {actual.evidence.fileName}
          </a>
        </span>
      ) : !editable ? (
        <Typography.Text type="secondary">无</Typography.Text>
      ) : null}
      {editable ? (
        <div>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            style={{ display: 'none' }}
            aria-label={`选择 ${actual.unitName} ${actual.year} 年的佐证材料`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
          <Button size="small" type="link" icon={<UploadOutlined />} disabled={progress !== null} onClick={() => input.current?.click()} style={{ paddingInline: 0 }}>
            {actual.evidence ? '替换' : '上传佐证材料'}
          </Button>
          {progress !== null ? (
            <div aria-live="polite">
              <Progress percent={progress} size="small" />
            </div>
          ) : null}
          <ProblemAlert error={error} style={{ marginTop: 4, marginBottom: 0 }} />
        </div>
      ) : null}
    </div>
  );
}
