import { Card, Col, Empty, Flex, Progress, Row, Select, Statistic, Table, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { isApiError } from '../../api/problem';
import { LIGHT_COLORS, LIGHT_NAMES } from '../../api/labels';
import type { Dashboard, LightColor, LightCounts } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, percent } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { EChart, type ChartOption } from '../../components/EChart';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SimpleList } from '../../components/SimpleList';
import { usePlanChoice } from '../../components/usePlans';

const COLORS: (LightColor | 'none')[] = ['red', 'yellow', 'green', 'none'];
const COLOR_NAMES: Record<LightColor | 'none', string> = { ...LIGHT_NAMES, none: '暂无数据' };

function itemsLink(planId: string, filters: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams({ planId });
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return `/work-items?${q}`;
}

/** A count that opens the list behind it; zero stays plain text (there is nothing to open). */
function Figure({ n, to, label }: { n: number; to: string; label: string }) {
  if (!n) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Link to={to} aria-label={`${label}：${n} 项，查看清单`}>
      {n}
    </Link>
  );
}

export default function DashboardPage() {
  const { plans, plan, choose } = usePlanChoice();
  const { can } = useAuth();
  const navigate = useNavigate();
  // The period picked for the reporting table belongs to the plan it was picked in: another plan starts at its own default.
  const [picked, pick] = useState<{ planId: string; periodId: string }>();
  const periodId = picked && picked.planId === plan?.id ? picked.periodId : undefined;
  const figures = useLoad(() => api.get('/api/v1/dashboard', { params: { query: { planId: plan!.id, ...(periodId ? { periodId } : {}) } } }), [plan?.id, periodId], !!plan);
  const d = figures.data;
  // A picked period the service no longer knows (deleted, or picked from the previous plan's list while the
  // next one loaded) falls back to the default instead of leaving the page on an error.
  const periodGone = !!periodId && isApiError(figures.error) && figures.error.code === 'PERIOD.NOT_FOUND';
  useEffect(() => {
    if (periodGone) pick(undefined);
  }, [periodGone]);
  // The review queue is the office's screen (unit heads review contributions on their own batch screen).
  const mayReview = can('periods:manage');

  const totals = useMemo(() => {
    const t: LightCounts = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const a of d?.byAreaLight ?? []) for (const c of COLORS) t[c] += a[c];
    return t;
  }, [d]);

  const areaOption = useMemo<ChartOption>(() => {
    const areas = d?.byAreaLight ?? [];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: COLORS.map((c) => COLOR_NAMES[c]), top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: areas.map((a) => `${a.label ? `${a.label}、` : ''}${a.title}`), axisLabel: { width: 180, overflow: 'truncate' } },
      series: COLORS.map((c) => ({
        id: c,
        name: COLOR_NAMES[c],
        type: 'bar',
        stack: 'lights',
        itemStyle: { color: LIGHT_COLORS[c] },
        emphasis: { focus: 'series' },
        data: areas.map((a) => a[c]),
        cursor: 'pointer',
      })),
    };
  }, [d]);

  return (
    <div>
      <PageHeader
        title="工作台"
        sub={d ? `数据截至 ${day(d.today)}，按您的查看范围统计` : undefined}
        extra={
          plans.data && plans.data.length > 1 ? (
            <Select
              aria-label="选择方案"
              style={{ minWidth: 280 }}
              value={plan?.id}
              onChange={choose}
              options={plans.data.map((p) => ({ value: p.id, label: p.title }))}
            />
          ) : null
        }
      />
      <LoadState loading={plans.loading || (!!plan && figures.loading && !d)} error={plans.error ?? figures.error} what="方案" onRetry={figures.reload}>
        {!plan ? (
          <Empty description={can('plans:write') ? '还没有实施方案：请先在「实施方案」中新建方案并导入任务分工表。' : '还没有可查看的实施方案。'}>
            {can('plans:write') ? <Link to="/plans/new">新建方案</Link> : null}
          </Empty>
        ) : d ? (
          <DashboardBody
            d={d}
            planId={plan.id}
            totals={totals}
            areaOption={areaOption}
            mayReview={mayReview}
            navigate={navigate}
            reloading={figures.loading}
            onPeriod={(id) => pick({ planId: plan.id, periodId: id })}
          />
        ) : null}
      </LoadState>
    </div>
  );
}

