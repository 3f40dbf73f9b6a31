import { Alert, App, Button, Card, Descriptions, Empty, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ApiError, isApiError } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { ReasonModal } from '../reporting/ReasonModal';
import { appealWindowOpen, AppealStateTag, basisText, downloadSheet, num, PUBLISHED, ScoreModal, SheetSummary, TYPE_NAMES, useLast, useSchemeCriteria, type Appeal, type Criterion, type Round, type Sheet } from './shared';

/** The unit sees its sheet while it self-assesses, and from publication on; not while the office reviews. */
const SHOWN = ['self_assessment', ...PUBLISHED];

/**
 * 考核: the unit's own score sheet, every point with how it was reached. Editable only where the round allows
 * the unit to act: its claims on judged criteria during self-assessment, appeals during the appeal window.
 */
export default function AssessmentPage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const { plans, plan, choose } = usePlanChoice();
  const planId = plan?.id;
  const rounds = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-rounds', { params: { path: { planId: planId! } } }), [planId], !!planId);
  // The round asking something of the unit comes first (self-assessment), else the latest published one.
  const shown = [...(rounds.data ?? [])].filter((r) => SHOWN.includes(r.state)).sort((a, b) => Number(b.state === 'self_assessment') - Number(a.state === 'self_assessment') || b.year - a.year);
  const [chosen, setChosen] = useState<string>();
  const round = shown.find((r) => r.id === chosen) ?? shown[0];
  const pending = (rounds.data ?? []).filter((r) => !SHOWN.includes(r.state));
  const unitId = me?.unitId;
  const sheet = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/sheets/{unitId}', { params: { path: { id: round!.id, unitId: unitId! } } }), [round?.id, unitId], !!round && !!unitId);
  // The round stays in 'appeal' past its deadline until the office locks it; the service then refuses appeals.
  const appealing = !!round && appealWindowOpen(round);
  const appeals = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/appeals', { params: { path: { id: round!.id } } }), [round?.id], !!round && PUBLISHED.includes(round.state));
  const scheme = useSchemeCriteria(planId, round?.year);
  const [error, setError] = useState<unknown>();
  const [assessing, setAssessing] = useState<Criterion>();
  const assessingShown = useLast(assessing);
  const [contesting, setContesting] = useState<Criterion>();
  const contestingShown = useLast(contesting);
  const mayAct = can('assessment:self');
  const selfAssessing = round?.state === 'self_assessment' && mayAct;

  const exportSheet = async () => {
    if (!round || !sheet.data) return;
    setError(undefined);
    try {
      await downloadSheet(round, sheet.data);
    } catch (e) {
      setError(e);
    }
  };
  const pendingKeys = new Set((appeals.data ?? []).filter((a) => a.status === 'pending').map((a) => a.criterionKey));

  return (
    <div>
      <PageHeader
        title="考核"
        sub={round ? `${round.year} 年度考核 · ${round.stateName}${round.publishedAt ? ` · ${day(round.publishedAt)} 公布` : ''}` : '领导小组办公室开始自评或公布考核结果后，本单位的评分表会出现在这里。'}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} /> : null}
            {shown.length > 1 ? <Select aria-label="年度" style={{ width: 200 }} value={round?.id} onChange={setChosen} options={shown.map((r) => ({ value: r.id, label: `${r.year} 年度（${r.stateName}）` }))} /> : null}
            {sheet.data ? <Button onClick={exportSheet}>下载评分表.xlsx</Button> : null}
          </>
        }
      />
      <ProblemAlert error={error ?? plans.error} />
      <LoadState loading={plans.loading || rounds.loading} error={rounds.error}>
        {pending.length ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${pending.map((r) => `${r.year} 年度考核${r.stateName}`).join('；')}，结果公布后可在此查看。`}
          />
        ) : null}
        {selfAssessing ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${round.year} 年度考核正在自评：请对「评分」类指标逐项填写自评分和理由。`}
            description="佐证请引用已报送的报告、文件，不需另行报送材料。自评是本单位的意见，经评估和复核后才计入得分；计算类指标由系统按已报送数据自动计分，不需自评。"
          />
        ) : null}
        {!round ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有需要本单位自评或已公布的考核。" />
          </Card>
        ) : isApiError(sheet.error) && sheet.error.status === 404 ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`本单位不在 ${round.year} 年度考核的被考核单位之列。`} />
          </Card>
        ) : (
          <LoadState loading={sheet.loading && !sheet.data} error={sheet.error}>
            {sheet.data ? (
              <SheetView
                sheet={sheet.data}
                round={round}
                action={
                  selfAssessing
                    ? (c) =>
                        c.type === 'judged' ? (
                          <Button size="small" type={c.selfScore === null ? 'primary' : 'default'} aria-label={`自评「${c.name}」`} onClick={() => setAssessing(c)}>
                            {c.selfScore === null ? '填写自评' : '修改自评'}
                          </Button>
                        ) : null
                    : appealing && mayAct
                      ? (c) =>
                          pendingKeys.has(c.key) ? (
                            <Tag color="orange">申诉处理中</Tag>
                          ) : (
                            <Button size="small" aria-label={`对「${c.name}」申诉`} onClick={() => setContesting(c)}>
                              申诉
                            </Button>
                          )
                      : undefined
                }
              />
            ) : null}
            {PUBLISHED.includes(round.state) && appeals.data?.length ? <AppealsCard appeals={appeals.data} /> : null}
          </LoadState>
        )}
      </LoadState>
      {round && sheet.data ? (
        <>
          <ScoreModal
            open={!!assessing}
            title={assessingShown ? `自评：${assessingShown.name}` : ''}
            okText="保存自评"
            reasonLabel="自评理由"
            withEvidence
            scheme={assessingShown ? scheme.get(assessingShown.key) : undefined}
            intro={assessingShown && scheme.get(assessingShown.key)?.description ? <Typography.Paragraph type="secondary">评分标准：{scheme.get(assessingShown.key)?.description}</Typography.Paragraph> : null}
            initial={assessingShown && assessingShown.selfScore !== null ? { score: assessingShown.selfScore, reason: assessingShown.selfReason ?? '', evidence: assessingShown.selfEvidence ?? '' } : undefined}
            onCancel={() => setAssessing(undefined)}
            onSubmit={async (v) => {
              const c = assessing!;
              sheet.setData(
                await api.put('/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/self-assessment', {
                  params: { path: { id: round.id, unitId: sheet.data!.unitId, key: c.key } },
                  body: { score: v.score!, reason: v.reason, evidence: v.evidence },
                }),
              );
              setAssessing(undefined);
              message.success(`已保存「${c.name}」的自评`);
            }}
          />
          <ReasonModal
            open={!!contesting}
            title={contestingShown ? `申诉：${contestingShown.name}` : '申诉'}
            label="申诉理由"
            okText="提出申诉"
            intro={contestingShown ? <Typography.Paragraph type="secondary">本项现得分 {num(contestingShown.points)}。请写明异议和依据（至少 5 个字），申诉截止 {day(round.appealDeadline)}。</Typography.Paragraph> : null}
            onCancel={() => setContesting(undefined)}
            onSubmit={async (reason) => {
              const c = contesting!;
              // FileAppealDto asks for 5 characters, more than the dialog's own rule: said in the dialog, as the service would.
              if (reason.length < 5) throw new ApiError(400, { status: 400, title: '申诉理由太短', detail: '申诉理由至少 5 个字，请写明异议和依据。', errors: [{ field: 'reason', message: '至少 5 个字' }] });
              await api.post('/api/v1/assessment-rounds/{id}/sheets/{unitId}/criteria/{key}/appeals', { params: { path: { id: round.id, unitId: sheet.data!.unitId, key: c.key } }, body: { reason } });
              setContesting(undefined);
              appeals.reload();
              message.success(`已对「${c.name}」提出申诉，等待领导小组办公室处理`);
            }}
          />
        </>
      ) : null}
    </div>
  );
}

