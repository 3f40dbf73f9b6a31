import { App, Button, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Data } from '../../api/client';
import { moment } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';
import { ReasonModal } from '../reporting/ReasonModal';
import { REMINDER_RULES, ruleLabel, type ReminderRule } from './labels';

type Mute = Data<'/api/v1/plans/{planId}/reminder-mutes', 'get'>[number];

/** 暂停提醒: one kind of reminder paused for one unit (e.g. a unit merged away), with the reason kept in the audit. */
export function MutesTab({ planId }: { planId: string }) {
  const { message } = App.useApp();
  const mutes = useLoad(() => api.get('/api/v1/plans/{planId}/reminder-mutes', { params: { path: { planId } } }), [planId]);
  const [adding, setAdding] = useState(false);
  const [lifting, setLifting] = useState<Mute | null>(null);

  return (
    <div>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">暂停后，该单位不再收到这一类提醒（督办单不受影响）；暂停和恢复都须说明理由，记入审计记录。</Typography.Text>
        <Button type="primary" onClick={() => setAdding(true)}>
          暂停提醒
        </Button>
      </Flex>
      <ProblemAlert error={mutes.error} />
      <Table<Mute>
        size="small"
        rowKey="id"
        loading={mutes.loading}
        dataSource={mutes.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所有单位都照常接收提醒。需要对某单位暂停某类提醒时，点击「暂停提醒」。" /> }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 180 },
          { title: '暂停的提醒', dataIndex: 'rule', width: 130, render: (r: string) => <Tag color="orange">{ruleLabel(r)}</Tag> },
          { title: '理由', dataIndex: 'reason', ellipsis: true },
          { title: '暂停时间', dataIndex: 'createdAt', width: 170, render: moment },
          {
            title: '操作',
            width: 90,
            render: (_, m) => (
              <Button size="small" type="link" onClick={() => setLifting(m)} aria-label={`恢复 ${m.unitName} 的${ruleLabel(m.rule)}`}>
                恢复
              </Button>
            ),
          },
        ]}
      />
      <MuteModal
        planId={planId}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={(m) => {
          setAdding(false);
          message.success(`已暂停 ${m.unitName} 的${ruleLabel(m.rule)}`);
          mutes.reload();
        }}
      />
      <ReasonModal
        open={!!lifting}
        title={lifting ? `恢复 ${lifting.unitName} 的${ruleLabel(lifting.rule)}` : '恢复提醒'}
        label="恢复理由"
        okText="恢复提醒"
        onCancel={() => setLifting(null)}
        onSubmit={async (reason) => {
          if (!lifting) return;
          await api.post('/api/v1/reminder-mutes/{id}/lift', { params: { path: { id: lifting.id } }, body: { reason } });
          message.success(`已恢复 ${lifting.unitName} 的${ruleLabel(lifting.rule)}`);
          setLifting(null);
          mutes.reload();
        }}
      />
    </div>
  );
}

interface MuteValues {
  unitId: string;
  rule: ReminderRule;
  reason: string;
}

function MuteModal({ planId, open, onClose, onDone }: { planId: string; open: boolean; onClose: () => void; onDone: (m: Mute) => void }) {
  const [form] = Form.useForm<MuteValues>();
  const units = useUnits(open);

  const { submit, busy, error, clearError } = useFormSubmit(form, ['unitId', 'rule', 'reason'], async (v) => {
    const m = await api.post('/api/v1/plans/{planId}/reminder-mutes', { params: { path: { planId } }, body: { ...v, reason: v.reason.trim() } });
    form.resetFields();
    onDone(m);
  });

  return (
    <Modal
      title="暂停提醒"
      open={open}
      onOk={submit}
      onCancel={() => {
        clearError();
        onClose();
      }}
      okText="暂停"
      cancelText="取消"
      confirmLoading={busy}
    >
      <ProblemAlert error={error ?? units.error} />
      <Form form={form} name="reminder-mute" layout="vertical">
        <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]} extra="可输入单位名称或简称查找。">
          <Select showSearch={{ filterOption: filterUnitOption }} loading={units.loading} placeholder="选择单位" options={unitOptions(units.data)} />
        </Form.Item>
        <Form.Item label="暂停的提醒" name="rule" rules={[{ required: true, message: '请选择要暂停的提醒' }]}>
          <Select placeholder="选择提醒类别" options={REMINDER_RULES.map((r) => ({ value: r, label: ruleLabel(r) }))} />
        </Form.Item>
        <Form.Item label="暂停理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写暂停理由' }, { min: 2, transform: (v?: string) => v?.trim(), message: '至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：该单位已撤并，相关工作由某单位承接" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
