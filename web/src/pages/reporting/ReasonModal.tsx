import { Form, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { applyFieldErrors } from '../../app/formErrors';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Asks for the reason the service requires (return, reopen) and shows its answer if it refuses. */
export function ReasonModal({
  open,
  title,
  label,
  okText,
  intro,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  intro?: React.ReactNode;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  // Several of these modals live on one page: a form name of its own keeps each label tied to its field.
  const formName = `reason-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
      form.resetFields();
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, ['reason']);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        setError(undefined);
        onCancel();
      }}

    >
      <ProblemAlert error={error} />
      {intro}
      <Form form={form} name={formName} layout="vertical">
        <Form.Item label={label} name="reason" rules={[{ required: true, whitespace: true, message: `请填写${label}` }, { min: 2, message: '至少 2 个字' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
