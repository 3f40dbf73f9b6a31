import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { UNIT_KIND_NAMES } from '../../api/labels';
import type { Unit, UnitKind } from '../../api/views';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filterUnitOption, loadUnits, unitOptions } from '../../components/useUnits';

interface Values {
  name: string;
  kind: UnitKind;
  parentId?: string;
  aliases: string[];
  memberKind?: UnitKind;
}

/** Units and their aliases: what an import's unknown names are fixed with. */
export default function UnitsPage() {
  const units = useLoad(() => loadUnits(true), []);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const name = (id: string | null) => (id ? (units.data?.find((u) => u.id === id)?.name ?? '—') : '—');
  const shown = (units.data ?? []).filter((u) => !q || u.name.includes(q) || u.aliases.some((a) => a.includes(q)));

  return (
    <div>
      <PageHeader
        title="单位管理"
        sub="导入时未识别的单位，可在此新建，或为已有单位添加别名（如「发改委」「银川市发展和改革委员会」）。"
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            新建单位
          </Button>
        }
      />
      <Card size="small">
        <Input.Search aria-label="名称或别名" placeholder="名称或别名" allowClear onSearch={setQ} style={{ maxWidth: 280, marginBottom: 12 }} />
        <ProblemAlert error={units.error} />
        <Table<Unit>
          rowKey="id"
          size="small"
          loading={units.loading}
          dataSource={shown}
          scroll={{ x: 720 }}
          pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '类型', width: 130, render: (_, u) => (u.kind === 'collective' && u.memberKind ? `集合（各${UNIT_KIND_NAMES[u.memberKind]}）` : UNIT_KIND_NAMES[u.kind]) },
            { title: '上级', width: 140, render: (_, u) => name(u.parentId) },
            { title: '别名', render: (_, u) => u.aliases.map((a) => <Tag key={a}>{a}</Tag>) },
            { title: '', width: 70, render: (_, u) => <a onClick={() => setEditing(u)}>修改</a> },
          ]}
        />
      </Card>
      <UnitModal
        unit={editing}
        all={units.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          units.reload();
        }}
      />
    </div>
  );
}

function UnitModal({ unit, all, onClose, onSaved }: { unit: Unit | 'new' | null; all: Unit[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = unit === 'new';
  const kind = Form.useWatch('kind', form);

  const { submit, busy, error, clearError } = useFormSubmit(form, ['name', 'kind', 'parentId', 'aliases', 'memberKind'], async (v) => {
    const aliases = (v.aliases ?? []).map((a) => a.trim()).filter(Boolean);
    if (isNew) await api.post('/api/v1/units', { body: { name: v.name.trim(), kind: v.kind, parentId: v.parentId, aliases, ...(v.kind === 'collective' && v.memberKind ? { memberKind: v.memberKind } : {}) } });
    else if (unit) await api.patch('/api/v1/units/{id}', { params: { path: { id: unit.id } }, body: { rowVersion: unit.rowVersion, name: v.name.trim(), parentId: v.parentId, aliases } });
    message.success('已保存');
    onSaved();
  });

  return (
    <Modal
      open={!!unit}
      title={isNew ? '新建单位' : '修改单位'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}

      afterOpenChange={(open) => {
        if (!open) return;
        clearError();
        form.resetFields();
        if (unit && unit !== 'new') form.setFieldsValue({ name: unit.name, kind: unit.kind, parentId: unit.parentId ?? undefined, aliases: unit.aliases });
      }}
    >
      <ProblemAlert error={error} />
      <Form form={form} name="unit" layout="vertical" initialValues={{ aliases: [] }}>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input maxLength={100} placeholder="例如：市发改委" />
        </Form.Item>
        <Space wrap>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Select disabled={!isNew} style={{ width: 180 }} options={Object.entries(UNIT_KIND_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {kind === 'collective' && isNew ? (
            <Form.Item label="代表的成员类型" name="memberKind" rules={[{ required: true, message: '请选择成员类型' }]}>
              <Select style={{ width: 180 }} options={Object.entries(UNIT_KIND_NAMES).filter(([k]) => k !== 'collective').map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item label="上级单位" name="parentId">
          <Select allowClear showSearch={{ filterOption: filterUnitOption }} options={unitOptions(all, (u) => u.kind !== 'collective' && (unit === 'new' || u.id !== unit?.id))} />
        </Form.Item>
        <Form.Item label="别名" name="aliases" extra="输入后按回车添加；导入时表中写作别名的，自动匹配到本单位。">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['，', ',', '、']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
