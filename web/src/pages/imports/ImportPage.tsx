import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, InputNumber, Progress, Row, Segmented, Space, Statistic, Steps, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, upload } from '../../api/client';
import { COMPARATOR_NAMES, DEADLINE_KIND_NAMES, FIRMNESS_NAMES, MENTION_STATUS_NAMES } from '../../api/labels';
import type { ImportCommit, ImportReport, ImportRow, Mention, RowDeadline } from '../../api/views';
import { day } from '../../app/format';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { loadPlans } from '../../components/usePlans';
import { loadUnits } from '../../components/useUnits';
import { initialDecision, onboardingPayload, OnboardingTable, settles, type Decision } from './Onboarding';

type Phase = 'choose' | 'checking' | 'checked' | 'committing' | 'done';

const FIELD_NAMES: Record<string, string> = {
  sortKey: '顺序',
  area: '重点领域',
  measure: '行动措施',
  text: '工作内容',
  leadText: '牵头单位',
  supportingText: '配合单位',
  deadlineText: '完成时限',
  unassigned: '是否明确牵头单位',
  assignments: '责任单位',
  targets: '目标',
  deadlines: '完成时限',
};

function MentionTag({ m }: { m: Mention }) {
  const color = m.status === 'unknown' ? 'error' : m.status === 'collective' ? 'purple' : 'default';
  const tag = (
    <Tag color={color} style={{ marginBottom: 2 }} tabIndex={m.members?.length || m.status === 'unknown' ? 0 : undefined}>
      {m.status === 'unknown' ? `未识别：${m.text}` : m.name}
    </Tag>
  );
  if (m.status === 'collective' && m.members?.length) return <Tooltip title={`${MENTION_STATUS_NAMES.collective}，展开为：${m.members.join('、')}`}>{tag}</Tooltip>;
  if (m.status === 'matched' && m.text !== m.name) return <Tooltip title={`表中写作「${m.text}」`}>{tag}</Tooltip>;
  if (m.status === 'unknown') return <Tooltip title="系统中没有这个单位：请新建该单位，或在单位管理中为已有单位添加此别名后重新预检">{tag}</Tooltip>;
  return tag;
}

