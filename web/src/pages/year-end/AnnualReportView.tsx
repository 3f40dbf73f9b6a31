import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { download, type Data } from '../../api/client';
import { api } from '../../api/client';
import { LIGHT_COLORS, LIGHT_NAMES, PROGRESS_STATUS_NAMES } from '../../api/labels';
import type { LightColor, ProgressStatus } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { applyFieldErrors } from '../../app/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReasonModal } from '../reporting/ReasonModal';

export type AnnualReport = Data<'/api/v1/annual-reports/{id}', 'get'>;
type Sections = { achievements: string; problems: string; nextYearPlans: string };

export const ANNUAL_STATE_NAMES: Record<string, string> = { draft: '填报中', submitted: '已报送待采纳', returned: '已退回', accepted: '已采纳' };
const ANNUAL_STATE_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', returned: 'error', accepted: 'success' };
// Revisions name their event (annual_report.saved …); the last part is what happened.
const ACTION_NAMES: Record<string, string> = { created: '预填生成', saved: '修改', signed_off: '签发报送', accepted: '采纳', returned: '退回', reopened: '重新打开', added: '增加为应报单位', dropped: '免报' };
const actionName = (action: string) => ACTION_NAMES[action.split('.').pop() ?? action] ?? action;

export function AnnualStateTag({ state }: { state: string }) {
  return (
    <Tag color={ANNUAL_STATE_COLORS[state]} data-state={state}>
      {ANNUAL_STATE_NAMES[state] ?? state}
    </Tag>
  );
}

const SECTIONS: { name: keyof Sections; label: string; hint: string }[] = [
  { name: 'achievements', label: '主要成效', hint: '本年度落实方案任务取得的主要成效，尽量用数据说明' },
  { name: 'problems', label: '存在问题', hint: '推进中存在的主要问题和困难' },
  { name: 'nextYearPlans', label: '下一年工作打算', hint: '下一年度的重点任务和保障措施' },
];

/**
 * One unit's annual report: its free sections (editable by the unit while a draft or returned), the
 * items prefilled from the year's progress reports, the indicator actuals, and the actions this caller
 * may take (the unit head's 签发报送, the office's 采纳 / 退回 / 重新打开).
 */
