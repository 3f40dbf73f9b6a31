import { Form, Input, Modal, Select } from 'antd';
import { api, type Data } from '../../api/client';
import { useFormSubmit } from '../../app/useFormSubmit';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';

type Cycle = Data<'/api/v1/year-end-cycles/{id}', 'get'>;

/**
 * Adds a unit the cycle did not oblige (with the reason the service requires). A dropped unit can be
 * added back: what it had written is still there. Collectives are left out: the service wants each member.
 */
export function AddUnitModal({ cycle, open, onClose, onDone }: { cycle: Cycle; open: boolean; onClose: () => void; onDone: (unitName: string) => void }) {
  const [form] = Form.useForm<{ unitId: string; reason: string }>();
  const units = useUnits(open);
  const obliged = new Set(cycle.reports.filter((r) => !r.droppedAt).map((r) => r.unitId));
  const { submit, busy, error, clearError } = useFormSubmit(form, ['unitId', 'reason'], async (v) => {
    await api.post('/api/v1/year-end-cycles/{id}/units', { params: { path: { id: cycle.id } }, body: { unitId: v.unitId, reason: v.reason.trim() } });
    const name = units.data?.find((u) => u.id === v.unitId)?.name ?? '该单位';
    form.resetFields();
    onDone(name);
  });
  return (
    <Modal
      title={`增加${cycle.year}年度应报单位`}
      open={open}
      okText="增加"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        clearError();
        onClose();
      }}
    >
      <ProblemAlert error={error} />
      <Form form={form} name="add-obliged-unit" layout="vertical">
        <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]} extra="系统为该单位生成一份按其牵头事项预填的年度报告；曾免报的单位恢复后原内容仍在。">
          <Select
            showSearch={{ filterOption: filterUnitOption }}
            loading={units.loading}
            placeholder="选择单位"
            options={unitOptions(units.data, (u) => u.kind !== 'collective' && !obliged.has(u.id))}
          />
        </Form.Item>
        <Form.Item label="增加理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写增加理由' }, { min: 2, transform: (v?: string) => v?.trim(), message: '至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
