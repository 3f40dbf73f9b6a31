import { App, DatePicker, Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
import type { Extension } from '../../api/views';
import { dayjs, day } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { ProblemAlert } from '../../components/ProblemAlert';

/** 延期申请: filed by the lead unit before its current deadline; the original date is kept. */
export function RequestExtensionModal({ workItemId, currentDue, open, onClose, onDone }: { workItemId: string; currentDue: string | null; open: boolean; onClose: () => void; onDone: (e: Extension) => void }) {
  const [form] = Form.useForm<{ requestedDate: dayjs.Dayjs; reason: string }>();
  const { message } = App.useApp();

  const { submit, busy, error } = useFormSubmit(form, ['requestedDate', 'reason'], async (values) => {
    const created = await api.post('/api/v1/work-items/{id}/extensions', {
      params: { path: { id: workItemId } },
      body: { requestedDate: values.requestedDate.format('YYYY-MM-DD'), reason: values.reason.trim() },
    });
    message.success('延期申请已提交，等待领导小组办公室审批');
    form.resetFields();
    onDone(created);
  });

  return (
    <Modal title="申请延期" open={open} onCancel={onClose} onOk={submit} okText="提交申请" cancelText="取消" confirmLoading={busy}>
      <ProblemAlert error={error} />
      <Form form={form} name="extension-request" layout="vertical">
        <Form.Item label="现有完成时限">{currentDue ? day(currentDue) : '未明确'}</Form.Item>
        <Form.Item
          label="申请延至"
          name="requestedDate"
          rules={[{ required: true, message: '请选择申请延至的日期' }]}
          extra="须晚于现有完成时限；须在期限届满前提出。"
        >
          <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} disabledDate={(d) => (currentDue ? !d.isAfter(dayjs(currentDue), 'day') : false)} />
        </Form.Item>
        <Form.Item label="延期理由" name="reason" rules={[{ required: true, whitespace: true, message: '请说明延期理由' }, { min: 5, message: '至少 5 个字' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="说明未能按期完成的原因、已完成的工作和新的完成安排" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The office's decision: approval may carry an opinion, rejection must give a reason. */
export function DecideExtensionModal({ extension, approve, onClose, onDone }: { extension: Extension | null; approve: boolean; onClose: () => void; onDone: (e: Extension) => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { message } = App.useApp();

  const { submit, busy, error } = useFormSubmit(form, ['reason'], async (values) => {
    if (!extension) return;
    const body = { version: extension.version, ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}) };
    const path = { params: { path: { id: extension.id } }, body };
    const decided = approve ? await api.post('/api/v1/extensions/{id}/approve', path) : await api.post('/api/v1/extensions/{id}/reject', path);
    message.success(approve ? '已批准延期，红黄绿灯已按新期限重算' : '已驳回延期申请');
    form.resetFields();
    onDone(decided);
  });

  return (
    <Modal
      title={approve ? '批准延期' : '驳回延期'}
      open={!!extension}
      onCancel={onClose}
      onOk={submit}
      okText={approve ? '批准' : '驳回'}
      okButtonProps={{ danger: !approve }}
      cancelText="取消"
      confirmLoading={busy}


    >
      <ProblemAlert error={error} />
      {extension ? (
        <p>
          {extension.unitName} 申请将完成时限由 {day(extension.originalDate)} 延至 <b>{day(extension.requestedDate)}</b>。
          <br />
          理由：{extension.reason}
        </p>
      ) : null}
      <Form form={form} name={approve ? 'extension-approve' : 'extension-reject'} layout="vertical">
        <Form.Item
          label={approve ? '批复意见（选填）' : '驳回理由'}
          name="reason"
          rules={approve ? [{ min: 2, message: '至少 2 个字' }] : [{ required: true, whitespace: true, message: '驳回须说明理由' }, { min: 2, message: '至少 2 个字' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
