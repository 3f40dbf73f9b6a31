import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { isApiError } from '../../api/problem';
import { moment } from '../../app/format';
import { applyFieldErrors } from '../../app/formErrors';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * 年度总结: the consolidated figures of the cycle's accepted reports, the office's commentary on them,
 * and 定稿 — which freezes the summary with the data behind it and ends the cycle. Plan-wide readers see it;
 * only the office writes the commentary or finalises.
 */
export function SummaryCard({ cycleId, stamp, manage, onFinalised }: { cycleId: string; stamp: string; manage: boolean; onFinalised: () => void }) {
  const { message } = App.useApp();
  // `stamp` changes when a report of the cycle does (accepted, dropped …): the figures are counted again.
  const loaded = useLoad(() => api.get('/api/v1/year-end-cycles/{id}/summary', { params: { path: { id: cycleId } } }), [cycleId, stamp]);
  const [form] = Form.useForm<{ commentary: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<'save' | 'finalise' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const data = loaded.data;
  const editable = manage && !!data && !data.finalisedAt;

  const save = async () => {
    if (!data) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy('save');
    setError(undefined);
    try {
      const saved = await api.put('/api/v1/year-end-cycles/{id}/summary', { params: { path: { id: cycleId } }, body: { version: data.version, commentary: v.commentary.trim() } });
      loaded.setData(saved);
      form.setFieldsValue({ commentary: saved.summary.commentary ?? '' });
      message.success('已保存办公室意见');
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['commentary']);
    } finally {
      setBusy(null);
    }
  };

  // What is typed but not saved would silently be left out of the frozen summary: say so before asking.
  const askFinalise = () => {
    const typed = (form.getFieldValue('commentary') as string | undefined)?.trim() ?? '';
    if (typed !== (data?.summary.commentary ?? '').trim()) {
      form.setFields([{ name: 'commentary', errors: ['办公室意见有改动尚未保存，请先点击「保存意见」再定稿'] }]);
      return;
    }
    setConfirming(true);
  };

  const finalise = async () => {
    if (!data) return;
    setBusy('finalise');
    setError(undefined);
    try {
      const done = await api.post('/api/v1/year-end-cycles/{id}/summary/finalise', { params: { path: { id: cycleId } }, body: { version: data.version } });
      loaded.setData(done);
      setConfirming(false);
      message.success(`${done.summary.year} 年度总结已定稿，本轮年度报告结束`);
      onFinalised();
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  // Units see no summary (403): the card is then left out rather than shown as an error.
  if (isApiError(loaded.error) && loaded.error.status === 403) return null;
  const s = data?.summary;
  return (
    <Card
      size="small"
      title={s ? `${s.year} 年度总结` : '年度总结'}
      style={{ marginTop: 16 }}
      extra={data?.finalisedAt ? <Tag color="success">已定稿</Tag> : <Tag>未定稿</Tag>}
      data-testid="year-end-summary"
    >
      <ProblemAlert error={error} />
      <LoadState loading={loaded.loading && !data} error={loaded.error}>
        {s && data ? (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'items', label: '工作事项', children: `${s.totals.items} 项：已完成 ${s.totals.completed}，按计划推进 ${s.totals.onTrack}，滞后 ${s.totals.behind}，逾期未完成 ${s.totals.overdue}，未报告 ${s.totals.notReported}` },
                { key: 'indicators', label: '目标指标', children: `已达成 ${s.indicators.achieved}，未达成 ${s.indicators.notAchieved}，暂无法评价 ${s.indicators.unknown}` },
                { key: 'units', label: '应报单位', children: `${s.units.obliged} 个：已采纳 ${s.units.accepted}，待采纳 ${s.units.awaitingReview}` },
                { key: 'late', label: '逾期报送', children: s.units.late.length ? s.units.late.join('、') : '无' },
                { key: 'dropped', label: '免报', span: 'filled', children: s.units.dropped.length ? s.units.dropped.join('、') : '无' },
                { key: 'missing', label: '未报送', span: 'filled', children: s.units.missing.length ? `${s.units.missing.length} 个：${s.units.missing.join('、')}` : '无' },
              ]}
            />
            {data.finalisedAt ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>办公室意见</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }} data-testid="summary-commentary">
                  {s.commentary || '（未填写）'}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {moment(data.finalisedAt)} 定稿；快照 SHA-256：<span style={{ wordBreak: 'break-all' }}>{data.hash}</span>。定稿后数据变化不再影响本总结。
                </Typography.Text>
              </div>
            ) : editable ? (
              <Form form={form} name="summary-commentary" layout="vertical" style={{ marginTop: 12 }} initialValues={{ commentary: s.commentary ?? '' }}>
                <Form.Item
                  label="办公室意见"
                  name="commentary"
                  rules={[{ required: true, whitespace: true, message: '请填写办公室意见' }, { min: 2, transform: (v?: string) => v?.trim(), message: '至少 2 个字' }]}
                  extra="写入年度总结，定稿前可以反复修改。"
                >
                  <Input.TextArea rows={4} maxLength={20000} showCount />
                </Form.Item>
                <Space wrap>
                  <Button onClick={save} loading={busy === 'save'}>
                    保存意见
                  </Button>
                  <Button type="primary" onClick={askFinalise}>
                    定稿
                  </Button>
                </Space>
              </Form>
            ) : (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>办公室意见</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{s.commentary || '（领导小组办公室尚未填写）'}</Typography.Paragraph>
              </div>
            )}
          </>
        ) : null}
      </LoadState>
      <Modal
        title={`${s?.year ?? ''} 年度总结定稿`}
        open={confirming}
        okText="确认定稿"
        cancelText="取消"
        confirmLoading={busy === 'finalise'}
        onOk={finalise}
        onCancel={() => setConfirming(false)}
      >
        <Typography.Paragraph>定稿后，年度总结连同所依据的数据一起冻结（保存快照及其哈希），办公室意见不能再修改，本轮年度报告结束，各单位不能再报送或修改。</Typography.Paragraph>
        {!s?.commentary ? <Typography.Paragraph type="warning">尚未填写办公室意见，定稿后不能再补写。</Typography.Paragraph> : null}
        <Typography.Paragraph type="secondary">目前应报单位 {s?.units.obliged ?? 0} 个，已采纳 {s?.units.accepted ?? 0} 个。</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