export function AnnualReportView({ report, onChange }: { report: AnnualReport; onChange: (r: AnnualReport) => void }) {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Sections>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  const [reason, setReason] = useState<'return' | 'reopen' | null>(null);

  const own = me?.unitId === report.unitId;
  const open = (report.state === 'draft' || report.state === 'returned') && !report.droppedAt;
  const editable = own && open && can('reports:write');
  const office = can('year-end:manage');

  useEffect(() => {
    form.setFieldsValue({ achievements: report.achievements ?? '', problems: report.problems ?? '', nextYearPlans: report.nextYearPlans ?? '' });
  }, [form, report.id, report.version, report.achievements, report.problems, report.nextYearPlans]);

  const reload = async () => onChange(await api.get('/api/v1/annual-reports/{id}', { params: { path: { id: report.id } } }));

  const save = async (quiet = false): Promise<boolean> => {
    const v = form.getFieldsValue();
    setBusy('save');
    setError(undefined);
    try {
      await api.put('/api/v1/annual-reports/{id}', { params: { path: { id: report.id } }, body: { version: report.version, achievements: v.achievements ?? '', problems: v.problems ?? '', nextYearPlans: v.nextYearPlans ?? '' } });
      await reload();
      if (!quiet) message.success('已保存');
      return true;
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['achievements', 'problems', 'nextYearPlans']);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const signOff = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const dirty = SECTIONS.some((x) => (values[x.name] ?? '') !== (report[x.name] ?? ''));
    if (dirty && !(await save(true))) return;
    setBusy('sign-off');
    setError(undefined);
    try {
      const current = await api.get('/api/v1/annual-reports/{id}', { params: { path: { id: report.id } } });
      await api.post('/api/v1/annual-reports/{id}/sign-off', { params: { path: { id: report.id } }, body: { version: current.version } });
      await reload();
      message.success(`已签发报送${report.recipient}`);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['achievements', 'problems', 'nextYearPlans']);
    } finally {
      setBusy(null);
    }
  };

  const accept = async () => {
    setBusy('accept');
    setError(undefined);
    try {
      await api.post('/api/v1/annual-reports/{id}/accept', { params: { path: { id: report.id } }, body: { version: report.version } });
      await reload();
      message.success(`已采纳${report.unitName}的年度报告`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const fetchDoc = async () => {
    setError(undefined);
    try {
      await download(`/api/v1/annual-reports/${report.id}/document.docx`, `${report.unitName}${report.year}年度碳达峰工作报告.docx`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="单位">{report.unitName}</Descriptions.Item>
          <Descriptions.Item label="报告年度">{report.year} 年</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Space size={4}>
              <AnnualStateTag state={report.state} />
              {report.late ? <Tag color="warning">逾期报送</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="报送截止">{day(report.dueDate)}</Descriptions.Item>
          <Descriptions.Item label="报送对象">{report.recipient}</Descriptions.Item>
          <Descriptions.Item label="报送时间">{moment(report.submittedAt)}</Descriptions.Item>
        </Descriptions>
        <Button style={{ marginTop: 8 }} onClick={fetchDoc}>
          下载本报告（Word）
        </Button>
      </Card>
      {report.droppedAt ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`本单位已免报：${report.dropReason ?? ''}。此报告仅供查阅。`} /> : null}
      {report.state === 'returned' && report.returnReason ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`退回理由：${report.returnReason}`} description="请修改后由单位负责人重新签发报送。" /> : null}
      <ProblemAlert error={error} />

      <Card size="small" title="报告正文" style={{ marginBottom: 16 }}>
        {editable ? null : (
          <div data-testid="annual-sections">
            {SECTIONS.map((x) => (
              <div key={x.name} style={{ marginBottom: 12 }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {x.label}
                </Typography.Title>
                {report[x.name] ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{report[x.name]}</Typography.Paragraph> : <Typography.Text type="secondary">未填写</Typography.Text>}
              </div>
            ))}
          </div>
        )}
        <Form form={form} name="annual-report" layout="vertical" hidden={!editable}>
          {SECTIONS.map((s) => (
            <Form.Item key={s.name} label={s.label} name={s.name} rules={[{ required: true, whitespace: true, message: `请填写${s.label}` }]}>
              <Input.TextArea rows={5} maxLength={10000} showCount placeholder={editable ? s.hint : '未填写'} />
            </Form.Item>
          ))}
        </Form>
        <Space wrap>
          {editable ? (
            <Button onClick={() => save()} loading={busy === 'save'}>
              保存
            </Button>
          ) : null}
          {editable && can('reports:sign-off') ? (
            <Button type="primary" onClick={signOff} loading={busy === 'sign-off'}>
              签发报送
            </Button>
          ) : null}
          {editable && !can('reports:sign-off') ? <Typography.Text type="secondary">填写并保存后，请单位负责人审核后签发报送。</Typography.Text> : null}
          {own && report.state === 'submitted' ? <Typography.Text type="secondary">已报送，等待领导小组办公室采纳。</Typography.Text> : null}
          {office && report.state === 'submitted' ? (
            <>
              <Button type="primary" onClick={accept} loading={busy === 'accept'}>
                采纳
              </Button>
              <Button danger onClick={() => setReason('return')}>
                退回
              </Button>
            </>
          ) : null}
          {office && report.state === 'accepted' ? <Button onClick={() => setReason('reopen')}>重新打开</Button> : null}
        </Space>
      </Card>

      <Card size="small" title="本单位牵头事项（按本年度调度报告预填）" style={{ marginBottom: 16 }}>
        <Table
          rowKey="workItemId"
          size="small"
          dataSource={report.items}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 900 }}
          locale={{ emptyText: '本单位没有牵头事项。' }}
          columns={[
            { title: '序号', width: 80, render: (_, i) => `${i.seq}${i.itemNo > 1 ? `（${i.itemNo}）` : ''}` },
            { title: '工作内容', dataIndex: 'text', ellipsis: true },
            { title: '进展状态', dataIndex: 'status', width: 100, render: (s: string | null) => (s ? (PROGRESS_STATUS_NAMES[s as ProgressStatus] ?? s) : '未报') },
            { title: '完成进度', dataIndex: 'percent', width: 90, render: (p: number | null) => (p === null || p === undefined ? '—' : `${p}%`) },
            { title: '红黄绿灯', dataIndex: 'light', width: 90, render: (l: LightColor | null) => (l ? <Tag color={LIGHT_COLORS[l]}>{LIGHT_NAMES[l]}</Tag> : '—') },
            { title: '主要工作进展', dataIndex: 'done', ellipsis: true, render: (t: string | null) => t ?? '—' },
          ]}
        />
      </Card>

      {report.actuals.length ? (
        <Card size="small" title="本年度指标实际值" style={{ marginBottom: 16 }}>
          <Table
            rowKey="indicatorId"
            size="small"
            pagination={false}
            dataSource={report.actuals}
            columns={[
              { title: '指标', dataIndex: 'indicatorName' },
              { title: '实际值', render: (_, a) => `${a.value}${a.unit ? ` ${a.unit}` : ''}` },
              { title: '来源', dataIndex: 'source' },
            ]}
          />
        </Card>
      ) : null}

      <Card size="small" title="办理记录">
        {report.history.length ? (
          <Timeline
            items={[...report.history].reverse().map((h) => ({
              key: `${h.version}-${h.action}`,
              title: moment(h.at),
              content: (
                <span>
                  {actionName(h.action)} → {ANNUAL_STATE_NAMES[h.state] ?? h.state}
                  {h.reason ? <Typography.Text type="secondary">（{h.reason}）</Typography.Text> : null}
                </span>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        )}
      </Card>

      <ReasonModal
        open={reason !== null}
        title={reason === 'reopen' ? '重新打开年度报告' : '退回年度报告'}
        label={reason === 'reopen' ? '重新打开的理由' : '退回理由'}
        okText={reason === 'reopen' ? '重新打开' : '退回'}
        onCancel={() => setReason(null)}
        onSubmit={async (text) => {
          const path = { params: { path: { id: report.id } }, body: { version: report.version, reason: text } };
          if (reason === 'reopen') await api.post('/api/v1/annual-reports/{id}/reopen', path);
          else await api.post('/api/v1/annual-reports/{id}/return', path);
          setReason(null);
          await reload();
          message.success(reason === 'reopen' ? '已重新打开' : `已退回${report.unitName}的年度报告`);
        }}
      />
    </div>
  );
}
