import { Button, Card, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { PLAN_STATUS_NAMES, PLAN_VISIBILITY_NAMES } from '../../api/labels';
import type { Plan } from '../../api/views';
import { useAuth } from '../../app/auth';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { loadPlans } from '../../components/usePlans';
import { useUnits } from '../../components/useUnits';

export default function PlansPage() {
  const { can } = useAuth();
  const plans = useLoad(() => loadPlans(true), []);
  const units = useUnits();
  const unitName = (id: string | null) => (id ? (units.data?.find((u) => u.id === id)?.name ?? '—') : '—');
  return (
    <div>
      <PageHeader
        title="实施方案"
        extra={
          can('plans:write') ? (
            <Link to="/plans/new">
              <Button type="primary">新建方案</Button>
            </Link>
          ) : null
        }
      />
      <LoadState loading={plans.loading} error={plans.error}>
        {plans.data?.length ? (
          <Card size="small">
            <Table<Plan>
              rowKey="id"
              dataSource={plans.data}
              pagination={false}
              scroll={{ x: 760 }}
              columns={[
                { title: '方案名称', dataIndex: 'title', render: (t: string, p) => <Link to={`/plans/${p.id}`}>{t}</Link> },
                { title: '文号', dataIndex: 'documentNumber', width: 150, render: (d: string | null) => d ?? '—' },
                { title: '所属行政区', width: 120, render: (_, p) => unitName(p.jurisdictionId) },
                { title: '期限', width: 120, render: (_, p) => (p.horizonStartYear ? `${p.horizonStartYear}–${p.horizonEndYear ?? ''}年` : '—') },
                { title: '事项数', dataIndex: 'workItemCount', width: 80 },
                { title: '状态', width: 90, render: (_, p) => <Tag>{PLAN_STATUS_NAMES[p.status]}</Tag> },
                { title: '公开范围', width: 90, render: (_, p) => PLAN_VISIBILITY_NAMES[p.visibility] },
              ]}
            />
          </Card>
        ) : (
          <Empty description={can('plans:write') ? '还没有实施方案。新建方案后，导入其任务分工表即可生成全部工作事项。' : '还没有可查看的实施方案。'}>
            {can('plans:write') ? (
              <Link to="/plans/new">
                <Button type="primary">新建方案</Button>
              </Link>
            ) : null}
          </Empty>
        )}
      </LoadState>
    </div>
  );
}
