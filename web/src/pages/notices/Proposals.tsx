import { App, Button, Empty, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type Data } from '../../api/client';
import { day } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LevelTag, type NoticeLevel } from './labels';

export type NoticeProposal = Data<'/api/v1/plans/{planId}/notice-proposals', 'get'>[number];

const label = (w: { seq: string; itemNo?: number; text: string }) => `序号 ${w.seq}${w.itemNo && w.itemNo > 1 ? `（${w.itemNo}）` : ''} ${w.text}`;

/** 督办建议: the plan's red items without an open notice, each ready to issue through the ordinary issue form. */
export function ProposalsPanel({ planId, onIssue }: { planId: string; onIssue: (p: NoticeProposal) => void }) {
  const proposals = useLoad(() => api.get('/api/v1/plans/{planId}/notice-proposals', { params: { path: { planId } } }), [planId]);
  return (
    <div>
      <Typography.Paragraph type="secondary">亮红灯且没有未办结督办单的事项。点击「发督办单」会打开填好建议内容的督办单，可修改后下发。</Typography.Paragraph>
      <ProblemAlert error={proposals.error} />
      <Table<NoticeProposal>
        rowKey={(p) => `${p.workItemId}|${p.unitId}`}
        loading={proposals.loading}
        dataSource={proposals.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="目前没有需要督办的红灯事项。" /> }}
        columns={[
          { title: '事项', width: 280, ellipsis: true, render: (_, p) => <span title={label(p.workItem)}>{label(p.workItem)}</span> },
          { title: '牵头单位', dataIndex: 'unitName', width: 140 },
          { title: '建议等级', dataIndex: 'level', width: 100, render: (l: NoticeLevel) => <LevelTag level={l} /> },
          { title: '督办事由', dataIndex: 'reason', ellipsis: true },
          { title: '建议答复期限', dataIndex: 'replyDeadline', width: 140, render: (d: string) => day(d) },
          {
            title: '操作',
            width: 100,
            fixed: 'right' as const,
            render: (_, p) => (
              <Button size="small" type="link" onClick={() => onIssue(p)} aria-label={`发督办单：${label(p.workItem)}`}>
                发督办单
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}

/** The plan's numbering pattern (e.g. 银碳督〔{year}〕{n}号). The service does not read it back, so the form starts from the default. */
export function NoticePatternButton({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ pattern: string }>();
  const { submit, busy, error } = useFormSubmit(form, ['pattern'], async (v) => {
    const r = await api.put('/api/v1/plans/{planId}/notice-pattern', { params: { path: { planId } }, body: { pattern: v.pattern.trim() } });
    message.success(`编号格式已设为「${r.pattern}」，此后下发的督办单按此编号`);
    setOpen(false);
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>编号格式</Button>
      <Modal title="督办单编号格式" open={open} onOk={submit} onCancel={() => setOpen(false)} okText="保存" cancelText="取消" confirmLoading={busy}>
        <ProblemAlert error={error} />
        <Form form={form} name="notice-pattern" layout="vertical" initialValues={{ pattern: '〔{year}〕第{n}号' }}>
          <Form.Item
            label="编号格式"
            name="pattern"
            extra="{n} 为序号（必填），{year} 为年份。如：银碳督〔{year}〕{n}号。已下发的督办单编号不变。"
            rules={[
              { required: true, whitespace: true, message: '请填写编号格式' },
              { pattern: /\{n\}/, message: '须包含序号占位符 {n}' },
              { max: 50, message: '不能超过 50 个字' },
            ]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
