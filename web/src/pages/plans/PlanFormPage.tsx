import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { PLAN_STATUS_NAMES, PLAN_VISIBILITY_NAMES } from '../../api/labels';
import { applyFieldErrors } from '../../app/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { loadPlans } from '../../components/usePlans';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';

interface Values {
  title: string;
  documentNumber?: string;
  jurisdictionId: string;
  issuingUnitId?: string;
  status?: 'draft' | 'issued' | 'archived';
  visibility?: 'public' | 'internal' | 'restricted';
  horizonStartYear?: number;
  horizonEndYear?: number;
  implicitSupportingUnitIds?: string[];
}

const FIELDS = ['title', 'documentNumber', 'jurisdictionId', 'issuingUnitId', 'status', 'visibility', 'horizonStartYear', 'horizonEndYear', 'implicitSupportingUnitIds'];

export default function PlanFormPage() {
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const plan = await api.post('/api/v1/plans', { body: { ...v, title: v.title.trim(), documentNumber: v.documentNumber?.trim() || undefined } });
      await loadPlans(true);
      message.success('方案已新建，请导入其任务分工表');
      navigate(`/plans/${plan.id}/import`);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, FIELDS);
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title="新建方案" />
      <Card size="small" style={{ maxWidth: 760 }}>
        <ProblemAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} disabled={busy} initialValues={{ status: 'draft', visibility: 'internal', horizonStartYear: 2021, horizonEndYear: 2030 }}>
          <Form.Item label="方案名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }, { min: 2, message: '至少 2 个字' }]}>
            <Input maxLength={200} placeholder="例如：银川市碳达峰实施方案" />
          </Form.Item>
          <Form.Item label="文号" name="documentNumber">
            <Input maxLength={100} placeholder="例如：银党办发〔2023〕1号" />
          </Form.Item>
          <Form.Item label="所属行政区" name="jurisdictionId" rules={[{ required: true, message: '请选择所属行政区' }]} extra="「各县(市)区人民政府」等集合单位按此行政区展开为具体单位。">
            <Select showSearch={{ filterOption: filterUnitOption }} placeholder="选择市、县（区）" options={unitOptions(units.data, (u) => ['province', 'city', 'county', 'town'].includes(u.kind))} />
          </Form.Item>
          <Form.Item label="印发单位" name="issuingUnitId">
            <Select allowClear showSearch={{ filterOption: filterUnitOption }} placeholder="选择单位" options={unitOptions(units.data, (u) => u.kind !== 'collective')} />
          </Form.Item>
          <Space wrap>
            <Form.Item label="起始年份" name="horizonStartYear">
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item label="截止年份" name="horizonEndYear">
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item label="状态" name="status">
              <Select style={{ width: 120 }} options={Object.entries(PLAN_STATUS_NAMES).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="公开范围" name="visibility">
              <Select style={{ width: 120 }} options={Object.entries(PLAN_VISIBILITY_NAMES).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Space>
          <Form.Item label="每项均需落实的单位" name="implicitSupportingUnitIds" extra="方案写明「下述工作事项均需各县(市)区人民政府、各园区管委会落实，不再重复列出」时，在此选择这些单位。">
            <Select mode="multiple" allowClear showSearch={{ filterOption: filterUnitOption }} options={unitOptions(units.data)} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            新建并导入任务分工表
          </Button>
        </Form>
      </Card>
    </div>
  );
}
