import { Form, Input, Modal } from 'antd';
import { useId } from 'react';
import { useFormSubmit } from '../../app/useFormSubmit';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Asks for the reason the service requires (return, reopen) and shows its answer if it refuses. */
export function ReasonModal({
  open,
  title,
  label,
  okText,
  intro,
  minLength = 2,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  intro?: React.ReactNode;
  /** Fewest characters once trimmed; mirror the DTO of the action this modal feeds. */
  minLength?: number;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  // Several of these modals live on one page: a form name of its own keeps each label tied to its field.
  const formName = `reason-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const { submit, busy, error, clearError } = useFormSubmit(form, ['reason'], async (values) => {
    await onSubmit(values.reason.trim());
    form.resetFields();
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        clearError();
        onCancel();
      }}
    >
      <ProblemAlert error={error} />
      {intro}
      <Form form={form} name={formName} layout="vertical">
        <Form.Item
          label={label}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            // The service trims before checking the length, so the client counts the same characters.
            { min: minLength, transform: (v?: string) => v?.trim(), message: `至少 ${minLength} 个字` },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
