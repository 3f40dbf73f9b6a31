import { asUser, tokenFor, type TestApp } from '../app.js';

/**
 * A small plan for reminder tests (the demo accounts must be seeded):
 *   A  市发改委 leads, 兴庆区 supports   完成时限 2026-05-10 (a Sunday; 05-09 is a make-up working day)
 *   B  兴庆区 leads                      持续推进 (ongoing: never a deadline reminder)
 * Quarterly reports due on the 5th: 2026 Q1 is due 2026-04-05 (a Sunday inside the Qingming holiday 04-04..06).
 */
export async function buildReminderPlan(t: TestApp) {
  const office = await tokenFor(t, 'office');
  const unit = async (name: string) => (await t.prisma.unit.findFirstOrThrow({ where: { name } })).id;
  const [city, fgw, xingqing] = [await unit('银川市'), await unit('市发改委'), await unit('兴庆区')];
  const plan = await t.prisma.plan.create({ data: { title: '提醒测试方案', jurisdictionId: city, status: 'issued' } });
  const itemA = await t.prisma.workItem.create({
    data: {
      planId: plan.id,
      seq: '1',
      itemNo: 1,
      sortKey: 1,
      text: '建成屋顶分布式光伏示范项目',
      assignments: {
        create: [
          { unitId: fgw, role: 'lead', principal: true, source: 'table', position: 0 },
          { unitId: xingqing, role: 'supporting', source: 'table', position: 1 },
        ],
      },
      deadlines: { create: [{ kind: 'dated', date: new Date('2026-05-10'), basis: 'column', text: '2026年5月10日前' }] },
    },
  });
  const itemB = await t.prisma.workItem.create({
    data: {
      planId: plan.id,
      seq: '2',
      itemNo: 1,
      sortKey: 2,
      text: '持续推进公共机构节能',
      assignments: { create: [{ unitId: xingqing, role: 'lead', principal: true, source: 'table', position: 0 }] },
      deadlines: { create: [{ kind: 'ongoing', date: null, basis: 'column', text: '持续推进' }] },
    },
  });
  const as = asUser(t, office);
  const sched = await as.put(`/api/v1/plans/${plan.id}/reporting-schedule`, { cadence: 'quarterly', dueDay: 5 });
  if (sched.status !== 200) throw new Error(`schedule: ${sched.status} ${JSON.stringify(sched.body)}`);
  // Confirmed, so that the builder also works on a real clock after the due day.
  const period = await as.post(`/api/v1/plans/${plan.id}/periods`, { year: 2026, index: 1, confirm: true, reason: '测试用调度' });
  if (period.status !== 201) throw new Error(`period: ${period.status} ${JSON.stringify(period.body)}`);
  const fgwReport = await t.prisma.progressReport.findFirstOrThrow({ where: { periodId: period.body.id, unitId: fgw, kind: 'report' } });
  return { planId: plan.id, itemA: itemA.id, itemB: itemB.id, periodId: period.body.id as string, fgwReport: fgwReport.id, units: { city, fgw, xingqing } };
}
