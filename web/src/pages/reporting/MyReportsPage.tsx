import { Alert, App, Button, Card, Col, Collapse, Descriptions, Empty, Flex, Form, Grid, Input, InputNumber, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type Data } from '../../api/client';
import { PROGRESS_STATUS_NAMES } from '../../api/labels';
import { isApiError, problemText } from '../../api/problem';
import type { BatchItem, BatchScreen, Evidence, ProgressStatus, Report, ReportContent } from '../../api/views';
import { useAuth } from '../../app/auth';
import { day, moment } from '../../app/format';
import { applyFieldErrors } from '../../app/formErrors';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ClampedText } from '../../components/ClampedText';
import { LazyMount } from '../../components/LazyMount';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReportStateTag, RoleTag } from '../../components/Tags';
import { EvidenceFiles } from './Evidence';
import { ReasonModal } from './ReasonModal';

const EDITABLE = new Set(['pending', 'draft', 'returned']);
const STATUS_OPTIONS = (Object.keys(PROGRESS_STATUS_NAMES) as ProgressStatus[]).map((s) => ({ value: s, label: PROGRESS_STATUS_NAMES[s] }));
// Returned items first (they need attention), then the ones still to fill, then what has left the unit.
const ORDER: Record<string, number> = { returned: 0, pending: 1, draft: 1, submitted: 2, accepted: 3 };

interface Row {
  status?: ProgressStatus;
  percent?: number;
  done?: string;
  problems?: string;
  nextSteps?: string;
}

const hasContent = (c: ReportContent | null | undefined) => !!c && (c.status !== null || c.percent !== null || !!c.done);
const toRow = (c: ReportContent | null | undefined): Row => ({
  status: c?.status ?? undefined,
  percent: c?.percent ?? undefined,
  done: c?.done ?? undefined,
  problems: c?.problems ?? undefined,
  nextSteps: c?.nextSteps ?? undefined,
});

type MyPeriod = Data<'/api/v1/my-periods', 'get'>[number];

/** The open period with something still to fill in and the nearest due date; else the newest open one; else the newest. */
function defaultPeriod(periods: MyPeriod[]): MyPeriod | undefined {
  const open = periods.filter((p) => p.status === 'open');
  const owing = open.filter((p) => p.toDo > 0).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return owing[0] ?? open[0] ?? periods[0];
}

function periodLabel(p: MyPeriod, withPlan: boolean): string {
  const state = p.status !== 'open' ? '（已结束）' : p.toDo > 0 ? `（待报 ${p.toDo} 项）` : '（已报齐）';
  return `${withPlan ? `${p.planTitle} · ` : ''}${p.label}${state}`;
}

/** 最多报一次: every report and contribution the unit owes in one period, on one screen, saved and signed off in one request. */
export default function MyReportsPage() {
  const [params, setParams] = useSearchParams();
  const periods = useLoad(() => api.get('/api/v1/my-periods'), []);
  const periodId = params.get('periodId') ?? defaultPeriod(periods.data ?? [])?.id;
  const period = periods.data?.find((p) => p.id === periodId);
  const manyPlans = new Set((periods.data ?? []).map((p) => p.planId)).size > 1;
  const screen = useLoad(() => api.get('/api/v1/periods/{periodId}/my-reports', { params: { path: { periodId: periodId! } } }), [periodId], !!periodId);
  // The dropdown's 待报 counts come from my-periods: refresh them whenever the unit's reports change. Pin the period
  // first, or the default (the nearest one still owing) could jump to another period once this one is complete.
  const refreshPeriods = () => {
    if (periodId && !params.get('periodId')) setParams({ periodId }, { replace: true });
    periods.reload();
  };
  const reloadAll = () => {
    screen.reload();
    refreshPeriods();
  };

  return (
    <div>
      <PageHeader
        title="本单位填报"
        sub={period ? `${period.planTitle} · ${period.label} · 报送截止 ${day(period.dueDate)}` : undefined}
        extra={
          (periods.data?.length ?? 0) > 1 ? (
            <Select
              aria-label="调度期"
              style={{ width: manyPlans ? 420 : 240 }}
              value={periodId}
              onChange={(v) => setParams({ periodId: v })}
              options={periods.data!.map((p) => ({ value: p.id, label: periodLabel(p, manyPlans) }))}
            />
          ) : null
        }
      />
      <LoadState loading={(periods.loading && !periods.data) || (screen.loading && !screen.data)} error={periods.error ?? screen.error} what="该调度期" onRetry={reloadAll}>
        {!periodId ? (
          <Empty description="目前没有开启的调度期。领导小组办公室开启调度后，本单位需要填报的事项会出现在这里。" />
        ) : screen.data ? (
          <BatchForm key={periodId} screen={screen.data} onReload={reloadAll} onSaved={refreshPeriods} />
        ) : null}
      </LoadState>
    </div>
  );
}

