import { Button, Card, Descriptions, Empty, Tabs, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { PLAN_STATUS_NAMES, PLAN_VISIBILITY_NAMES } from '../../api/labels';
import type { PlanNode } from '../../api/views';
import { useAuth } from '../../app/auth';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useUnits } from '../../components/useUnits';
import { ImportHistory, Proposals } from './PlanHistory';
import { ProvisionAccounts } from './ProvisionAccounts';

function toTree(nodes: PlanNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: `${n.label ? `${n.label}、` : ''}${n.title}${n.level === 'area' ? '' : ''}`,
    selectable: false,
    children: [
      ...toTree(n.children),
      ...n.workItems.map((w) => ({
        key: `w:${w.id}`,
        isLeaf: true,
        title: `序号 ${w.seq}${w.itemNo > 1 ? `（${w.itemNo}）` : ''}：${w.text.length > 60 ? `${w.text.slice(0, 60)}…` : w.text}`,
      })),
    ],
  }));
}

export default function PlanPage() {
  const { planId } = useParams<{ planId: string }>();
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const plan = useLoad(() => api.get('/api/v1/plans/{id}', { params: { path: { id: planId! } } }), [planId]);
  const structure = useLoad(() => api.get('/api/v1/plans/{id}/structure', { params: { path: { id: planId! } } }), [planId]);
  const units = useUnits();
  const unitName = (id: string | null) => (id ? (units.data?.find((u) => u.id === id)?.name ?? '—') : '—');
  const p = plan.data;

  return (
    <LoadState loading={plan.loading && !p} error={plan.error} what="该方案">
      {p ? (
        <div>
          <PageHeader
            title={p.title}
            sub={p.documentNumber ?? undefined}
            extra={
              <>
                <Link to={`/work-items?planId=${p.id}`}>
                  <Button>工作事项</Button>
                </Link>
                {can('reports:review') ? (
                  <Link to={`/reporting?planId=${p.id}`}>
                    <Button>调度与审核</Button>
                  </Link>
                ) : null}
                {can('users:write') && me?.planWide ? <ProvisionAccounts planId={p.id} planTitle={p.title} /> : null}
                {can('imports:write') ? (
                  <Link to={`/plans/${p.id}/import`}>
                    <Button type="primary">导入任务分工表</Button>
                  </Link>
                ) : null}
              </>
            }
          />
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'j', label: '所属行政区', children: unitName(p.jurisdictionId) },
                { key: 'i', label: '印发单位', children: unitName(p.issuingUnitId) },
                { key: 'h', label: '期限', children: p.horizonStartYear ? `${p.horizonStartYear}–${p.horizonEndYear ?? ''}年` : '—' },
                { key: 's', label: '状态', children: PLAN_STATUS_NAMES[p.status] },
                { key: 'v', label: '公开范围', children: PLAN_VISIBILITY_NAMES[p.visibility] },
                { key: 'n', label: '工作事项', children: `${p.workItemCount} 项` },
                { key: 'im', label: '每项均需落实的单位', span: 'filled', children: p.implicitSupportingUnitIds.map(unitName).join('、') || '无' },
              ]}
            />
          </Card>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'structure',
                  label: '方案结构',
                  children: (
            <LoadState loading={structure.loading} error={structure.error}>
              {structure.data?.length ? (
                <>
                  <Typography.Paragraph type="secondary">重点领域 › 行动措施 › 工作事项；点击工作事项查看详情。</Typography.Paragraph>
                  <Tree
                    showLine
                    defaultExpandAll
                    treeData={toTree(structure.data)}
                    onSelect={(keys) => {
                      const key = String(keys[0] ?? '');
                      if (key.startsWith('w:')) navigate(`/work-items/${key.slice(2)}`);
                    }}
                  />
                </>
              ) : (
                <Empty description={can('imports:write') ? '还没有导入任务分工表：点击右上角「导入任务分工表」。' : '本方案还没有工作事项。'} />
              )}
            </LoadState>
                  ),
                },
                { key: 'proposals', label: '分工修改意见', children: <Proposals planId={p.id} mayDecide={can('imports:write')} /> },
                ...(can('imports:write') ? [{ key: 'imports', label: '导入记录', children: <ImportHistory planId={p.id} /> }] : []),
              ]}
            />
          </Card>
        </div>
      ) : null}
    </LoadState>
  );
}
