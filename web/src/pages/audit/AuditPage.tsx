import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, download } from '../../api/client';
import { AUDIT_ACTION_NAMES } from '../../api/labels';
import { problemText } from '../../api/problem';
import type { AuditEvent } from '../../api/views';
import { dayjs, moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';

const ENTITY_NAMES: Record<string, string> = {
  Plan: '方案',
  Unit: '单位',
  WorkItem: '工作事项',
  User: '用户',
  ImportRun: '导入',
  ProgressReport: '进展报告',
  ExtensionRequest: '延期申请',
  ReportingPeriod: '调度期',
  AssignmentProposal: '分工修改意见',
  AuditTrail: '审计记录',
};
type Entity = 'Plan' | 'Unit' | 'WorkItem' | 'User' | 'ImportRun' | 'ProgressReport' | 'ExtensionRequest' | 'ReportingPeriod' | 'AssignmentProposal';
const PAGE_SIZE = 50;

/** The office searches the whole audit trail and exports what it found (Excel or CSV, Beijing time). */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const page = Number(get('page') ?? 1) || 1;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const filters = { entityType: get('entityType') as Entity | undefined, action: get('action'), from: get('from'), to: get('to') };
  const result = useLoad(() => api.get('/api/v1/audit-events/search', { params: { query: { ...filters, page, pageSize: PAGE_SIZE } } }), [filters.entityType, filters.action, filters.from, filters.to, page]);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const { message } = App.useApp();

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      const q = new URLSearchParams(Object.entries({ ...filters, format }).filter((e): e is [string, string] => !!e[1]));
      await download(`/api/v1/audit-events/export?${q}`, `审计记录-${dayjs().format('YYYYMMDD')}.${format}`);
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setExporting(null);
    }
  };

  return (
    <div>
      <PageHeader
        title="审计记录"
        sub="每一次变更：谁、何时、改了什么（只可追加，链式签名防篡改）"
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => exportAs('xlsx')}>
              导出 Excel
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => exportAs('csv')}>
              导出 CSV
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            aria-label="对象类型"
            placeholder="对象类型"
            allowClear
            style={{ width: 150 }}
            value={filters.entityType}
            onChange={(v) => set({ entityType: v })}
            options={Object.entries(ENTITY_NAMES).map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="动作"
            placeholder="动作"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            value={filters.action}
            onChange={(v) => set({ action: v })}
            options={Object.entries(AUDIT_ACTION_NAMES).map(([value, label]) => ({ value, label }))}
          />
          <DatePicker.RangePicker
            aria-label="日期（北京时间）"
            format="YYYY年M月D日"
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Space>
      </Card>
      <ProblemAlert error={result.error} />
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={result.loading}
        dataSource={result.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有符合条件的记录。' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, onChange: (p) => set({ page: String(p) }) }}
        expandable={{
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify({ 变更前: e.before, 变更后: e.after }, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'occurredAt', width: 170, render: moment },
          { title: '操作人', width: 150, render: (_, e) => e.actor?.name ?? '系统' },
          { title: '动作', width: 150, render: (_, e) => AUDIT_ACTION_NAMES[e.action] ?? e.action },
          { title: '对象', width: 120, render: (_, e) => ENTITY_NAMES[e.entityType] ?? e.entityType },
          { title: '请求编号', render: (_, e) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.requestId ?? '—'}</Typography.Text> },
        ]}
      />
    </div>
  );
}
