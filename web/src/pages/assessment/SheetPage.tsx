import { App, Button, Card, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Data } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { downloadSheet, has, num, RoundStateTag, scorable, ScoreModal, SheetSummary, TYPE_NAMES, useLast, useSchemeCriteria, type Criterion } from './shared';

type Trace = Data<'/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/trace', 'get'>;
type TraceRecord = Trace['records'][number];
const RECORD_TYPES: Record<string, string> = { ProgressReport: '进展报告', WorkItem: '工作事项', ExtensionRequest: '延期申请', SupervisionNotice: '督办单' };

/** 单位评分表 for the office and leaders: each criterion with what it rests on, and the office's adjustment. */
export default function SheetPage() {
  const { id = '', unitId = '' } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const manage = can('assessment:manage');
  const evaluator = can('assessment:evaluate') && !manage;
  const round = useLoad(() => api.get('/api/v1/assessment-rounds/{id}', { params: { path: { id } } }), [id]);
  const sheet = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/sheets/{unitId}', { params: { path: { id, unitId } } }), [id, unitId]);
  const scheme = useSchemeCriteria(round.data?.planId, round.data?.year);
  // An evaluator scores only what the office assigned to them (the service refuses the rest with 403).
  const mine = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/my-evaluations', { params: { path: { id } } }), [id], evaluator);
  const [tracing, setTracing] = useState<Criterion>();
  const [changing, setChanging] = useState<Criterion>();
  const changingShown = useLast(changing);
  const [error, setError] = useState<unknown>();
  const r = round.data;
  const s = sheet.data;
  if (!r || !s) return <LoadState loading={round.loading || sheet.loading} error={round.error ?? sheet.error} what="单位评分表" onRetry={sheet.reload}>{null}</LoadState>;

  // What "change" means depends on the state: the office adjusts in review and corrects once frozen; an evaluator scores.
  const mode = manage && r.state === 'review' ? 'adjust' : manage && r.state === 'frozen' ? 'correct' : evaluator && ['self_assessment', 'review'].includes(r.state) ? 'evaluate' : null;
  const changeLabel = { adjust: '调整', correct: '更正', evaluate: '评分' } as const;
  const exportSheet = async () => {
    setError(undefined);
    try {
      await downloadSheet(r, s);
    } catch (e) {
      setError(e);
    }
  };
  const partName = new Map(s.parts.map((p) => [p.key, p.name]));
  const assigned = new Set((mine.data ?? []).filter((a) => a.unitId === unitId).map((a) => a.criterionKey));
  const mayChange = (c: Criterion) => mode !== null && (mode !== 'evaluate' || (scorable(c) && assigned.has(c.key)));

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            <span>
              {s.unitName} · {r.year} 年度考核评分表
            </span>
            <RoundStateTag round={r} />
          </Space>
        }
        sub={<Link to={`/assessment-rounds/${id}`}>返回 {r.year} 年度考核</Link>}
        extra={<Button onClick={exportSheet}>下载评分表.xlsx</Button>}
      />
      <ProblemAlert error={error ?? mine.error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <SheetSummary sheet={s} testId="sheet" after={<Descriptions.Item label="各部分">{s.parts.map((p) => `${p.name} ${num(p.score)}（权重 ${num(p.weight)}%）`).join('；')}</Descriptions.Item>} />
      </Card>
      <Card size="small" title="各项指标">
        <Table<Criterion>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={s.criteria}
          scroll={{ x: 1180 }}
          columns={[
            { title: '部分', width: 110, render: (_, c) => partName.get(c.partKey) ?? c.partKey },
            { title: '指标', dataIndex: 'name', width: 170 },
            { title: '类型', dataIndex: 'type', width: 60, render: (t: string) => TYPE_NAMES[t] ?? t },
            {
              title: '计分依据',
              render: (_, c) =>
                c.type === 'computed' ? (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text type="secondary">{c.formula}</Typography.Text>
                    <span>计算值 {num(c.computed)}</span>
                  </Space>
                ) : c.type === 'veto' ? (
                  c.vetoTriggered ? <Tag color="red">已触发否决</Tag> : '未触发'
                ) : (
                  <Space orientation="vertical" size={0}>
                    <span>自评：{has(c.selfScore) ? `${num(c.selfScore)}，${c.selfReason ?? ''}` : '未自评'}</span>
                    {c.selfEvidence ? <Typography.Text type="secondary">佐证：{c.selfEvidence}</Typography.Text> : null}
                    <span>评估：{has(c.evaluatorScore) ? `${num(c.evaluatorScore)}，${c.evaluatorReason ?? ''}` : '未评分'}</span>
                  </Space>
                ),
            },
            { title: '复核调整', width: 170, render: (_, c) => (has(c.adjustedScore) ? `${num(c.adjustedScore)}（${c.adjustReason ?? ''}）` : c.adjustReason ? `（${c.adjustReason}）` : '—') },
            { title: '得分', dataIndex: 'points', width: 70, render: (p: number) => <Typography.Text strong>{num(p)}</Typography.Text> },
            {
              title: '操作',
              width: 110,
              fixed: 'right',
              render: (_, c) => (
                <Space size={0}>
                  {!scorable(c) ? (
                    <Button type="link" size="small" onClick={() => setTracing(c)}>
                      依据
                    </Button>
                  ) : null}
                  {mode && mayChange(c) ? (
                    <Button type="link" size="small" onClick={() => setChanging(c)} aria-label={`${changeLabel[mode]}「${c.name}」`}>
                      {changeLabel[mode]}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Drawer open={!!tracing} size={720} title={tracing ? `${tracing.name} · 得分依据` : ''} onClose={() => setTracing(undefined)}>
        {tracing ? <TraceView roundId={id} unitId={unitId} criterion={tracing} /> : null}
      </Drawer>
      {mode ? (
        <ScoreModal
          open={!!changing}
          title={changingShown ? `${changeLabel[mode]}：${changingShown.name}` : ''}
          okText={mode === 'evaluate' ? '保存评分' : changeLabel[mode]}
          reasonLabel={mode === 'evaluate' ? '评分说明' : mode === 'adjust' ? '调整理由' : '更正理由'}
          veto={changingShown?.type === 'veto'}
          scheme={changingShown?.type === 'judged' ? scheme.get(changingShown.key) : undefined}
          initial={
            !changingShown
              ? undefined
              : mode === 'evaluate'
                ? // An evaluator revises their own judgement, not the points the office may since have adjusted.
                  changingShown.type === 'veto'
                  ? { triggered: changingShown.evaluatorReason !== null ? (changingShown.vetoTriggered ?? undefined) : undefined, reason: changingShown.evaluatorReason ?? '' }
                  : { score: changingShown.evaluatorScore ?? undefined, reason: changingShown.evaluatorReason ?? '' }
                : changingShown.type === 'veto'
                  ? { triggered: changingShown.vetoTriggered ?? undefined }
                  : { score: changingShown.points }
          }
          intro={
            mode === 'correct' ? (
              <Typography.Paragraph type="warning">结果已锁定：更正会生成新的结果版本，原版本保留。</Typography.Paragraph>
            ) : mode === 'adjust' && changingShown?.type === 'computed' ? (
              <Typography.Paragraph type="secondary">计算值 {num(changingShown.computed)} 保留可查；调整后按调整分计入。</Typography.Paragraph>
            ) : null
          }
          onCancel={() => setChanging(undefined)}
          onSubmit={async (v) => {
            const path = { id, unitId, key: changing!.key };
            const body = { score: v.score, triggered: v.triggered, reason: v.reason };
            if (mode === 'adjust') sheet.setData(await api.put('/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/adjustment', { params: { path }, body }));
            else if (mode === 'evaluate') sheet.setData(await api.put('/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/evaluation', { params: { path }, body }));
            else {
              await api.post('/api/v1/assessment-rounds/{id}/corrections', { params: { path: { id } }, body: { ...body, unitId, criterionKey: changing!.key } });
              sheet.reload();
              round.reload();
            }
            setChanging(undefined);
            message.success(mode === 'correct' ? '已更正，生成了新的结果版本' : mode === 'adjust' ? '已调整，得分和排名已重新计算' : '评分已保存');
          }}
        />
      ) : null}
    </div>
  );
}

/** The facts a computed criterion was scored on, as stored when the round opened, each record linked where it has a page. */
function TraceView({ roundId, unitId, criterion }: { roundId: string; unitId: string; criterion: Criterion }) {
  const trace = useLoad(
    () => api.get('/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/trace', { params: { path: { id: roundId, unitId, key: criterion.key } } }),
    [roundId, unitId, criterion.key],
  );
  const t = trace.data;
  const link = (rec: TraceRecord) =>
    rec.type === 'ProgressReport' ? <Link to={`/reports/${rec.id}`}>{rec.label}</Link> : rec.type === 'WorkItem' ? <Link to={`/work-items/${rec.id}`}>{rec.label}</Link> : rec.label;
  return (
    <LoadState loading={trace.loading} error={trace.error} onRetry={trace.reload}>
      {t ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="公式" span={2}>
              {t.formula}
            </Descriptions.Item>
            <Descriptions.Item label="计算值">{num(t.computed)}</Descriptions.Item>
            <Descriptions.Item label="得分">{num(t.points)}</Descriptions.Item>
            <Descriptions.Item label="牵头 / 配合">
              {t.lead} / {t.supporting}
            </Descriptions.Item>
            <Descriptions.Item label="达标 / 应计">
              {t.met} / {t.due}
            </Descriptions.Item>
          </Descriptions>
          <Table<TraceRecord>
            rowKey={(rec) => `${rec.type}-${rec.id}-${rec.role}`}
            size="small"
            pagination={t.records.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            dataSource={t.records}
            locale={{ emptyText: '没有涉及的记录：本项按“无应计事项”计分。' }}
            columns={[
              { title: '类型', dataIndex: 'type', width: 90, render: (ty: string) => RECORD_TYPES[ty] ?? ty },
              { title: '记录', render: (_, rec) => link(rec) },
              { title: '角色', dataIndex: 'role', width: 60, render: (ro: string) => (ro === 'lead' ? '牵头' : '配合') },
              { title: '计入', dataIndex: 'counted', width: 60, render: (c: boolean) => (c ? <Tag color="blue">计入</Tag> : <Tag>不计</Tag>) },
              { title: '说明', dataIndex: 'note', width: 180 },
            ]}
          />
        </Space>
      ) : null}
    </LoadState>
  );
}