/** The office imports a plan's 任务分工表: a dry run row by row, then one all-or-nothing commit. */
export default function ImportPage() {
  const { planId } = useParams<{ planId: string }>();
  const plan = useLoad(() => api.get('/api/v1/plans/{id}', { params: { path: { id: planId! } } }), [planId]);
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('choose');
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportCommit | null>(null);
  const [error, setError] = useState<unknown>();
  const [only, setOnly] = useState<'all' | 'problems'>('all');
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [planYear, setPlanYear] = useState<number | null>(null);

  const run = async (dryRun: boolean, f: File) => {
    setError(undefined);
    setProgress(0);
    setPhase(dryRun ? 'checking' : 'committing');
    try {
      const proposals = report?.summary.unknownUnits ?? [];
      const res = await upload('/api/v1/plans/{planId}/imports', {
        path: { planId: planId! },
        query: { dryRun, ...(planYear ? { planYear } : {}) },
        file: f,
        onProgress: setProgress,
        // The office's decisions on unknown names are applied in the commit's own transaction.
        ...(!dryRun && proposals.length ? { fields: { onboarding: JSON.stringify(onboardingPayload(proposals, decisions)) } } : {}),
      });
      if (dryRun) {
        setReport(res);
        setDecisions(Object.fromEntries(res.summary.unknownUnits.map((p) => [p.name, initialDecision(p)])));
        setOnly(res.summary.errors + res.summary.warnings ? 'problems' : 'all');
        setPhase('checked');
      } else {
        if (!res.importId || !res.changes) throw new Error('导入结果缺少变更报告，请刷新后查看工作事项');
        setResult({ ...res, importId: res.importId, changes: res.changes });
        setPhase('done');
        await loadPlans(true);
        if (res.changes.onboarding?.created.length || res.changes.onboarding?.aliased.length) await loadUnits(true);
        message.success('导入完成');
      }
    } catch (e) {
      setError(e);
      setPhase(dryRun ? 'choose' : 'checked');
    }
  };

  const step = { choose: 0, checking: 1, checked: 1, committing: 2, done: 4 }[phase];
  const proposals = report?.summary.unknownUnits ?? [];
  const settled = new Set(proposals.filter((p) => settles(decisions[p.name])).map((p) => p.name));
  // A row's errors are settled when they are all unknown names the office has decided on.
  const rowBlocked = (r: ImportRow) =>
    r.problems.some((p) => p.level === 'error' && p.code !== 'UNIT_UNKNOWN') || unknownNames(r).some((n) => !settled.has(n));
  const fileErrors = (report?.problems ?? []).filter((p) => p.level === 'error');
  const blockedRows = (report?.rows ?? []).filter(rowBlocked);
  const blocked = !!report && (fileErrors.length > 0 || blockedRows.length > 0);
  const rows = (report?.rows ?? []).filter((r) => only === 'all' || r.problems.length > 0 || unknownNames(r).length > 0);

  return (
    <LoadState loading={plan.loading && !plan.data} error={plan.error} what="该方案">
      <PageHeader
        title="导入任务分工表"
        sub={plan.data?.title}
        extra={
          <Link to={`/plans/${planId}`}>
            <Button>返回方案</Button>
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          size="small"
          items={[
            { title: '选择文件', content: '.xlsx 或 .csv' },
            { title: '预检', content: '逐行核对，不写入' },
            { title: '确认导入', content: '一次写入，全部成功或全部不变' },
            { title: '完成', content: '变更报告' },
          ]}
        />
      </Card>
      <ProblemAlert error={error} title={phase === 'checked' && error ? '导入未完成，未写入任何数据' : undefined} />

      {phase === 'choose' || phase === 'checking' ? (
        <Card size="small">
          <Space style={{ marginBottom: 12 }} wrap>
            <span>方案年度（选填）</span>
            <InputNumber
              aria-label="方案年度"
              min={2000}
              max={2100}
              precision={0}
              value={planYear}
              onChange={(v) => setPlanYear(v)}
              placeholder="如 2026"
            />
            <Typography.Text type="secondary">「年底前」「6月底前」等未写年份的期限按此年份计算；不填则取文件标题中的年份。</Typography.Text>
          </Space>
          <Upload.Dragger
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            multiple={false}
            showUploadList={false}
            disabled={phase === 'checking'}
            beforeUpload={(f) => {
              setFile(f);
              void run(true, f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击选择或将任务分工表拖到此处</p>
            <p className="ant-upload-hint">支持 Excel（.xlsx）和 CSV。表头可包含：序号、重点领域、行动措施、主要工作、牵头单位、配合单位、完成时限。先预检，确认无误后再导入。</p>
          </Upload.Dragger>
          {phase === 'checking' ? (
            <div style={{ marginTop: 12 }} aria-live="polite">
              <Typography.Text>{progress < 100 ? `正在上传 ${file?.name}` : '正在逐行分析，请稍候…'}</Typography.Text>
              <Progress percent={progress < 100 ? progress : 100} status="active" />
            </div>
          ) : null}
        </Card>
      ) : null}

      {report && (phase === 'checked' || phase === 'committing') ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title="工作事项" value={report.summary.items} suffix="项" />
              </Card>
            </Col>
            <Col xs={12} md={5}>
              <Card size="small">
                <Statistic title={`识别的单位${report.summary.units.collective ? `（另有集合单位 ${report.summary.units.collective} 个）` : ''}`} value={report.summary.units.matched} suffix="个" />
              </Card>
            </Col>
            <Col xs={8} md={5}>
              <Card size="small">
                <Statistic title="未识别单位" value={report.summary.units.unknown} styles={{ content: { color: report.summary.units.unknown ? '#f5222d' : undefined } }} />
              </Card>
            </Col>
            <Col xs={8} md={5}>
              <Card size="small">
                <Statistic title="错误" value={report.summary.errors} styles={{ content: { color: report.summary.errors ? '#f5222d' : undefined } }} />
              </Card>
            </Col>
            <Col xs={8} md={5}>
              <Card size="small">
                <Statistic title="提示" value={report.summary.warnings} styles={{ content: { color: report.summary.warnings ? '#d48806' : undefined } }} />
              </Card>
            </Col>
          </Row>
          {fileErrors.length || report.problems.length ? (
            <Alert
              type={fileErrors.length ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={fileErrors.length ? '文件有问题，不能导入' : '文件提示'}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {report.problems.map((p, i) => (
                    <li key={i}>
                      {p.message}
                      {p.lines.length ? `（第 ${p.lines.slice(0, 10).join('、')} 行）` : ''}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {proposals.length ? (
            <Card size="small" style={{ marginBottom: 12 }} title={`未识别的单位（${proposals.length} 个）：选择处理方式，确认导入时一并生效`}>
              <Typography.Paragraph type="secondary">
                新建的单位、添加的别名与本次导入在同一事务中写入：导入不成功则都不生效。选「暂不处理」的名称所在行不能导入。
              </Typography.Paragraph>
              <OnboardingTable proposals={proposals} decisions={decisions} onChange={(name, d) => setDecisions((prev) => ({ ...prev, [name]: d }))} />
            </Card>
          ) : null}
          {blocked ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={`有 ${blockedRows.length} 行不能导入${fileErrors.length ? '，文件本身也有问题' : ''}`}
              description={
                <>
                  {proposals.some((p) => !settles(decisions[p.name])) ? <div>请为上面每个未识别的单位选择处理方式（作为别名时选定对应单位）。</div> : null}
                  {blockedRows.some((r) => r.problems.some((p) => p.level === 'error' && p.code !== 'UNIT_UNKNOWN')) ? <div>红色行的其他错误须修正表格后重新选择文件预检。</div> : null}
                </>
              }
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={`预检通过：${report.summary.items} 项事项可以导入${report.summary.warnings ? `（${report.summary.warnings} 处提示不影响导入，请核对）` : ''}${proposals.length ? `；${proposals.length} 个未识别单位将按所选方式处理` : ''}。已导入过的事项将按序号更新，不会重复。`}
            />
          )}
          {report.summary.implicitUnits ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`方案写明「${report.summary.implicitUnits.text}」：${report.summary.implicitUnits.names.join('、')} 将作为每项均需落实的单位。`} />
          ) : null}
          {report.summary.assignmentProposals.length ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`文件中有 ${report.summary.assignmentProposals.length} 条审阅意见（如「建议删除」）：导入后在方案页「分工修改意见」中逐条处理。`} />
          ) : null}
          <Card
            size="small"
            title={`预检结果：${file?.name ?? ''}`}
            extra={<Segmented value={only} onChange={(v) => setOnly(v as 'all' | 'problems')} options={[{ value: 'problems', label: '只看有问题的行' }, { value: 'all', label: '全部行' }]} />}
          >
            <Table<ImportRow>
              rowKey={(r) => `${r.line}-${r.seq}-${r.item}`}
              size="small"
              dataSource={rows}
              scroll={{ x: 1500 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              rowClassName={(r) => (rowBlocked(r) ? 'row-error' : r.problems.length || unknownNames(r).length ? 'row-warning' : '')}
              locale={{ emptyText: only === 'problems' ? '没有问题行。' : '表中没有可导入的行。' }}
              columns={[
                { title: '行', dataIndex: 'line', width: 56, fixed: 'left' },
                { title: '序号', width: 64, fixed: 'left', render: (_, r) => `${r.seq}${r.item > 1 ? `（${r.item}）` : ''}` },
                { title: '工作内容', dataIndex: 'work', width: 280, render: (t: string) => <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (e) => (e ? '收起' : '展开') }} style={{ margin: 0 }}>{t}</Typography.Paragraph> },
                {
                  title: '问题',
                  width: 220,
                  render: (_, r) =>
                    r.problems.length ? (
                      <Flex vertical gap={2}>
                        {r.problems.map((p, i) => (
                          <Typography.Text key={i} type={p.level === 'error' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
                            {p.level === 'error' ? '错误' : '提示'}：{p.message}
                          </Typography.Text>
                        ))}
                      </Flex>
                    ) : (
                      <Typography.Text type="success">无</Typography.Text>
                    ),
                },
                {
                  title: '牵头单位',
                  width: 150,
                  render: (_, r) => (
                    <>
                      {r.lead ? <MentionTag m={r.lead} /> : <Typography.Text type="warning">未明确</Typography.Text>}
                      {r.coLeads.map((m, i) => (
                        <MentionTag key={i} m={m} />
                      ))}
                    </>
                  ),
                },
                { title: '配合单位', width: 220, render: (_, r) => (r.supporting.length ? r.supporting.map((m, i) => <MentionTag key={i} m={m} />) : '—') },
                {
                  title: '目标（按年）',
                  width: 220,
                  render: (_, r) =>
                    r.targets.length
                      ? r.targets.map((t, i) => (
                          <div key={i} style={{ fontSize: 12 }}>
                            <b>{t.year ? `${t.year}年` : '—'}</b> {t.firmness ? `${FIRMNESS_NAMES[t.firmness] ?? ''}` : ''}
                            {t.value !== null ? `${COMPARATOR_NAMES[t.comparator] ?? t.comparator} ${t.value}${t.unit ?? ''}` : t.text}
                          </div>
                        ))
                      : '—',
                },
                {
                  title: '完成时限',
                  width: 150,
                  render: (_, r) =>
                    r.deadlines.length
                      ? r.deadlines.map((d, i) => (
                          <div key={i} style={{ fontSize: 12 }}>
                            {deadlineCell(d)}
                          </div>
                        ))
                      : '—',
                },
                {
                  title: '领域 / 措施',
                  width: 160,
                  render: (_, r) => (
                    <Typography.Text style={{ fontSize: 12 }}>
                      {r.area ?? '—'}
                      {r.measure ? ` › ${r.measure}` : ''}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
          <div className="page-actions">
            <Flex gap={8} wrap justify="flex-end" align="center">
              {phase === 'committing' ? (
                <div style={{ flex: 1, minWidth: 200 }} aria-live="polite">
                  <Typography.Text>{progress < 100 ? '正在上传…' : '正在写入，请勿关闭页面…'}</Typography.Text>
                  <Progress percent={progress < 100 ? progress : 100} status="active" size="small" />
                </div>
              ) : null}
              <Button
                onClick={() => {
                  setReport(null);
                  setFile(null);
                  setPhase('choose');
                  setError(undefined);
                }}
                disabled={phase === 'committing'}
              >
                重新选择文件
              </Button>
              <Button type="primary" disabled={blocked || !file} loading={phase === 'committing'} onClick={() => file && run(false, file)}>
                确认导入 {report.summary.items} 项
              </Button>
            </Flex>
          </div>
        </>
      ) : null}

      {result && phase === 'done' ? <ChangeReport result={result} planId={planId!} onAgain={() => { setResult(null); setReport(null); setFile(null); setPhase('choose'); }} /> : null}
    </LoadState>
  );
}

function unknownNames(r: ImportRow): string[] {
  return [r.lead, ...r.coLeads, ...r.supporting].filter((m): m is Mention => m?.status === 'unknown').map((m) => m.name);
}

function deadlineCell(d: RowDeadline): string {
  const when = d.date ? day(d.date) : DEADLINE_KIND_NAMES[d.kind];
  return `「${d.text}」→ ${when}${d.year === 'missing' ? '（未写年份：请填方案年度）' : d.year === 'plan' ? '（按方案年度）' : ''}`;
}

function ChangeReport({ result, planId, onAgain }: { result: ImportCommit; planId: string; onAgain: () => void }) {
  const c = result.changes;
  const label = (x: { seq: string; item: number }) => `序号 ${x.seq}${x.item > 1 ? `（${x.item}）` : ''}`;
  return (
    <Card size="small" title="导入完成：变更报告">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 4 }}
        items={[
          { key: 'c', label: '新增', children: `${c.created.length} 项` },
          { key: 'u', label: '更新', children: `${c.updated.length} 项` },
          { key: 'n', label: '未变', children: `${c.unchanged} 项` },
          { key: 'x', label: '表中已无', children: `${c.notInFile.length} 项` },
          { key: 'aa', label: '新增责任单位', children: `${c.assignments.added} 个` },
          { key: 'ae', label: '不再负责', children: `${c.assignments.ended} 个` },
          { key: 'ar', label: '恢复负责', children: `${c.assignments.reactivated} 个` },
        ]}
      />
      {c.onboarding && (c.onboarding.created.length || c.onboarding.aliased.length || c.onboarding.excluded.length) ? (
        <Alert
          type="success"
          showIcon
          style={{ margin: '12px 0' }}
          title="未识别单位的处理"
          description={
            <>
              {c.onboarding.created.length ? <div>新建单位：{c.onboarding.created.map((u) => u.name).join('、')}</div> : null}
              {c.onboarding.aliased.length ? <div>添加别名：{c.onboarding.aliased.map((a) => `${a.name} → ${a.unitName}`).join('、')}</div> : null}
              {c.onboarding.excluded.length ? <div>确认不是单位：{c.onboarding.excluded.join('、')}</div> : null}
            </>
          }
        />
      ) : null}
      {c.proposalsAdded ? <Alert type="info" showIcon style={{ margin: '12px 0' }} title={`新增审阅意见 ${c.proposalsAdded} 条，请在方案页「分工修改意见」中处理。`} /> : null}
      {c.affectedReports.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '12px 0' }}
          title={`${c.affectedReports.length} 份进行中的报告受责任单位调整影响（报告均保留）`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {c.affectedReports.slice(0, 30).map((a) => (
                <li key={a.reportId}>
                  <Link to={`/reports/${a.reportId}`}>
                    {a.period} {label(a)}
                  </Link>
                  ：{a.change === 'assignment_ended' ? '该单位已不再负责' : '该单位的牵头/配合角色已改变'}
                </li>
              ))}
              {c.affectedReports.length > 30 ? <li>……共 {c.affectedReports.length} 份</li> : null}
            </ul>
          }
        />
      ) : null}
      {c.updated.length ? (
        <>
          <Typography.Title level={5}>更新的事项</Typography.Title>
          <ul>
            {c.updated.map((u) => (
              <li key={`${u.seq}-${u.item}`}>
                {label(u)}：{u.fields.map((f) => FIELD_NAMES[f] ?? f).join('、')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.created.length ? (
        <Typography.Paragraph>
          新增：{c.created.slice(0, 60).map(label).join('、')}
          {c.created.length > 60 ? ` 等 ${c.created.length} 项` : ''}
        </Typography.Paragraph>
      ) : null}
      {c.notInFile.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`本次表格中没有、系统中仍保留的事项：${c.notInFile.map(label).join('、')}。如已撤销，请联系系统管理员处理。`} />
      ) : null}
      {!c.created.length && !c.updated.length ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="与上次导入相比没有变化，未写入任何内容。" /> : null}
      <Flex gap={8} wrap>
        <Link to={`/work-items?planId=${planId}`}>
          <Button type="primary">查看工作事项</Button>
        </Link>
        <Link to={`/plans/${planId}`}>
          <Button>查看方案结构</Button>
        </Link>
        <Button onClick={onAgain}>再导入一个文件</Button>
      </Flex>
    </Card>
  );
}
