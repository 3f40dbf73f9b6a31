import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { projectRoot } from '../common/project-root.js';
import { ImportsService } from '../imports/imports.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { CITY, demoUnits, PROVINCE } from './demo-units.js';

export const DEMO_PLAN_TITLE = '银川市碳达峰实施方案（征求意见稿）';
const DATA_DIR = resolve(projectRoot(), 'prisma/demo');

/** Loads the Yinchuan demo: units, the plan and its task-division table. Safe to run again. */
export async function seedDemo(app: INestApplicationContext) {
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
    const row = await prisma.unit.upsert({ where: { name: unit.name }, create: { name: unit.name, ...data }, update: data });
    ids.set(unit.name, row.id);
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
  return { planId: plan.id, provinceId: ids.get(PROVINCE)!, result };
}
