import { App, Button, Card, Empty, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { num, RoundStateTag, scorable, ScoreModal, useLast, useSchemeCriteria, type Criterion } from './shared';

/** The rounds in which an evaluator may score (round.lifecycle.ts: `evaluate` in self-assessment and review). */
const SCORING = ['self_assessment', 'review'];
interface Row {
  unitId: string;
  unitName: string;
  criterion: Criterion;
}

/**
 * 考核评分: the evaluator's list of what to score — the judged criteria of the units the office assigned to
 * them (the service shows an evaluator only those units) — with a score and a comment for each.
 */
export default function EvaluationPage() {
  const { message } = App.useApp();
  const { plans, plan, choose } = usePlanChoice();
  const planId = plan?.id;
  const rounds = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-rounds', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const open = (rounds.data ?? []).filter((r) => SCORING.includes(r.state)).sort((a, b) => b.year - a.year);
  const [chosen, setChosen] = useState<string>();
  const round = open.find((r) => r.id === chosen) ?? open[0];
  const sheets = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/sheets', { params: { path: { id: round!.id } } }), [round?.id], !!round);
  const scheme = useSchemeCriteria(planId, round?.year);
  const [scoring, setScoring] = useState<Row>();
  const scoringShown = useLast(scoring);

  const mine = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/my-evaluations', { params: { path: { id: round!.id } } }), [round?.id], !!round);
  // An evaluator sees what the office assigned to them; the office (which may score anything) sees every judged criterion.
  const everything = useAuth().can('assessment:manage');
  const assigned = new Set((mine.data ?? []).map((a) => `${a.unitId}|${a.criterionKey}`));
  const rows: Row[] = (sheets.data ?? []).flatMap((s) =>
    s.criteria
      .filter((c) => scorable(c) && (everything || assigned.has(`${s.unitId}|${c.key}`)))
      .map((c) => ({ unitId: s.unitId, unitName: s.unitName, criterion: c })),
  );
  // A row is judged once an evaluator (or the office) wrote its reason: the service reports an unjudged veto
  // as not triggered (adjustedVeto ?? vetoTriggered ?? false), so the reason is the only sign nobody decided it.
  const judgedRow = (c: Criterion) => (c.type === 'veto' ? c.evaluatorReason !== null : c.evaluatorScore !== null);
  const done = rows.filter((r) => judgedRow(r.criterion)).length;

  return (
    <div>
      <PageHeader
        title="考核评分"
        sub={round ? `${round.year} 年度考核 · 已评 ${done} / ${rows.length} 项` : '领导小组办公室指定您评分后，待评的单位和指标会出现在这里。'}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} /> : null}
            {open.length > 1 ? <Select aria-label="年度" style={{ width: 120 }} value={round?.id} onChange={setChosen} options={open.map((r) => ({ value: r.id, label: `${r.year} 年度` }))} /> : null}
          </>
        }
      />
      <ProblemAlert error={plans.error} />
      <LoadState loading={plans.loading || rounds.loading} error={rounds.error}>
        {!round ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有处于自评或复核阶段的考核，暂无需要评分的指标。" />
          </Card>
        ) : (
          <Card size="small" title={<>{round.year} 年度考核 <RoundStateTag round={round} /></>}>
            <Typography.Paragraph type="secondary">只能评领导小组办公室指定给您的单位和指标；评分须在本项分值区间内，并写明评分说明。单位的自评仅供参考。</Typography.Paragraph>
            <LoadState loading={(sheets.loading && !sheets.data) || (mine.loading && !mine.data)} error={sheets.error ?? mine.error} onRetry={sheets.reload}>
              <Table<Row>
                rowKey={(r) => `${r.unitId}-${r.criterion.key}`}
                size="small"
                dataSource={rows}
                pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: 960 }}
                locale={{ emptyText: '还没有指定给您的单位。请联系领导小组办公室。' }}
                columns={[
                  { title: '单位', dataIndex: 'unitName', width: 120 },
                  { title: '指标', width: 170, render: (_, r) => r.criterion.name },
                  {
                    title: '分值区间',
                    width: 110,
                    render: (_, r) => {
                      const sc = scheme.get(r.criterion.key);
                      return r.criterion.type === 'veto' ? '否决项' : sc?.rangeMin !== undefined && sc.rangeMax !== undefined ? `${num(sc.rangeMin)} 至 ${num(sc.rangeMax)}` : '—';
                    },
                  },
                  {
                    title: '单位自评',
                    render: (_, r) =>
                      r.criterion.type === 'veto' ? (
                        '—'
                      ) : r.criterion.selfScore !== null ? (
                        <span>
                          {num(r.criterion.selfScore)}，{r.criterion.selfReason}
                          {r.criterion.selfEvidence ? <Typography.Text type="secondary">（佐证：{r.criterion.selfEvidence}）</Typography.Text> : null}
                        </span>
                      ) : (
                        <Typography.Text type="secondary">未自评</Typography.Text>
                      ),
                  },
                  {
                    title: '评分',
                    width: 220,
                    render: (_, r) =>
                      r.criterion.type === 'veto' ? (
                        !judgedRow(r.criterion) ? (
                          <Tag color="orange">未评</Tag>
                        ) : (
                          <span>
                            {r.criterion.vetoTriggered ? <Tag color="red">触发</Tag> : '未触发'}，{r.criterion.evaluatorReason}
                          </span>
                        )
                      ) : r.criterion.evaluatorScore !== null ? (
                        <span>
                          <Typography.Text strong>{num(r.criterion.evaluatorScore)}</Typography.Text>，{r.criterion.evaluatorReason}
                        </span>
                      ) : (
                        <Tag color="orange">未评</Tag>
                      ),
                  },
                  {
                    title: '操作',
                    width: 80,
                    render: (_, r) => (
                      <Button type="link" size="small" aria-label={`评分：${r.unitName}「${r.criterion.name}」`} onClick={() => setScoring(r)}>
                        评分
                      </Button>
                    ),
                  },
                ]}
              />
            </LoadState>
          </Card>
        )}
      </LoadState>
      <ScoreModal
        open={!!scoring}
        title={scoringShown ? `评分：${scoringShown.unitName} · ${scoringShown.criterion.name}` : ''}
        okText="保存评分"
        reasonLabel="评分说明"
        veto={scoringShown?.criterion.type === 'veto'}
        scheme={scoringShown ? scheme.get(scoringShown.criterion.key) : undefined}
        initial={
          scoringShown
            ? scoringShown.criterion.type === 'veto'
              ? { triggered: scoringShown.criterion.vetoTriggered ?? undefined, reason: scoringShown.criterion.evaluatorReason ?? '' }
              : { score: scoringShown.criterion.evaluatorScore ?? undefined, reason: scoringShown.criterion.evaluatorReason ?? '' }
            : undefined
        }
        intro={scoringShown?.criterion.selfScore !== null && scoringShown ? <Typography.Paragraph type="secondary">单位自评 {num(scoringShown.criterion.selfScore)}：{scoringShown.criterion.selfReason}</Typography.Paragraph> : null}
        onCancel={() => setScoring(undefined)}
        onSubmit={async (v) => {
          const s = scoring!;
          const updated = await api.put('/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/evaluation', {
            params: { path: { id: round!.id, unitId: s.unitId, key: s.criterion.key } },
            body: { score: v.score, triggered: v.triggered, reason: v.reason },
          });
          sheets.setData((sheets.data ?? []).map((x) => (x.unitId === updated.unitId ? updated : x)));
          setScoring(undefined);
          message.success(`已保存${s.unitName}「${s.criterion.name}」的评分`);
        }}
      />
    </div>
  );
}
