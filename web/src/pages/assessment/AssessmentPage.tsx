import { Alert, Button, Card, Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, download, type Data } from '../../api/client';
import { isApiError } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { day } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';

type Sheet = Data<'/api/v1/assessment-rounds/{id}/sheets/{unitId}', 'get'>;
type Criterion = Sheet['criteria'][number];

/** Results are shown to the assessed unit only once published. */
const PUBLISHED = ['published', 'appeal', 'frozen'];
const TYPE_NAMES: Record<string, string> = { computed: '计算', judged: '评分', veto: '否决' };

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Math.round(v * 100) / 100));

/** 考核: the unit's own published score sheet, read-only, every point with how it was reached. */
export default function AssessmentPage() {
  const { me } = useAuth();
  const { plans, plan, choose } = usePlanChoice();
  const planId = plan?.id;
  const rounds = useLoad(() => api.get('/api/v1/plans/{planId}/assessment-rounds', { params: { path: { planId: planId! } } }), [planId], !!planId);
  const published = [...(rounds.data ?? [])].filter((r) => PUBLISHED.includes(r.state)).sort((a, b) => b.year - a.year);
  const [chosen, setChosen] = useState<string>();
  const round = published.find((r) => r.id === chosen) ?? published[0];
  const pending = (rounds.data ?? []).filter((r) => !PUBLISHED.includes(r.state));
  const unitId = me?.unitId;
  const sheet = useLoad(() => api.get('/api/v1/assessment-rounds/{id}/sheets/{unitId}', { params: { path: { id: round!.id, unitId: unitId! } } }), [round?.id, unitId], !!round && !!unitId);
  const [error, setError] = useState<unknown>();

  const exportSheet = async () => {
    if (!round || !sheet.data) return;
    setError(undefined);
    try {
      await download(`/api/v1/assessment-rounds/${round.id}/sheets/${sheet.data.unitId}/export`, `${sheet.data.unitName}${round.year}年度考核评分表.xlsx`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <PageHeader
        title="考核"
        sub={round ? `${round.year} 年度考核 · ${round.stateName}${round.publishedAt ? ` · ${day(round.publishedAt)} 公布` : ''}` : '领导小组办公室公布考核结果后，本单位的评分表会出现在这里。'}
        extra={
          <>
            {plans.data && plans.data.length > 1 ? <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} /> : null}
            {published.length > 1 ? <Select aria-label="年度" style={{ width: 120 }} value={round?.id} onChange={setChosen} options={published.map((r) => ({ value: r.id, label: `${r.year} 年度` }))} /> : null}
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
        {!round ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有公布的考核结果。" />
          </Card>
        ) : isApiError(sheet.error) && sheet.error.status === 404 ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`本单位不在 ${round.year} 年度考核的被考核单位之列。`} />
          </Card>
        ) : (
          <LoadState loading={sheet.loading && !sheet.data} error={sheet.error}>
            {sheet.data ? <SheetView sheet={sheet.data} appealDeadline={round.state === 'appeal' ? round.appealDeadline : null} /> : null}
          </LoadState>
        )}
      </LoadState>
    </div>
  );
}

function SheetView({ sheet, appealDeadline }: { sheet: Sheet; appealDeadline: string | null | undefined }) {
  const partName = new Map(sheet.parts.map((p) => [p.key, p.name]));
  return (
    <div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 2, md: 4 }} size="small">
          <Descriptions.Item label="单位">{sheet.unitName}</Descriptions.Item>
          <Descriptions.Item label="总分">
            <Typography.Text strong data-testid="assessment-total">
              {num(sheet.total)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="等次">
            <Space size={4}>
              <Tag color={sheet.vetoed ? 'red' : 'green'} data-testid="assessment-grade">
                {sheet.gradeName ?? '—'}
              </Tag>
              {sheet.vetoed ? <Tag color="red">一票否决</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="名次">{sheet.rank ?? '—'}</Descriptions.Item>
        </Descriptions>
        {sheet.limitedByShare ? <Typography.Paragraph type="secondary" style={{ margin: 0 }}>按分数应为优秀，因优秀等次比例限制评为下一等次。</Typography.Paragraph> : null}
        {appealDeadline ? <Typography.Paragraph type="warning" style={{ margin: 0 }}>对评分有异议的，可在 {day(appealDeadline)} 前提出申诉。</Typography.Paragraph> : null}
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
              render: (_, c) =>
                c.type === 'computed'
                  ? c.formula
                  : c.type === 'veto'
                    ? c.vetoTriggered
                      ? '已触发否决'
                      : '未触发'
                    : [c.selfScore !== null && c.selfScore !== undefined ? `自评 ${num(c.selfScore)}` : null, c.evaluatorScore !== null && c.evaluatorScore !== undefined ? `评估 ${num(c.evaluatorScore)}${c.evaluatorReason ? `：${c.evaluatorReason}` : ''}` : null]
                        .filter(Boolean)
                        .join('；') || '—',
            },
            { title: '计算值', width: 80, render: (_, c) => (c.type === 'computed' ? num(c.computed) : '—') },
            { title: '复核调整', width: 160, ellipsis: true, render: (_, c) => (c.adjustedScore !== null && c.adjustedScore !== undefined ? `${num(c.adjustedScore)}（${c.adjustReason ?? ''}）` : '—') },
            { title: '得分', dataIndex: 'points', width: 80, render: num },
          ]}
        />
      </Card>
    </div>
  );
}
