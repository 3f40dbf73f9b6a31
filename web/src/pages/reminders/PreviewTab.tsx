import { Alert, App, Button, DatePicker, Empty, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Data } from '../../api/client';
import { day, dayjs } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ruleLabel } from './labels';

type Preview = Data<'/api/v1/reminders/preview', 'get'>;
type PreviewItem = Preview['items'][number];
type ScanResult = Data<'/api/v1/plans/{planId}/reminders/scan', 'post'>;

/** Who a day's scan would remind (nothing is sent), and the button that runs today's scan now. */
export function PreviewTab({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const [at, setAt] = useState<dayjs.Dayjs | null>(null);
  const atDay = at?.format('YYYY-MM-DD');
  const preview = useLoad(() => api.get('/api/v1/reminders/preview', { params: { query: { planId, ...(atDay ? { at: atDay } : {}) } } }), [planId, atDay]);
  const [scan, setScan] = useState<ScanResult>();
  const [scanError, setScanError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');

  const runNow = async () => {
    setBusy(true);
    setScanError(undefined);
    try {
      const r = await api.post('/api/v1/plans/{planId}/reminders/scan', { params: { path: { planId } } });
      setScan(r);
      message.success('扫描完成');
      preview.reload();
    } catch (e) {
      setScanError(e);
    } finally {
      setBusy(false);
    }
  };

  const p = preview.data;
  const pending = p?.items.filter((i) => !i.alreadySent).length ?? 0;
  // A day can remind every unit of the plan: the office looks for one unit or person.
  const needle = q.trim();
  const rows = (p?.items ?? []).filter((i) => !needle || i.unitName.includes(needle) || i.recipientName.includes(needle));
  return (
    <div>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <span>
          <label htmlFor="preview-day">预览日期：</label>
          <DatePicker id="preview-day" value={at} onChange={setAt} format="YYYY年M月D日" placeholder="今天" allowClear />
        </span>
        <Popconfirm
          title="立即运行今天的提醒扫描？"
          description="将按当前规则写入站内消息并排队发送邮件和群机器人消息；已发过的不会重发。"
          okText="立即扫描"
          cancelText="取消"
          onConfirm={runNow}
        >
          <Button type="primary" loading={busy}>
            立即扫描
          </Button>
        </Popconfirm>
        <Input.Search aria-label="按单位或人员筛选" placeholder="按单位或人员筛选" allowClear style={{ width: 220 }} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} />
        <Typography.Text type="secondary">平时无需手动扫描：系统每个工作日在发送时刻自动扫描。</Typography.Text>
      </Flex>
      <ProblemAlert error={scanError} title="扫描未完成" />
      {scan ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setScan(undefined) }}
          style={{ marginBottom: 12 }}
          role="status"
          title={`已扫描 ${day(scan.day)}：新写入站内消息 ${scan.written} 条，排队发送邮件与机器人消息 ${scan.queued} 条。`}
          description={scan.written === 0 ? '没有新的提醒：今天该发的都已发过，或今天没有到提醒点的事项。' : undefined}
        />
      ) : null}
      <ProblemAlert error={preview.error} />
      {p ? (
        <Typography.Paragraph>
          {day(p.day)}
          {p.workingDay ? <Tag color="green" style={{ marginInline: 8 }}>工作日</Tag> : <Tag style={{ marginInline: 8 }}>休息日</Tag>}
          {p.workingDay
            ? `将提醒 ${p.items.length} 人次${p.items.length ? `，其中 ${pending} 条尚未发送` : ''}。`
            : '休息日不发送提醒，到期的提醒顺延到下一个工作日。'}
          {p.window.length > 1 ? <Typography.Text type="secondary">（含之前休息日顺延的提醒：{p.window.map(day).join('、')}）</Typography.Text> : null}
        </Typography.Paragraph>
      ) : null}
      <Table<PreviewItem>
        size="small"
        rowKey={(i) => `${i.rule}|${i.recipientId}|${i.occurrence}|${i.title}`}
        loading={preview.loading}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={needle && p?.items.length ? `没有「${needle}」的提醒。清空筛选可查看全部。` : p && !p.workingDay ? '休息日没有提醒。选择一个工作日查看。' : '这一天没有到提醒点的事项。可选择其他日期预览，如报送截止日前几天。'} />,
        }}
        columns={[
          { title: '类别', dataIndex: 'rule', width: 110, render: (r: string) => <Tag>{ruleLabel(r)}</Tag> },
          { title: '单位', dataIndex: 'unitName', width: 160 },
          { title: '提醒对象', dataIndex: 'recipientName', width: 120 },
          // The title repeats the category; the body says what is due (「尚有 3 项进度报告未报送」).
          { title: '内容', render: (_, i) => <span title={i.body}>{i.body}</span>, ellipsis: true },
          {
            title: '状态',
            dataIndex: 'alreadySent',
            width: 100,
            render: (sent: boolean) => (sent ? <Tag color="default">已发送</Tag> : <Tag color="processing">待发送</Tag>),
          },
        ]}
      />
    </div>
  );
}