function BatchForm({ screen, onReload, onSaved }: { screen: BatchScreen; onReload: () => void; onSaved: () => void }) {
  const closed = screen.period.status === 'closed';
  // What this unit may still write: its open items, while the round is open and the unit is still on the item.
  const canEdit = (it: BatchItem) => !closed && !it.assignmentEndedAt && EDITABLE.has(it.state);
  const { me, unit } = useAuth();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ items: Row[] }>();
  // Stable sort: the service's order (by 序号) within each group.
  const sorted = (s: BatchScreen) => [...s.items].sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.kind === b.kind ? 0 : a.kind === 'report' ? -1 : 1));
  const [items, setItems] = useState<BatchItem[]>(() => sorted(screen));
  const [show, setShow] = useState<'all' | 'todo' | 'lead' | 'supporting'>('all');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<'save' | 'sign' | null>(null);
  // 重新加载 after a conflict brings a new screen: show its versions, or the next save conflicts again.
  const [loaded, setLoaded] = useState(screen);
  if (loaded !== screen) {
    setLoaded(screen);
    setItems(sorted(screen));
    setError(undefined);
  }
  const screens = Grid.useBreakpoint();
  const isHead = !!me?.roles.includes('unit_head');

  const initial = useMemo(() => ({ items: items.map((it) => toRow(hasContent(it) ? it : it.prefill)) }), [items]);
  // After a save the items carry the saved content; on the first render initialValues already did this.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    form.setFieldsValue(initial);
  }, [form, initial]);

  const editable = items.map((it, i) => ({ it, i })).filter(({ it }) => canEdit(it));
  const counts = {
    returned: items.filter((i) => i.state === 'returned').length,
    todo: items.filter((i) => i.state === 'pending' || i.state === 'draft').length,
    submitted: items.filter((i) => i.state === 'submitted').length,
    accepted: items.filter((i) => i.state === 'accepted').length,
  };

  const rowsOf = () => (form.getFieldsValue(true) as { items: Row[] }).items ?? [];
  const isComplete = (r: Row) => !!r.status && r.percent !== undefined && r.percent !== null && !!r.done?.trim();
  const isTouched = (r: Row) => !!r.status || (r.percent !== undefined && r.percent !== null) || !!r.done?.trim() || !!r.problems?.trim() || !!r.nextSteps?.trim();

  const send = async (chosen: { it: BatchItem; i: number }[], signOff: boolean) => {
    setError(undefined);
    try {
      const rows = rowsOf();
      const body = {
        items: chosen.map(({ it, i }) => ({
          reportId: it.id,
          version: it.version,
          status: rows[i].status!,
          percent: rows[i].percent ?? 0,
          done: rows[i].done?.trim() ?? '',
          ...(rows[i].problems?.trim() ? { problems: rows[i].problems!.trim() } : {}),
          ...(rows[i].nextSteps?.trim() ? { nextSteps: rows[i].nextSteps!.trim() } : {}),
        })),
        signOff,
      };
      const saved = await api.post('/api/v1/periods/{periodId}/my-reports', { params: { path: { periodId: screen.period.id } }, body });
      const byId = new Map(saved.map((r: Report) => [r.id, r]));
      setItems((prev) => prev.map((it) => (byId.has(it.id) ? { ...it, ...byId.get(it.id)! } : it)));
      onSaved();
      message.success(signOff ? `已审核报送 ${saved.length} 项，等待领导小组办公室审核` : `已保存 ${saved.length} 项草稿`);
    } catch (e) {
      setError(e);
      // The alert sits above a long list, out of view of the buttons at its foot: say it where the user acted too.
      message.error(`${signOff ? '报送' : '保存'}未成功：${problemText(e)}`);
      // The service numbers items as they were sent; the form numbers them as they are shown.
      const rename: Record<string, string> = {};
      chosen.forEach(({ i }, k) => {
        for (const f of ['status', 'percent', 'done', 'problems', 'nextSteps']) rename[`items[${k}].${f}`] = `items[${i}].${f}`;
      });
      applyFieldErrors(form, e, ['items'], rename);
    }
  };

  const saveDraft = async () => {
    const rows = rowsOf();
    const chosen = editable.filter(({ i }) => isTouched(rows[i]));
    if (!chosen.length) {
      message.info('还没有填写任何事项。');
      return;
    }
    const missingStatus = chosen.filter(({ i }) => !rows[i].status);
    if (missingStatus.length) {
      setShow('all');
      form.setFields(missingStatus.map(({ i }) => ({ name: ['items', i, 'status'], errors: ['保存前请选择进展状态'] })));
      message.warning(`有 ${missingStatus.length} 项未选择进展状态`);
      return;
    }
    setBusy('save');
    await send(chosen, false);
    setBusy(null);
  };

  const signOff = async () => {
    const rows = rowsOf();
    const touched = editable.filter(({ i }) => isTouched(rows[i]));
    const partial = touched.filter(({ i }) => !isComplete(rows[i]));
    if (partial.length) {
      setShow('all');
      // Mark exactly what is missing, so the head can finish or clear those items.
      await form.validateFields(partial.flatMap(({ i }) => [['items', i, 'status'], ['items', i, 'percent'], ['items', i, 'done']] as never[])).catch(() => undefined);
      message.warning(`有 ${partial.length} 项未填写完整：请补全进展状态、完成进度和主要工作进展`);
      return;
    }
    const complete = touched;
    if (!complete.length) {
      message.info('没有可以报送的事项：请先填写。');
      return;
    }
    const left = editable.length - complete.length;
    modal.confirm({
      title: '审核并报送',
      content: (
        <div>
          <p>
            将本单位本期 <b>{complete.length}</b> 项报送领导小组办公室。报送后不能再修改，除非办公室退回。
          </p>
          {left ? <p>另有 {left} 项尚未填写，本次不报送，请稍后补报。</p> : null}
        </div>
      ),
      okText: '确认报送',
      cancelText: '再检查一下',
      onOk: async () => {
        setBusy('sign');
        await send(complete, true);
        setBusy(null);
      },
    });
  };

  if (!items.length) {
    return <Empty description={`本期没有需要${unit?.name ?? '本单位'}填报的事项。`} />;
  }

  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[16, 4]}>
          <span>
            共 <b>{items.length}</b> 项
          </span>
          {counts.returned ? <Tag color="error">已退回 {counts.returned}</Tag> : null}
          <Tag>待填报 {counts.todo}</Tag>
          <Tag color="blue">已报送 {counts.submitted}</Tag>
          <Tag color="success">已采纳 {counts.accepted}</Tag>
          <Typography.Text type="secondary">报送截止 {day(screen.period.dueDate)}</Typography.Text>
        </Space>
        <div style={{ marginTop: 8 }}>
          <Segmented
            value={show}
            onChange={(v) => setShow(v as typeof show)}
            options={[
              { value: 'all', label: '全部' },
              { value: 'todo', label: `待填写（${editable.length}）` },
              { value: 'lead', label: `牵头（${items.filter((i) => i.kind === 'report').length}）` },
              { value: 'supporting', label: `配合（${items.filter((i) => i.kind === 'contribution').length}）` },
            ]}
          />
        </div>
        {!isHead && editable.length ? (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            填写后请「保存草稿」，由本单位负责人审核后统一报送。
          </Typography.Paragraph>
        ) : null}
      </Card>
      <ProblemAlert error={error} title={isApiError(error) && error.status === 409 ? '部分事项已被他人修改，本次未保存任何内容' : undefined} />
      {isApiError(error) && error.status === 409 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="请重新加载以取得最新内容（未保存的修改会丢失，可先复制）。"
          action={
            <Button size="small" onClick={onReload}>
              重新加载
            </Button>
          }
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={initial} requiredMark={false}>
        <Flex vertical gap={12}>
          {items.map((it, i) => {
            // Hidden, not unmounted: the form keeps every item's fields, so a filter never loses typing.
            const hidden = (show === 'todo' && !canEdit(it)) || (show === 'lead' && it.kind !== 'report') || (show === 'supporting' && it.kind !== 'contribution');
            return (
              <LazyMount key={it.id} eager={i < 6} data-testid={`report-card-${it.workItem.seq}-${it.workItem.itemNo}-${it.kind}`} style={hidden ? { display: 'none' } : undefined}>
                <ItemCard
                  item={it}
                  index={i}
                  editable={canEdit(it)}
                  reviewContributions={isHead}
                  onContribution={(c) => setItems((prev) => prev.map((x) => (x.id === it.id ? { ...x, contributions: x.contributions.map((y) => (y.id === c.id ? c : y)) } : x)))}
                  onEvidence={(e) => setItems((prev) => prev.map((x) => (x.id === it.id ? { ...x, evidence: [...x.evidence, e] } : x)))}
                />
              </LazyMount>
            );
          })}
        </Flex>
      </Form>
      {closed ? (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`「${screen.period.label}」调度已结束，不能再填报；如需补报，请联系领导小组办公室重新开启。`} />
      ) : editable.length ? (
        <div className="page-actions">
          <Flex gap={8} wrap justify={screens.md ? 'flex-end' : 'stretch'}>
            <Typography.Text type="secondary" style={{ flex: screens.md ? 1 : '1 1 100%', alignSelf: 'center' }}>
              {editable.length} 项可填写
            </Typography.Text>
            <Button size="large" onClick={saveDraft} loading={busy === 'save'} disabled={!!busy} style={{ flex: screens.md ? undefined : 1 }}>
              保存草稿
            </Button>
            {isHead ? (
              <Button size="large" type="primary" onClick={signOff} loading={busy === 'sign'} disabled={!!busy} style={{ flex: screens.md ? undefined : 1 }}>
                审核并报送
              </Button>
            ) : null}
          </Flex>
        </div>
      ) : (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title="本期事项均已报送。如需修改已退回的事项，会在这里重新出现。" />
      )}
    </div>
  );
}