function AppealsCard({ appeals }: { appeals: Appeal[] }) {
  return (
    <Card size="small" title="本单位的申诉" style={{ marginTop: 16 }}>
      <Table<Appeal>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={appeals}
        scroll={{ x: 720 }}
        columns={[
          { title: '指标', dataIndex: 'criterionName', width: 160 },
          { title: '申诉理由', dataIndex: 'reason' },
          { title: '提出时间', dataIndex: 'createdAt', width: 150, render: moment },
          { title: '状态', dataIndex: 'status', width: 90, render: (st: string) => <AppealStateTag status={st} /> },
          { title: '处理意见', width: 200, render: (_, a) => (a.decisionReason ? `${a.decidedScore !== null ? `调整为 ${num(a.decidedScore)}；` : ''}${a.decisionReason}` : '—') },
        ]}
      />
    </Card>
  );
}

function SheetView({ sheet, round, action }: { sheet: Sheet; round: Round; action?: (c: Criterion) => React.ReactNode }) {
  const appealOpen = appealWindowOpen(round);
  const partName = new Map(sheet.parts.map((p) => [p.key, p.name]));
  return (
    <div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <SheetSummary sheet={sheet} testId="assessment" before={<Descriptions.Item label="单位">{sheet.unitName}</Descriptions.Item>}>
          {appealOpen ? (
            <Typography.Paragraph type="warning" style={{ margin: 0 }}>
              对评分有异议的，可在 {day(round.appealDeadline)} 前提出申诉。
            </Typography.Paragraph>
          ) : round.state === 'appeal' && round.appealDeadline ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              申诉期已于 {day(round.appealDeadline)} 结束，结果待领导小组办公室锁定。
            </Typography.Paragraph>
          ) : null}
        </SheetSummary>
      </Card>
      <Card size="small" title="各部分得分" style={{ marginBottom: 16 }}>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={sheet.parts}
          scroll={{ x: 480 }}
          columns={[
            { title: '部分', dataIndex: 'name' },
            { title: '权重', dataIndex: 'weight', width: 90, render: (w: number) => `${num(w)}` },
            { title: '原始分', dataIndex: 'raw', width: 100, render: num },
            { title: '得分', dataIndex: 'score', width: 100, render: num },
          ]}
        />
      </Card>
      <Card size="small" title="各项指标">
        <Table<Criterion>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={sheet.criteria}
          scroll={{ x: 1040 }}
          locale={{ emptyText: '没有指标。' }}
          columns={[
            { title: '部分', width: 120, render: (_, c) => partName.get(c.partKey) ?? c.partKey },
            { title: '指标', dataIndex: 'name', width: 200 },
            { title: '类型', dataIndex: 'type', width: 70, render: (t: string) => TYPE_NAMES[t] ?? t },
            {
              title: '计分依据',
              ellipsis: true,
              render: (_, c) => (c.type === 'judged' && round.state === 'self_assessment' ? (c.selfScore !== null ? `自评 ${num(c.selfScore)}：${c.selfReason ?? ''}` : '尚未自评') : basisText(c)),
            },
            { title: '计算值', width: 80, render: (_, c) => (c.type === 'computed' ? num(c.computed) : '—') },
            { title: '复核调整', width: 160, ellipsis: true, render: (_, c) => (c.adjustedScore !== null && c.adjustedScore !== undefined ? `${num(c.adjustedScore)}（${c.adjustReason ?? ''}）` : '—') },
            { title: '得分', dataIndex: 'points', width: 80, render: num },
            ...(action ? [{ title: '操作', width: 120, render: (_: unknown, c: Criterion) => action(c) }] : []),
          ]}
        />
      </Card>
    </div>
  );
}
