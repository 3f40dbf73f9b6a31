import { App, Button, Card, Descriptions, Empty, Form, Grid, Input, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { day, dayjs, moment } from '../../app/format';
import { applyFieldErrors } from '../../app/formErrors';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReasonModal } from '../reporting/ReasonModal';
import { LevelTag, NoticeStateTag } from './labels';
import { itemLabel, type Notice } from './NoticesPage';

/** One notice: what was asked, by when, where it stands, and the actions this caller may take now. */
export default function NoticePage() {
  const { id = '' } = useParams();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const notice = useLoad(() => api.get('/api/v1/notices/{id}', { params: { path: { id } } }), [id]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [replyForm] = Form.useForm<{ reply: string }>();

  const n = notice.data;
  if (!n) return <LoadState loading={notice.loading} error={notice.error} what="督办单" onRetry={notice.reload}>{null}</LoadState>;

  const office = can('notices:issue');
  // The service lets only the addressed unit's head respond; the console offers it to the same people.
  const addressedHead = can('notices:respond') && !office && me?.unitId === n.unitId;

  const act = async (what: string, run: () => Promise<Notice>, done: string) => {
    setBusy(what);
    setError(undefined);
    try {
      notice.setData(await run());
      message.success(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const acknowledge = () => act('ack', () => api.post('/api/v1/notices/{id}/acknowledge', { params: { path: { id } }, body: { version: n.version } }), '已签收，请在答复期限前答复办理情况');
  const reply = async () => {
    // An empty field is marked on the form; nothing is sent.
    const values = await replyForm.validateFields().catch(() => null);
    if (!values) return;
    const text = values.reply;
    setBusy('reply');
    setError(undefined);
    try {
      notice.setData(await api.post('/api/v1/notices/{id}/reply', { params: { path: { id } }, body: { version: n.version, reply: text.trim() } }));
      message.success('已答复，等待领导小组办公室审核办结');
      replyForm.resetFields();
    } catch (e) {
      setError(e);
      applyFieldErrors(replyForm, e, ['reply']);
    } finally {
      setBusy(null);
    }
  };
  const close = () => act('close', () => api.post('/api/v1/notices/{id}/close', { params: { path: { id } }, body: { version: n.version } }), '督办单已办结');

  const overdue = n.state !== 'closed' && n.state !== 'replied' && dayjs(n.replyDeadline).isBefore(dayjs(), 'day');
  const history = [
    { at: n.issuedAt, text: `领导小组办公室下发${n.levelLabel}单 ${n.numberText}` },
    ...(n.escalations ? [{ at: null, text: `逾期未办，已自动升级 ${n.escalations} 次，现为「${n.levelLabel}」` }] : []),
    ...(n.acknowledgedAt ? [{ at: n.acknowledgedAt, text: `${n.unitName}签收` }] : []),
    ...(n.returnReason ? [{ at: null, text: `答复被退回：${n.returnReason}` }] : []),
    ...(n.repliedAt ? [{ at: n.repliedAt, text: `${n.unitName}答复办理情况` }] : []),
    ...(n.closedAt ? [{ at: n.closedAt, text: '领导小组办公室办结' }] : []),
  ];

  return (
    <div>
      <PageHeader
        title={
          <Space wrap>
            <span>督办单 {n.numberText}</span>
            <LevelTag level={n.level} />
            <NoticeStateTag state={n.state} />
          </Space>
        }
        sub={<Link to="/notices">返回督办单列表</Link>}
      />
      <ProblemAlert error={error} />
      <Card size="small" style={{ marginBottom: 16 }}>
        {/* On a phone, labels above their values: beside them they would wrap one character per line. */}
        <Descriptions column={{ xs: 1, md: 2 }} layout={screens.md === false ? 'vertical' : 'horizontal'} size="small" bordered>
          <Descriptions.Item label="编号">{n.numberText}</Descriptions.Item>
          <Descriptions.Item label="督办等级">{n.levelLabel}</Descriptions.Item>
          <Descriptions.Item label="督办事项" span={2}>
            <Link to={`/work-items/${n.workItemId}`}>{itemLabel(n.workItem)}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="受文单位">{n.unitName}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            <Typography.Text type={overdue ? 'danger' : undefined}>
              {day(n.replyDeadline)}
              {overdue ? '（已逾期）' : ''}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="督办事由" span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.reason}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="办理要求" span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.requestedAction}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="办理情况" span={2}>
            {n.replyText ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{n.replyText}</Typography.Paragraph> : <Typography.Text type="secondary">尚未答复</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {addressedHead && n.state === 'issued' ? (
        <Card size="small" title="签收" style={{ marginBottom: 16 }}>
          <Typography.Paragraph>请确认已收到本督办单。签收后请在 {day(n.replyDeadline)} 前答复办理情况。</Typography.Paragraph>
          <Button type="primary" loading={busy === 'ack'} onClick={acknowledge}>
            签收
          </Button>
        </Card>
      ) : null}
      {addressedHead && n.state === 'acknowledged' ? (
        <Card size="small" title="答复办理情况" style={{ marginBottom: 16 }}>
          {n.returnReason ? <Typography.Paragraph type="danger">上次答复被退回：{n.returnReason}</Typography.Paragraph> : null}
          <Form form={replyForm} name="notice-reply" layout="vertical">
            <Form.Item label="办理情况" name="reply" rules={[{ required: true, whitespace: true, message: '请填写办理情况' }]}>
              <Input.TextArea rows={5} maxLength={4000} showCount placeholder="写明滞后原因、已采取的措施、整改安排和完成时限" />
            </Form.Item>
            <Button type="primary" loading={busy === 'reply'} onClick={reply}>
              提交答复
            </Button>
          </Form>
        </Card>
      ) : null}
      {office && n.state === 'replied' ? (
        <Card size="small" title="审核答复" style={{ marginBottom: 16 }}>
          <Typography.Paragraph>答复符合办理要求的，予以办结；不符合的，说明理由退回重新答复。</Typography.Paragraph>
          <Space wrap>
            <Button type="primary" loading={busy === 'close'} onClick={close}>
              办结
            </Button>
            <Button danger onClick={() => setReturning(true)}>
              退回
            </Button>
          </Space>
        </Card>
      ) : null}
      {office && (n.state === 'issued' || n.state === 'acknowledged') ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">等待{n.unitName}负责人{n.state === 'issued' ? '签收' : '答复'}。逾期未办的，系统按规则自动升级督办等级。</Typography.Text>
        </Card>
      ) : null}
      {!office && !addressedHead && n.state !== 'closed' ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">签收和答复由本单位负责人办理，请提醒负责人及时处理。</Typography.Text>
        </Card>
      ) : null}

      <Card size="small" title="办理记录">
        {history.length ? (
          <Timeline
            items={history.map((h) => ({
              content: (
                <div>
                  <div>{h.text}</div>
                  {h.at ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {moment(h.at)}
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        )}
      </Card>

      <ReasonModal
        open={returning}
        title="退回答复"
        label="退回理由"
        okText="退回"
        intro={<Typography.Paragraph type="secondary">退回后，{n.unitName}须重新答复。</Typography.Paragraph>}
        onCancel={() => setReturning(false)}
        onSubmit={async (reason) => {
          notice.setData(await api.post('/api/v1/notices/{id}/return', { params: { path: { id } }, body: { version: n.version, reason } }));
          setReturning(false);
          message.success('已退回，等待重新答复');
        }}
      />
    </div>
  );
}