function DashboardBody({
  d,
  planId,
  totals,
  areaOption,
  mayReview,
  navigate,
  reloading,
  onPeriod,
}: {
  d: Dashboard;
  planId: string;
  totals: LightCounts;
  areaOption: ChartOption;
  mayReview: boolean;
  navigate: (to: string) => void;
  reloading: boolean;
  onPeriod: (periodId: string) => void;
}) {
  const units = [...d.byUnitLight].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.unitName.localeCompare(b.unitName, 'zh'));
  const reviewLink = (periodId: string, unitId: string, state?: string) => `/reporting?${new URLSearchParams({ planId, periodId, unitId, ...(state ? { state } : {}) })}`;
  return (
    <>
      <Flex wrap gap={16}>
        {(['red', 'yellow', 'green'] as const).map((c) => (
          <Link key={c} to={itemsLink(planId, { light: c })} aria-label={`${LIGHT_NAMES[c]}事项 ${totals[c]} 项，查看清单`} style={{ flex: '1 1 160px' }}>
            <Card hoverable size="small">
              <Statistic title={`${LIGHT_NAMES[c]}事项`} value={totals[c]} suffix="项" styles={{ content: { color: LIGHT_COLORS[c] } }} />
            </Card>
          </Link>
        ))}
        <Card size="small" style={{ flex: '1 1 160px' }}>
          <Statistic title="暂无数据（未到首次报送）" value={totals.none} suffix="项" styles={{ content: { color: '#8c8c8c' } }} />
        </Card>
        <Card size="small" style={{ flex: '1 1 160px' }}>
          <Statistic title="逾期事项" value={d.overdue.length} suffix="项" styles={{ content: { color: d.overdue.length ? LIGHT_COLORS.red : undefined } }} />
        </Card>
      </Flex>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title="各重点领域红黄绿灯" size="small">
            {d.byAreaLight.length ? (
              <Tabs
                size="small"
                items={[
                  {
                    key: 'chart',
                    label: '图',
                    children: (
                      <EChart
                        ariaLabel="各重点领域红黄绿灯事项数（点击色块查看清单）"
                        height={Math.max(240, d.byAreaLight.length * 30 + 60)}
                        option={areaOption}
                        onClick={({ seriesId, dataIndex }) => {
                          const area = d.byAreaLight[dataIndex];
                          if (area?.areaId && seriesId && seriesId !== 'none') navigate(itemsLink(planId, { areaId: area.areaId, light: seriesId }));
                        }}
                      />
                    ),
                  },
                  {
                    key: 'table',
                    label: '表',
                    children: (
                      <Table
                        size="small"
                        pagination={false}
                        rowKey={(a) => a.areaId ?? 'none'}
                        dataSource={d.byAreaLight}
                        columns={[
                          {
                            title: '重点领域',
                            render: (_, a) =>
                              a.areaId ? <Link to={itemsLink(planId, { areaId: a.areaId })}>{`${a.label ? `${a.label}、` : ''}${a.title}`}</Link> : (a.title || '未归入重点领域'),
                          },
                          ...(['red', 'yellow', 'green'] as const).map((c) => ({
                            title: LIGHT_NAMES[c],
                            width: 64,
                            render: (_: unknown, a: Dashboard['byAreaLight'][number]) =>
                              a.areaId ? <Figure n={a[c]} label={`${a.title}${LIGHT_NAMES[c]}`} to={itemsLink(planId, { areaId: a.areaId, light: c })} /> : a[c],
                          })),
                        ]}
                      />
                    ),
                  },
                ]}
              />
            ) : (
              <Empty description="本方案还没有工作事项：请先导入任务分工表。" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="逾期事项" size="small" styles={{ body: { maxHeight: 420, overflow: 'auto' } }}>
            <SimpleList
              items={d.overdue}
              keyOf={(o) => o.workItemId}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期事项" />}
              render={(o) => (
                <>
                  <Link to={`/work-items/${o.workItemId}`} style={{ fontWeight: 500 }}>
                    序号 {o.seq}
                    {o.itemNo > 1 ? `（${o.itemNo}）` : ''}：{o.text.length > 40 ? `${o.text.slice(0, 40)}…` : o.text}
                  </Link>
                  <div>
                    <Typography.Text type="secondary">{o.reasons.map((r) => r.message).join('；')}</Typography.Text>
                  </div>
                </>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title="各责任单位红黄绿灯" size="small" extra={<Typography.Text type="secondary">点击数字查看事项</Typography.Text>}>
            <Table
              size="small"
              rowKey="unitId"
              dataSource={units}
              pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
              scroll={{ x: 420 }}
              locale={{ emptyText: '暂无单位灯色：开启调度或导入任务分工表后自动计算。' }}
              columns={[
                { title: '单位', dataIndex: 'unitName', render: (name: string, u) => <Link to={itemsLink(planId, { unitId: u.unitId })}>{name}</Link> },
                ...COLORS.map((c) => ({
                  title: COLOR_NAMES[c],
                  width: 70,
                  render: (_: unknown, u: Dashboard['byUnitLight'][number]) =>
                    c === 'none' ? u.none : <Figure n={u[c]} label={`${u.unitName}${LIGHT_NAMES[c]}`} to={itemsLink(planId, { unitId: u.unitId, light: c })} />,
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="缺报单位" size="small">
            <SimpleList
              items={d.unitsWithMissingReports}
              keyOf={(u) => `${u.unitId}-${u.periodId}`}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有超过截止日仍未报送的单位" />}
              render={(u) => (
                <Flex justify="space-between" gap={8}>
                  <span>
                    {u.unitName}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {u.period}
                    </Typography.Text>
                  </span>
                  {mayReview ? <Link to={reviewLink(u.periodId, u.unitId, 'pending')}>缺报 {u.missing} 份</Link> : <span>缺报 {u.missing} 份</span>}
                </Flex>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Card
        title="按期报送率"
        size="small"
        style={{ marginTop: 16 }}
        extra={
          d.periods.length > 0 ? (
            <Select
              aria-label="选择调度期"
              size="small"
              disabled={reloading}
              style={{ minWidth: 220 }}
              value={d.periodId ?? undefined}
              onChange={onPeriod}
              options={d.periods.map((p) => ({ value: p.id, label: `${p.label}（${day(p.dueDate)} 截止）` }))}
            />
          ) : null
        }
      >
        <Table
          size="small"
          loading={reloading}
          rowKey={(r) => `${r.unitId}-${r.periodId}`}
          dataSource={d.reporting}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: '还没有开启调度：办公室在「调度与审核」中开启一期后，这里显示各单位的报送情况。' }}
          columns={[
            { title: '单位', dataIndex: 'unitName', render: (name: string, r) => (mayReview ? <Link to={reviewLink(r.periodId, r.unitId)}>{name}</Link> : name) },
            { title: '应报', dataIndex: 'expected', width: 60 },
            { title: '已报', dataIndex: 'submitted', width: 60 },
            { title: '按期', dataIndex: 'onTime', width: 60 },
            { title: '缺报', dataIndex: 'missing', width: 60 },
            {
              title: '按期报送率',
              dataIndex: 'onTimeRate',
              width: 150,
              render: (rate: number | null) => (rate === null ? '—' : <Progress percent={Math.round(rate * 100)} size="small" format={() => percent(rate)} />),
            },
          ]}
        />
      </Card>
    </>
  );
}
