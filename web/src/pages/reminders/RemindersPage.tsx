import { Card, Empty, Select, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePlanChoice } from '../../components/usePlans';
import { CalendarTab } from './CalendarTab';
import { MutesTab } from './MutesTab';
import { PreviewTab } from './PreviewTab';
import { RulesTab } from './RulesTab';

const TABS = [
  { key: 'rules', label: '提醒规则' },
  { key: 'preview', label: '今日提醒预览' },
  { key: 'mutes', label: '暂停提醒' },
  { key: 'calendar', label: '工作日历' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * 催办设置: the office decides per plan when units are reminded (rules and send hour), sees who a day's
 * scan would remind before it runs, pauses one kind of reminder for a unit, and corrects the working-day
 * calendar the scan follows (holidays, make-up working days).
 */
export default function RemindersPage() {
  const { plans, plan, choose } = usePlanChoice();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.some((t) => t.key === params.get('tab')) ? params.get('tab') : 'rules') as TabKey;
  const planId = plan?.id;

  const body = (key: TabKey) => {
    // The calendar is the office's, not the plan's: it needs no plan.
    if (key === 'calendar') return <CalendarTab />;
    if (!planId) return plans.data ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有实施方案。请先在「实施方案」中新建方案并导入任务分工表，再设置提醒。" /> : null;
    if (key === 'rules') return <RulesTab key={planId} planId={planId} />;
    if (key === 'preview') return <PreviewTab key={planId} planId={planId} />;
    return <MutesTab key={planId} planId={planId} />;
  };

  return (
    <div>
      <PageHeader
        title="催办设置"
        sub="提醒只在工作日的发送时刻发出（20:00–08:00 不发送），节假日顺延；同一提醒不会重复发送。"
        extra={
          plans.data && plans.data.length > 1 ? (
            <Select aria-label="方案" style={{ width: 260 }} value={planId} onChange={choose} options={plans.data.map((p) => ({ value: p.id, label: p.title }))} />
          ) : null
        }
      />
      <ProblemAlert error={plans.error} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            next.set('tab', k);
            setParams(next);
          }}
          destroyOnHidden
          items={TABS.map((t) => ({ key: t.key, label: t.label, children: tab === t.key ? body(t.key) : null }))}
        />
      </Card>
    </div>
  );
}
