import { Button, Card, Col, Descriptions, Empty, Flex, Row, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ASSIGNMENT_SOURCE_NAMES, AUDIT_ACTION_NAMES, COMPARATOR_NAMES, FIRMNESS_NAMES, LIGHT_NAMES, PROGRESS_STATUS_NAMES } from '../../api/labels';
import { isApiError } from '../../api/problem';
import type { Assignment, Extension, ItemLights, Report, WorkItem } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SimpleList } from '../../components/SimpleList';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ExtensionStatusTag, LightTag, ReportStateTag, RoleTag } from '../../components/Tags';
import { DecideExtensionModal, RequestExtensionModal } from '../extensions/ExtensionModals';
import { deadlineText, dueOf } from './deadlines';

export default function WorkItemPage() {
  const { id } = useParams<{ id: string }>();
  const item = useLoad(() => api.get('/api/v1/work-items/{id}', { params: { path: { id: id! } } }), [id]);
  return (
    <LoadState loading={item.loading && !item.data} error={item.error} what="该工作事项" onRetry={item.reload}>
      {item.data ? <WorkItemView item={item.data} reloadItem={item.reload} /> : null}
    </LoadState>
  );
}

function WorkItemView({ item, reloadItem }: { item: WorkItem; reloadItem: () => void }) {
  const { me, can } = useAuth();
  const lights = useLoad(() => api.get('/api/v1/work-items/{id}/lights', { params: { path: { id: item.id } } }), [item.id, item.light, item.extendedTo]);
  const extensions = useLoad(async () => (await api.get('/api/v1/extensions', { params: { query: { planId: item.planId } } })).filter((e) => e.workItemId === item.id), [item.id]);
  const audit = useLoad(() => api.get('/api/v1/audit-events', { params: { query: { entityType: 'WorkItem', entityId: item.id } } }), [item.id, extensions.data]);
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ e: Extension; approve: boolean } | null>(null);

  const due = dueOf(item);
  const isLead = item.assignments.some((a) => a.role === 'lead' && a.unitId === me?.unitId);
  const hasPending = extensions.data?.some((e) => e.status === 'pending' && e.unitId === me?.unitId);
  const mayRequest = can('extensions:request') && isLead && !!due.date && !hasPending;

  const afterDecision = () => {
    setDeciding(null);
    extensions.reload();
    reloadItem();
  };

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            <span>
              序号 {item.seq}
              {item.itemNo > 1 ? `（第 ${item.itemNo} 项）` : ''}
            </span>
            <LightTag light={item.light} reasons={item.lightReasons} />
          </Space>
        }
        sub={[item.area ? `${item.area.label ? `${item.area.label}、` : ''}${item.area.title}` : null, item.measure?.title].filter(Boolean).join(' › ')}
        extra={
          <>
            <Link to={`/work-items?planId=${item.planId}`}>
              <Button>返回事项列表</Button>
            </Link>
            {mayRequest ? (
              <Button type="primary" onClick={() => setRequesting(true)}>
                申请延期
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 8, fontSize: 15 }}>{item.text}</Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'due', label: '完成时限', children: due.text },
            { key: 'light', label: '红黄绿灯', children: item.light ? LIGHT_NAMES[item.light] : '未评定' },
            { key: 'reason', label: '灯色原因', children: item.lightReasons.map((r) => r.message).join('；') || '—' },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="责任单位">
            <Responsibility assignments={item.assignments} lights={lights.data} />
            {item.endedAssignments.length ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">重新导入后不再负责的单位（其报告保留）：</Typography.Text>
                {item.endedAssignments.map((a) => (
                  <Tag key={`${a.unitId}-${a.role}`} style={{ marginTop: 4 }}>
                    {a.unitName}（{a.role === 'lead' ? '牵头' : '配合'}，{day(a.endedAt)}起）
                  </Tag>
                ))}
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="目标" style={{ marginBottom: 16 }}>
            {item.targets.length ? (
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={item.targets.map((t, i) => ({ ...t, key: i }))}
                scroll={{ x: 480 }}
                columns={[
                  { title: '年份', dataIndex: 'year', width: 70, render: (y: number | null) => (y ? `${y}年` : '—') },
                  {
                    title: '目标值',
                    width: 150,
                    render: (_, t) =>
                      t.value !== null ? `${COMPARATOR_NAMES[t.comparator] ?? t.comparator} ${t.value}${t.unit ?? ''}` : (COMPARATOR_NAMES[t.comparator] ?? '定性目标'),
                  },
                  { title: '力度', dataIndex: 'firmness', width: 60, render: (f: string | null) => (f ? FIRMNESS_NAMES[f] ?? f : '—') },
                  { title: '原文', dataIndex: 'text' },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">本事项没有量化目标。</Typography.Text>
            )}
          </Card>
          <Card size="small" title="完成时限">
            <SimpleList
              items={item.deadlines}
              keyOf={(d, i) => `${d.kind}-${i}`}
              empty={<Typography.Text type="secondary">分工表未写明完成时限</Typography.Text>}
              render={(d) => deadlineText(d)}
            />
            {item.extendedTo ? (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                <Tag color="gold">已批准延期至 {day(item.extendedTo)}</Tag>原期限保留，红黄绿灯按批准日期计算。
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
      </Row>

      <LightHistory lights={lights.data} loading={lights.loading} error={lights.error} />

      <ItemReports item={item} />

      <Card size="small" title="延期申请" style={{ marginTop: 16 }} extra={mayRequest ? <a onClick={() => setRequesting(true)}>申请延期</a> : null}>
        <LoadState loading={extensions.loading && !extensions.data} error={extensions.error}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={extensions.data ?? []}
            scroll={{ x: 700 }}
            locale={{ emptyText: isLead && can('extensions:request') ? '没有延期申请。如不能按期完成，请在期限届满前申请延期。' : '没有延期申请。' }}
            columns={[
              { title: '申请单位', dataIndex: 'unitName', width: 120 },
              { title: '原期限', dataIndex: 'originalDate', width: 130, render: day },
              { title: '申请延至', dataIndex: 'requestedDate', width: 130, render: day },
              { title: '理由', dataIndex: 'reason' },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: Extension['status']) => <ExtensionStatusTag status={s} /> },
              { title: '批复意见', dataIndex: 'decisionReason', render: (r: string | null) => r ?? '—' },
              ...(can('extensions:decide')
                ? [
                    {
                      title: '操作',
                      width: 130,
                      render: (_: unknown, e: Extension) =>
                        e.status === 'pending' ? (
                          <Space>
                            <Button size="small" type="primary" onClick={() => setDeciding({ e, approve: true })}>
                              批准
                            </Button>
                            <Button size="small" danger onClick={() => setDeciding({ e, approve: false })}>
                              驳回
                            </Button>
                          </Space>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </LoadState>
      </Card>

      <Card size="small" title="变更历史" style={{ marginTop: 16 }}>
        <LoadState loading={audit.loading && !audit.data} error={audit.error}>
          {audit.data?.length ? (
            <Timeline
              items={[...audit.data].reverse().map((a) => ({
                key: a.id,
                title: moment(a.occurredAt),
                content: (
                  <span>
                    {AUDIT_ACTION_NAMES[a.action] ?? a.action}
                    {a.actor?.name ? `（${a.actor.name}）` : '（系统）'}
                    <AuditDetail after={a.after} />
                  </span>
                ),
              }))}
            />
          ) : (
            <Typography.Text type="secondary">导入后还没有变更。</Typography.Text>
          )}
        </LoadState>
      </Card>

      <RequestExtensionModal
        workItemId={item.id}
        currentDue={due.date}
        open={requesting}
        onClose={() => setRequesting(false)}
        onDone={() => {
          setRequesting(false);
          extensions.reload();
        }}
      />
      <DecideExtensionModal extension={deciding?.e ?? null} approve={deciding?.approve ?? true} onClose={() => setDeciding(null)} onDone={afterDecision} />
    </div>
  );
}

function LightHistory({ lights, loading, error }: { lights?: ItemLights; loading: boolean; error: unknown }) {
  const [units, setUnits] = useState(false);
  const history = [...(lights?.history ?? [])].filter((h) => units || h.unitId === null).reverse();
  return (
    <Card
      size="small"
      title="红黄绿灯变化"
      style={{ marginTop: 16 }}
      extra={
        <Space>
          <Switch size="small" checked={units} onChange={setUnits} aria-label="包括各责任单位的灯色变化" />
          <span>包括各责任单位</span>
        </Space>
      }
    >
      <LoadState loading={loading && !lights} error={error}>
        {history.length ? (
          <Timeline
            items={history.slice(0, 50).map((h, i) => ({
              key: `${h.at}-${h.unitId ?? 'item'}-${i}`,
              color: h.to === 'green' ? 'green' : h.to === 'red' ? 'red' : h.to === 'yellow' ? 'orange' : 'gray',
              title: moment(h.at),
              content: (
                <span>
                  {h.unitId === null ? '事项' : `${h.unitName ?? ''}（${h.role === 'lead' ? '牵头' : '配合'}）`}：{h.from ? LIGHT_NAMES[h.from] : '未评定'} → {h.to ? LIGHT_NAMES[h.to] : '未评定'}
                  <Typography.Text type="secondary"> {h.reasons.map((r) => r.message).join('；')}</Typography.Text>
                </span>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">还没有灯色变化记录。</Typography.Text>
        )}
      </LoadState>
    </Card>
  );
}

function AuditDetail({ after }: { after: unknown }) {
  if (!after || typeof after !== 'object') return null;
  const a = after as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof a.from === 'string' && typeof a.to === 'string') parts.push(`${day(a.from)} → ${day(a.to)}`);
  if (typeof a.requestedDate === 'string') parts.push(`延至 ${day(a.requestedDate)}`);
  if (typeof a.reason === 'string') parts.push(`理由：${a.reason}`);
  if (!parts.length) return null;
  return <Typography.Text type="secondary">：{parts.join('；')}</Typography.Text>;
}

/** Lead units, then supporting units with each collective's members under it (fan-out). */
function Responsibility({ assignments, lights }: { assignments: Assignment[]; lights?: ItemLights }) {
  const lightOf = (unitId: string, role: string) => lights?.units.find((u) => u.unitId === unitId && u.role === role);
  const leads = assignments.filter((a) => a.role === 'lead').sort((a, b) => Number(b.principal) - Number(a.principal));
  const supporting = assignments.filter((a) => a.role === 'supporting');
  const fanout = new Map<string, Assignment[]>();
  for (const a of supporting.filter((s) => s.source === 'fanout' && s.viaUnitName)) fanout.set(a.viaUnitName!, [...(fanout.get(a.viaUnitName!) ?? []), a]);
  const direct = supporting.filter((s) => s.source !== 'fanout' && !fanout.has(s.unitName));
  const unitLine = (a: Assignment, grouped = false) => {
    const l = lightOf(a.unitId, a.role);
    return (
      <Flex key={`${a.unitId}-${a.role}`} gap={6} align="center" wrap>
        <span>{a.unitName}</span>
        {a.principal ? <Tag color="geekblue">主牵头</Tag> : null}
        {a.source !== 'table' && !grouped ? <Tag>{ASSIGNMENT_SOURCE_NAMES[a.source]}</Tag> : null}
        {l ? <LightTag light={l.light} reasons={l.reasons} /> : null}
      </Flex>
    );
  };
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <RoleTag role="lead" /> 牵头单位
      </Typography.Title>
      {leads.length ? <Space orientation="vertical">{leads.map((a) => unitLine(a))}</Space> : <Typography.Text type="warning">分工表未明确牵头单位</Typography.Text>}
      <Typography.Title level={5}>
        <RoleTag role="supporting" /> 配合单位
      </Typography.Title>
      {direct.length || fanout.size ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {direct.map((a) => unitLine(a))}
          {[...fanout.entries()].map(([collective, members]) => (
            <div key={collective}>
              <Typography.Text strong>{collective}</Typography.Text>
              <Typography.Text type="secondary">（展开为 {members.length} 个单位）</Typography.Text>
              <div style={{ paddingInlineStart: 16, borderInlineStart: '2px solid #f0f0f0', marginTop: 4 }}>
                <Space orientation="vertical">{members.map((a) => unitLine(a, true))}</Space>
              </div>
            </div>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">无</Typography.Text>
      )}
      {assignments[0]?.cellText ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          分工表原文：{[...new Set(assignments.map((a) => a.cellText).filter(Boolean))].join(' ｜ ')}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

/** This item's reports and contributions in one reporting period. */
function ItemReports({ item }: { item: WorkItem }) {
  const periods = useLoad(() => api.get('/api/v1/plans/{planId}/periods', { params: { path: { planId: item.planId } } }), [item.planId]);
  const [chosen, setChosen] = useState<string>();
  const sorted = useMemo(() => [...(periods.data ?? [])].sort((a, b) => (a.startDate < b.startDate ? 1 : -1)), [periods.data]);
  const periodId = chosen ?? sorted[0]?.id;
  // The API lists a period's reports by unit or state, not by item: the console filters the page it gets.
  const reports = useLoad(async () => (await api.get('/api/v1/periods/{periodId}/reports', { params: { path: { periodId: periodId! } } })).filter((r) => r.workItemId === item.id), [periodId, item.id], !!periodId);
  const rows = [...(reports.data ?? [])].sort((a, b) => (a.kind === b.kind ? a.unitName.localeCompare(b.unitName, 'zh') : a.kind === 'report' ? -1 : 1));

  return (
    <Card
      size="small"
      title="进展报告与配合情况"
      style={{ marginTop: 16 }}
      extra={
        sorted.length > 1 ? (
          <Select aria-label="调度期" size="small" style={{ width: 160 }} value={periodId} onChange={setChosen} options={sorted.map((p) => ({ value: p.id, label: p.label }))} />
        ) : sorted[0] ? (
          <Typography.Text type="secondary">{sorted[0].label}</Typography.Text>
        ) : null
      }
    >
      {periods.error || reports.error ? <ProblemAlert error={periods.error ?? reports.error} /> : null}
      {!periods.loading && !sorted.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有开启调度：办公室开启一期调度后，这里显示各单位的报告。" />
      ) : (
        <Table<Report>
          size="small"
          rowKey="id"
          loading={reports.loading || periods.loading}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={rows}
          scroll={{ x: 640 }}
          locale={{ emptyText: isApiError(reports.error) ? '无法加载' : '本期没有您可查看的报告。' }}
          columns={[
            { title: '单位', dataIndex: 'unitName', width: 140 },
            { title: '类型', dataIndex: 'kind', width: 90, render: (k: Report['kind']) => (k === 'report' ? <Tag color="geekblue">牵头报告</Tag> : <Tag>配合情况</Tag>) },
            { title: '状态', dataIndex: 'state', width: 90, render: (s: Report['state'], r) => <ReportStateTag state={s} kind={r.kind} /> },
            { title: '进展', width: 140, render: (_, r) => (r.status ? `${PROGRESS_STATUS_NAMES[r.status]} ${r.percent ?? 0}%` : '—') },
            { title: '报送时间', dataIndex: 'submittedAt', width: 150, render: moment },
            { title: '', width: 70, render: (_, r) => <Link to={`/reports/${r.id}`}>查看</Link> },
          ]}
        />
      )}
    </Card>
  );
}