function ItemCard({
  item,
  index,
  editable,
  reviewContributions,
  onEvidence,
  onContribution,
}: {
  item: BatchItem;
  index: number;
  editable: boolean;
  /** The lead unit's head receives (or returns) what supporting units sent. */
  reviewContributions: boolean;
  onEvidence: (e: Evidence) => void;
  onContribution: (c: Report) => void;
}) {
  const prefilled = editable && !hasContent(item) && !!item.prefill;
  const name = (f: keyof Row) => ['items', index, f];
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4}>
          <span>
            序号 {item.workItem.seq}
            {item.workItem.itemNo > 1 ? `（${item.workItem.itemNo}）` : ''}
          </span>
          <RoleTag role={item.kind === 'report' ? 'lead' : 'supporting'} />
          <ReportStateTag state={item.state} kind={item.kind} />
          {prefilled ? <Tag color="cyan">已按上期内容预填</Tag> : null}
          {item.assignmentEndedAt ? <Tag>本单位已不再负责，仅供查阅</Tag> : null}
        </Space>
      }
      extra={
        <Link to={`/work-items/${item.workItemId}`} aria-label={`查看序号 ${item.workItem.seq} 事项详情`}>
          事项详情
        </Link>
      }
    >
      <ClampedText text={item.workItem.text} style={{ marginBottom: 8 }} />
      {item.state === 'returned' && item.returnReason ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={`办公室退回：${item.returnReason}`} /> : null}
      {editable ? (
        <>
          <Row gutter={12}>
            <Col xs={14} md={8}>
              <Form.Item label="进展状态" name={name('status')} rules={[{ required: true, message: '请选择进展状态' }]}>
                <Select options={STATUS_OPTIONS} placeholder="请选择" aria-label={`序号 ${item.workItem.seq} 进展状态`} />
              </Form.Item>
            </Col>
            <Col xs={10} md={6}>
              <Form.Item label="完成进度" name={name('percent')} rules={[{ required: true, message: '请填写完成进度' }]}>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label={`序号 ${item.workItem.seq} 完成进度`} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={item.kind === 'report' ? '主要工作进展' : '配合工作情况'} name={name('done')} rules={[{ required: true, whitespace: true, message: '请填写主要工作进展' }]}>
            <Input.TextArea rows={3} maxLength={5000} aria-label={`序号 ${item.workItem.seq} 主要工作进展`} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="存在问题" name={name('problems')}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="下一步计划" name={name('nextSteps')}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 's', label: '进展', children: item.status ? `${PROGRESS_STATUS_NAMES[item.status]}，完成 ${item.percent ?? 0}%` : '—' },
            { key: 'd', label: '主要工作进展', children: <span className="keep-lines">{item.done || '—'}</span> },
            ...(item.problems ? [{ key: 'p', label: '存在问题', children: <span className="keep-lines">{item.problems}</span> }] : []),
            ...(item.nextSteps ? [{ key: 'n', label: '下一步计划', children: <span className="keep-lines">{item.nextSteps}</span> }] : []),
            { key: 't', label: '报送时间', children: moment(item.submittedAt) },
          ]}
        />
      )}
      <EvidenceFiles reportId={item.id} files={item.evidence} editable={editable} onUploaded={onEvidence} />
      {item.kind === 'report' && item.contributions.length ? (
        <Collapse
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'c',
              label: `配合单位情况（已报送 ${item.contributions.length} 家${
                item.contributions.some((c) => c.state === 'submitted') && reviewContributions ? `，待接收 ${item.contributions.filter((c) => c.state === 'submitted').length} 家` : ''
              }）`,
              children: (
                <Flex vertical gap={8}>
                  {item.contributions.map((c) => (
                    <Contribution key={c.id} c={c} review={reviewContributions} onChange={onContribution} />
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}


/** One supporting unit's contribution as the lead sees it; its head receives it or sends it back. */
function Contribution({ c, review, onChange }: { c: Report; review: boolean; onChange: (c: Report) => void }) {
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const receive = async () => {
    try {
      onChange(await api.post('/api/v1/reports/{id}/accept', { params: { path: { id: c.id } }, body: { version: c.version } }));
      message.success(`已接收 ${c.unitName} 的配合情况`);
    } catch (e) {
      message.error(problemText(e));
    }
  };
  return (
    <div>
      <Space wrap size={4}>
        <Typography.Text strong>{c.unitName}</Typography.Text>
        <ReportStateTag state={c.state} kind={c.kind} />
        <Typography.Text type="secondary">
          {c.status ? `${PROGRESS_STATUS_NAMES[c.status]} ${c.percent ?? 0}%` : ''} {moment(c.submittedAt)}
        </Typography.Text>
        {review && c.state === 'submitted' ? (
          <>
            <Button size="small" onClick={receive}>
              接收
            </Button>
            <Button size="small" danger onClick={() => setReturning(true)}>
              退回
            </Button>
          </>
        ) : null}
      </Space>
      <div className="keep-lines">{c.done}</div>
      {c.problems ? <div className="keep-lines">存在问题：{c.problems}</div> : null}
      <ReasonModal
        open={returning}
        title={`退回 ${c.unitName} 的配合情况`}
        label="退回原因"
        okText="退回"
        onCancel={() => setReturning(false)}
        onSubmit={async (reason) => {
          onChange(await api.post('/api/v1/reports/{id}/return', { params: { path: { id: c.id } }, body: { version: c.version, reason } }));
          message.success('已退回，配合单位将看到退回原因');
          setReturning(false);
        }}
      />
    </div>
  );
}
