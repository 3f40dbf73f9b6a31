import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DeliveriesTab } from './DeliveriesTab';
import { UnitChannelsTab } from './UnitChannelsTab';

const TABS = [
  { key: 'deliveries', label: '发送记录' },
  { key: 'channels', label: '单位群机器人' },
] as const;

/**
 * 通知渠道与发送记录: every email digest and group-robot message the service sent or failed to send (a
 * message that failed every try is a dead letter the office can send again), and each unit's WeCom /
 * DingTalk robot.
 */
export default function DeliveriesPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'channels' ? 'channels' : 'deliveries';
  return (
    <div>
      <PageHeader title="通知渠道与发送记录" sub="站内消息总会送达；另外每天汇总一封邮件发给留了邮箱的用户，并向配置了群机器人的单位群发一条消息。" />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            next.set('tab', k);
            setParams(next);
          }}
          destroyOnHidden
          items={TABS.map((t) => ({ key: t.key, label: t.label, children: tab === t.key ? t.key === 'channels' ? <UnitChannelsTab /> : <DeliveriesTab /> : null }))}
        />
      </Card>
    </div>
  );
}
