import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { hashPassword } from '../auth/passwords.js';
import { projectRoot } from '../common/project-root.js';
import type { Role } from '../generated/prisma/enums.js';
import { ImportsService } from '../imports/imports.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { UnitAccountsService } from '../users/unit-accounts.service.js';
import { CITY, demoUnits, OFFICE, PROVINCE } from './demo-units.js';

export const DEMO_PLAN_TITLE = '银川市碳达峰实施方案（征求意见稿）';
const DATA_DIR = resolve(projectRoot(), 'prisma/demo');

/** The demo accounts of the README: name, display name, unit, roles. */
export const DEMO_ACCOUNTS: [string, string, string, Role[]][] = [
  ['office', '领导小组办公室管理员', OFFICE, ['office_admin']],
  ['leader', '分管领导', CITY, ['leader']],
  // 年度考核's third-party evaluator: scores the criteria the office assigns to it.
  ['evaluator', '考核评估人', OFFICE, ['evaluator']],
  ['fgw', '市发改委填报员', '市发改委', ['unit_reporter']],
  ['fgw-head', '市发改委负责人', '市发改委', ['unit_head']],
  ['gxj', '市工信局填报员', '市工信局', ['unit_reporter']],
  ['xingqing', '兴庆区填报员', '兴庆区', ['unit_reporter']],
  ['xingqing-head', '兴庆区负责人', '兴庆区', ['unit_head']],
  ['jinfeng', '金凤区填报员', '金凤区', ['unit_reporter']],
];

/** Loads the Yinchuan demo: units, accounts, the plan and its task-division table. Safe to run again. */
export async function seedDemo(app: INestApplicationContext, demoPassword = 'Demo-2026-carbon') {
  const prisma = app.get(PrismaService);
  const ids = new Map<string, string>();
  for (const unit of demoUnits(resolve(DATA_DIR, 'yinchuan-units.csv'))) {
    const data = {
      kind: unit.kind,
      level: unit.level ?? null,
      parentId: unit.parent ? ids.get(unit.parent)! : null,
      aliases: unit.aliases,
      memberKind: unit.memberKind ?? null,
    };
    const existing = await prisma.unit.findFirst({ where: { name: unit.name, parentId: data.parentId } });
    const row = existing ? await prisma.unit.update({ where: { id: existing.id }, data }) : await prisma.unit.create({ data: { name: unit.name, ...data } });
    ids.set(unit.name, row.id);
  }
  const passwordHash = await hashPassword(demoPassword);
  for (const [username, displayName, unit, roles] of DEMO_ACCOUNTS) {
    const data = { displayName, unitId: ids.get(unit)!, roles, passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null, disabled: false };
    await prisma.user.upsert({ where: { username }, create: { username, ...data }, update: data });
  }
  let plan = await prisma.plan.findFirst({ where: { title: DEMO_PLAN_TITLE } });
  plan ??= await prisma.plan.create({
    data: {
      title: DEMO_PLAN_TITLE,
      status: 'draft',
      visibility: 'internal',
      horizonStartYear: 2021,
      horizonEndYear: 2030,
      issuingUnitId: ids.get('市发改委'),
      jurisdictionId: ids.get(CITY)!,
      parentPlanId: null,
      // 「下述工作事项,均需各县(市)区人民政府、各园区管委会落实,不再重复列出」
      implicitUnits: { create: ['各县(市)区人民政府', '各园区管委会'].map((n) => ({ unitId: ids.get(n)! })) },
    },
  });
  const file = resolve(DATA_DIR, 'yinchuan-task-division.csv');
  const result = await app.get(ImportsService).commit(plan.id, { buffer: readFileSync(file), name: 'yinchuan-task-division.csv' });
  // As a real rollout would: every county, park and department of the plan gets a reporter and a head.
  await app.get(UnitAccountsService).provision(null, plan.id, ['unit_reporter', 'unit_head'], demoPassword);
  return { planId: plan.id, provinceId: ids.get(PROVINCE)!, result };
}
