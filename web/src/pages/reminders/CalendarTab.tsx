import { App, Button, DatePicker, Empty, Flex, Form, Input, Modal, Radio, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type Data } from '../../api/client';
import { day, dayjs } from '../../app/format';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useLoad } from '../../app/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';

type CalendarDay = Data<'/api/v1/calendar-days', 'get'>[number];

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * 工作日历: the year's exceptions to "Monday to Friday" (holidays on weekdays, make-up working weekends),
 * from the holiday library and the office's corrections; the office corrects a day when the library is
 * wrong or has no data yet for the year.
 */
export function CalendarTab() {
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [only, setOnly] = useState<'all' | 'office'>('all');
  const days = useLoad(() => api.get('/api/v1/calendar-days', { params: { query: { year } } }), [year]);
  const [editing, setEditing] = useState<{ day?: string; workday?: boolean; name?: string | null } | null>(null);
  const rows = (days.data ?? []).filter((d) => only === 'all' || d.source === 'office');

  return (
    <div>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={12} align="center">
          <Select aria-label="年份" style={{ width: 110 }} value={year} onChange={setYear} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} 年` }))} />
          <Segmented
            value={only}
            onChange={(v) => setOnly(v as 'all' | 'office')}
            options={[
              { value: 'all', label: '全部调整日' },
              { value: 'office', label: '只看办公室更正' },
            ]}
          />
        </Flex>
        <Button type="primary" onClick={() => setEditing({})}>
          更正某一天
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">
        下表列出工作日放假和周末调休上班的日子，其余日子按周一至周五上班。节假日库尚未收录的年份（如国务院尚未公布次年安排时），请在这里逐日更正。
      </Typography.Paragraph>
      <ProblemAlert error={days.error} />
      <Table<CalendarDay>
        size="small"
        rowKey="day"
        loading={days.loading}
        dataSource={rows}
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={only === 'office' ? '这一年没有办公室更正。节假日库有误时，点击「更正某一天」。' : '节假日库没有这一年的安排。请点击「更正某一天」逐日录入放假和调休上班日。'}
            />
          ),
        }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 150, render: (d: string) => day(d) },
          { title: '星期', dataIndex: 'day', width: 70, render: (d: string) => WEEKDAYS[dayjs(d).day()] },
          { title: '安排', dataIndex: 'workday', width: 100, render: (w: boolean) => (w ? <Tag color="blue">工作日</Tag> : <Tag color="green">休息日</Tag>) },
          { title: '说明', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
          { title: '来源', dataIndex: 'source', width: 120, render: (s: string) => (s === 'office' ? <Tag color="orange">办公室更正</Tag> : '节假日库') },
          {
            title: '操作',
            width: 80,
            render: (_, d) => (
              <Button size="small" type="link" onClick={() => setEditing(d)} aria-label={`更正 ${day(d.day)}`}>
                更正
              </Button>
            ),
          },
        ]}
      />
      <CalendarDayModal
        initial={editing}
        onClose={() => setEditing(null)}
        onDone={(d) => {
          setEditing(null);
          message.success(`已将 ${day(d.day)} 设为${d.workday ? '工作日' : '休息日'}`);
          if (dayjs(d.day).year() !== year) setYear(dayjs(d.day).year());
          else days.reload();
        }}
      />
    </div>
  );
}

interface DayValues {
  day: dayjs.Dayjs;
  workday: boolean;
  name: string;
}

function CalendarDayModal({ initial, onClose, onDone }: { initial: { day?: string; workday?: boolean; name?: string | null } | null; onClose: () => void; onDone: (d: CalendarDay) => void }) {
  const [form] = Form.useForm<DayValues>();
  const open = !!initial;
  const { submit, busy, error, clearError } = useFormSubmit(form, ['day', 'workday', 'name'], async (v) => {
    const d = await api.put('/api/v1/calendar-days/{day}', { params: { path: { day: v.day.format('YYYY-MM-DD') } }, body: { workday: v.workday, name: v.name.trim() } });
    onDone(d);
  });

  useEffect(() => {
    if (!initial) return;
    clearError();
    form.resetFields();
    form.setFieldsValue({ day: initial.day ? dayjs(initial.day) : undefined, workday: initial.workday ?? false, name: initial.name ?? '' });
  }, [initial, form]);

  return (
    <Modal title="更正工作日历" open={open} onOk={submit} onCancel={onClose} okText="保存" cancelText="取消" confirmLoading={busy} forceRender>
      <ProblemAlert error={error} />
      <Form form={form} name="calendar-day" layout="vertical">
        <Form.Item label="日期" name="day" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} disabled={!!initial?.day} />
        </Form.Item>
        <Form.Item label="这一天" name="workday" rules={[{ required: true, message: '请选择上班或放假' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: '工作日（上班）' },
              { value: false, label: '休息日（放假）' },
            ]}
          />
        </Form.Item>
        <Form.Item label="说明" name="name" rules={[{ required: true, whitespace: true, message: '请填写说明，如「元旦」「春节调休上班」' }]}>
          <Input maxLength={50} showCount placeholder="如：元旦、春节调休上班" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
