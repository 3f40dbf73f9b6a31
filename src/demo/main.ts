import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { Clock } from '../clock/clock.js';
import { shanghaiDay } from '../common/dates.js';
import { PeriodsService } from '../reporting/periods.service.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { seedAssessmentDemo } from '../assessment/assessment-demo.js';
import { seedDemo } from './demo-seed.js';
import { seedYearEndDemo } from './year-end-demo.js';

// A one-shot command runs no job worker; the service does.
process.env.JOBS_ENABLED ??= 'false';

const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
try {
  const { planId, result } = await seedDemo(app, process.env.DEMO_PASSWORD);
  const { created, updated, unchanged } = result.changes;
  // A round to try at once: quarterly reports due on the 10th, the current quarter open.
  const periods = app.get(PeriodsService);
  await periods.setSchedule(planId, { cadence: 'quarterly', dueDay: 10 });
  const [year, month] = shanghaiDay(app.get(Clock).now()).split('-').map(Number);
  const opened = await periods.open(planId, { year, index: Math.ceil(month / 3) }).catch((e: { code?: string }) => {
    if (e.code !== 'PERIOD.EXISTS') throw e;
  });
  // The year-end round: this year's cycle open, 市发改委's annual report accepted.
  const cycleId = await seedYearEndDemo(app, planId, year);
  process.stdout.write(`已开启 ${year} 年度报告（${cycleId}），市发改委年度报告已采纳\n`);
  process.stdout.write(
    `演示数据已就绪：方案 ${planId}，工作事项 ${result.summary.items} 项（新建 ${created.length}，更新 ${updated.length}，未变 ${unchanged}）` +
      `${opened ? `；已开启「${opened.label}」调度，待报 ${opened.expected} 份，截止 ${opened.dueDate}` : ''}\n`,
  );
  const assessment = await seedAssessmentDemo(app, planId);
  if (assessment) process.stdout.write(`已生成 ${assessment.year} 年度考核（${assessment.units} 个单位，已锁定，含结果运用）\n`);
  // The accounts of every unit, for the banner (usernames only; the password is the demo's).
  const users = await app.get(PrismaService).user.findMany({ select: { username: true, roles: true, unit: { select: { name: true } } }, orderBy: { username: 'asc' } });
  const accounts = users.map((u) => ({ username: u.username, unit: u.unit.name, roles: u.roles }));
  mkdirSync(resolve(projectRoot(), '.data'), { recursive: true });
  writeFileSync(resolve(projectRoot(), '.data', 'demo-accounts.json'), JSON.stringify(accounts, null, 2));
} finally {
  await app.close();
}
