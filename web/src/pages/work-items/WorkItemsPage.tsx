import { Alert, Card, Input, Select, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { LIGHT_NAMES } from '../../api/labels';
import type { LightColor, WorkItem } from '../../api/views';
import { useAuth } from '../../app/auth';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PageHeader } from '../../components/PageHeader';
import { LightTag, RoleTag } from '../../components/Tags';
import { loadPlans } from '../../components/usePlans';
import { filterUnitOption, unitOptions, useUnits } from '../../components/useUnits';
import { dueOf } from './deadlines';

const PAGE_SIZE = 20;
const FILTERS = ['planId', 'areaId', 'unitId', 'role', 'light', 'deadlineYear', 'q'] as const;

export default function WorkItemsPage() {
  const { me } = useAuth();
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

  const plans = useLoad(() => loadPlans(), []);
  const planId = get('planId') ?? plans.data?.[0]?.id;
  const structure = useLoad(() => api.get('/api/v1/plans/{id}/structure', { params: { path: { id: planId! } } }), [planId], !!planId);
  const units = useUnits();
  const query = {
    planId,
    areaId: get('areaId'),
    unitId: get('unitId'),
    role: get('unitId') ? (get('role') as 'lead' | 'supporting' | undefined) : undefined,
    light: get('light') as LightColor | undefined,
    deadlineYear: get('deadlineYear') ? Number(get('deadlineYear')) : undefined,
    q: get('q'),
  };
  const list = useLoad(
    () => api.get('/api/v1/work-items', { params: { query: { ...query, page, pageSize: PAGE_SIZE } } }),
    [...FILTERS.map((k) => query[k]), page],
    !!planId,
  );

  const plan = plans.data?.find((p) => p.id === planId);
  const years: number[] = [];
  for (let y = plan?.horizonStartYear ?? 2021; y <= (plan?.horizonEndYear ?? 2030); y++) years.push(y);
  const myRole = (w: WorkItem) => w.assignments.find((a) => a.unitId === me?.unitId)?.role;
  const filtered = FILTERS.some((k) => k !== 'planId' && get(k));

  return (
    <div>
      <PageHeader title="工作事项" sub={me?.planWide ? '全部方案事项' : '本单位牵头或配合的事项'} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={[8, 8]}>
          {plans.data && plans.data.length > 1 ? (
            <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={(v) => set({ planId: v, areaId: undefined })} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
          ) : null}
          <Select
            aria-label="重点领域"
            placeholder="重点领域"
            allowClear
            style={{ width: 220 }}
            value={get('areaId')}
            onChange={(v) => set({ areaId: v })}
            options={(structure.data ?? []).map((n) => ({ value: n.id, label: `${n.label ? `${n.label}、` : ''}${n.title}` }))}
          />
          <Select
            aria-label="责任单位"
            placeholder="责任单位"
            allowClear
            showSearch={{ filterOption: filterUnitOption }}
            style={{ width: 200 }}
            value={get('unitId')}
            onChange={(v) => set({ unitId: v, role: v ? get('role') : undefined })}
            options={unitOptions(units.data, (u) => u.kind !== 'collective')}
          />
          <Select
            aria-label="牵头或配合"
            placeholder="牵头或配合"
            allowClear
            disabled={!get('unitId')}
            style={{ width: 130 }}
            value={get('role')}
            onChange={(v) => set({ role: v })}
            options={[
              { value: 'lead', label: '牵头' },
              { value: 'supporting', label: '配合' },
            ]}
          />
          <Select
            aria-label="灯色"
            placeholder="灯色"
            allowClear
            style={{ width: 110 }}
            value={get('light')}
            onChange={(v) => set({ light: v })}
            options={(['red', 'yellow', 'green'] as const).map((c) => ({ value: c, label: LIGHT_NAMES[c] }))}
          />
          <Select
            aria-label="期限年份"
            placeholder="期限年份"
            allowClear
            style={{ width: 120 }}
            value={get('deadlineYear')}
            onChange={(v) => set({ deadlineYear: v })}
            options={years.map((y) => ({ value: String(y), label: `${y}年` }))}
          />
          <Input.Search aria-label="工作内容关键词" placeholder="工作内容关键词" allowClear defaultValue={get('q')} onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 220 }} />
        </Space>
      </Card>
      {get('unitId') && get('light') ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="此处按事项的总体灯色筛选；该单位在每个事项中的灯色见事项详情。"
        />
      ) : null}
      <ProblemAlert error={list.error ?? plans.error} />
      <Table<WorkItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{
          emptyText: !planId
            ? '还没有实施方案：办公室新建方案并导入任务分工表后，这里列出全部工作事项。'
            : filtered
              ? '没有符合条件的事项：请放宽筛选条件。'
              : '本方案还没有工作事项：请先导入任务分工表。',
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 项`,
          onChange: (p) => set({ page: String(p) }),
        }}
        columns={[
          { title: '序号', width: 72, render: (_, w) => `${w.seq}${w.itemNo > 1 ? `（${w.itemNo}）` : ''}` },
          {
            title: '工作内容',
            render: (_, w) => (
              <Link to={`/work-items/${w.id}`}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, color: 'inherit' }}>
                  {w.text}
                </Typography.Paragraph>
              </Link>
            ),
          },
          { title: '重点领域', width: 170, render: (_, w) => w.area?.title ?? '—' },
          {
            title: '牵头单位',
            width: 150,
            render: (_, w) =>
              w.assignments
                .filter((a) => a.role === 'lead')
                .map((a) => a.unitName)
                .join('、') || <Typography.Text type="warning">未明确</Typography.Text>,
          },
          ...(!me?.planWide ? [{ title: '本单位', width: 80, render: (_: unknown, w: WorkItem) => (myRole(w) ? <RoleTag role={myRole(w)!} /> : '—') }] : []),
          { title: '期限', width: 150, render: (_, w) => dueOf(w).text },
          { title: '灯色', width: 80, render: (_, w) => <LightTag light={w.light} reasons={w.lightReasons} /> },
        ]}
      />
    </div>
  );
}
