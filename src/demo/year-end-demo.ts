import type { INestApplicationContext } from '@nestjs/common';
import { PLAN_WIDE_ROLES } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { AnnualReportsService } from '../year-end/annual-reports.service.js';
import { YearEndService } from '../year-end/year-end.service.js';

async function principalOf(prisma: PrismaService, username: string): Promise<Principal> {
  const u = await prisma.user.findUniqueOrThrow({ where: { username }, include: { unit: { select: { name: true } } } });
  const planWide = u.roles.some((r) => PLAN_WIDE_ROLES.includes(r));
  return { userId: u.id, username: u.username, displayName: u.displayName, unitId: u.unitId, unitName: u.unit.name, roles: u.roles, mustChangePassword: false, planWide, scopeUnitIds: planWide ? [] : [u.unitId] };
}

/**
 * The year-end round of the demo: the year's cycle open, 市发改委's annual report filled in, signed off by
 * its head and accepted by the office — through the same services as the API. Safe to run again.
 */
export async function seedYearEndDemo(app: INestApplicationContext, planId: string, year: number) {
  const prisma = app.get(PrismaService);
  const cycles = app.get(YearEndService);
  const reports = app.get(AnnualReportsService);
  const [office, fgw, head] = await Promise.all(['office', 'fgw', 'fgw-head'].map((u) => principalOf(prisma, u)));
  let cycle = await prisma.yearEndCycle.findUnique({ where: { planId_year: { planId, year } } });
  if (!cycle) {
    await cycles.open(office, planId, { year });
    cycle = await prisma.yearEndCycle.findUniqueOrThrow({ where: { planId_year: { planId, year } } });
  }
  const report = await prisma.annualReport.findUnique({ where: { cycleId_unitId: { cycleId: cycle.id, unitId: fgw.unitId } } });
  if (report && report.state === 'draft') {
    const saved = await reports.save(fgw, report.id, {
      version: report.version,
      achievements: '牵头编制能源领域碳达峰专项方案，全市新增新能源装机 60 万千瓦，完成重点用能单位节能监察 42 家。',
      problems: '部分项目并网审批周期长，节能改造资金缺口较大。',
      nextYearPlans: '加快推进整县屋顶分布式光伏开发，完善能耗双控考核，争取中央预算内资金支持。',
    });
    const signed = await reports.signOff(head, report.id, { version: saved.version });
    await reports.decide(office, report.id, 'accept', { version: signed.version });
  }
  return cycle.id;
}
