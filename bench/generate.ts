// `npm run bench:data -- --scale city|province [--seed N]`: a deterministic province (or city) of plans,
// units, users, assignments and five years of progress reports, loaded in bulk, then lit by the real
// LightsService. See docs/performance.md.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import argon2 from 'argon2';
import pg from 'pg';
import { BENCH_PASSWORD, benchDatabaseUrl, bulkInsert, recreateDatabase, type Scale } from './lib/db.js';
import { Prng } from './lib/prng.js';

const SHAPE: Record<Scale, { cities: number; countiesPerCity: number; specialPlans: number }> = {
  province: { cities: 12, countiesPerCity: 0, specialPlans: 7 },
  city: { cities: 1, countiesPerCity: 10, specialPlans: 1 },
};
const PROVINCE_COUNTIES = 100;
const CITY_DEPARTMENTS = 40;
const COUNTY_DEPARTMENTS = 30;
const TOWNS_PER_COUNTY = 10;
const ITEMS_PER_PLAN = 40;
const AREAS_PER_PLAN = 8;
const SUPPORTING_PER_ITEM = 10;
const HISTORY_YEARS = [2021, 2022, 2023, 2024, 2025];

interface UnitRow {
  id: string;
  name: string;
  kind: string;
  level: string | null;
  parentId: string | null;
  memberKind: string | null;
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'city' }, seed: { type: 'string', default: '20261121' } } });
  const scale = values.scale as Scale;
  if (scale !== 'city' && scale !== 'province') throw new Error('--scale must be city or province');
  const rng = new Prng(Number(values.seed));
  const url = benchDatabaseUrl(scale);
  const t0 = Date.now();
  const log = (msg: string) => process.stdout.write(`[bench:data ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
  log(`recreating ${new URL(url).pathname.slice(1)}`);
  await recreateDatabase(url);

  // ---- units -------------------------------------------------------------------------------------
  const units: UnitRow[] = [];
  const unit = (name: string, kind: string, parentId: string | null, level: string | null = null, memberKind: string | null = null) => {
    const row = { id: rng.uuid(), name, kind, level, parentId, memberKind };
    units.push(row);
    return row;
  };
  const jurisdiction = (name: string, kind: 'province' | 'city' | 'county', parentId: string | null, departments: number) => {
    const j = unit(name, kind, parentId, kind);
    const depts = Array.from({ length: departments }, (_, k) => unit(`${name}部门${k + 1}`, 'department', j.id));
    const office = unit(`${name}碳达峰办公室`, 'office', j.id);
    return { j, depts, office };
  };
  const province = jurisdiction('省', 'province', null, CITY_DEPARTMENTS);
  const cityCollective = unit('省-各市人民政府', 'collective', province.j.id, null, 'city');
  const cities = Array.from({ length: SHAPE[scale].cities }, (_, c) => {
    const city = jurisdiction(`市${c + 1}`, 'city', province.j.id, CITY_DEPARTMENTS);
    const parks = Array.from({ length: 3 }, (_, k) => unit(`市${c + 1}园区${k + 1}`, 'park', city.j.id));
    const countyCollective = unit(`市${c + 1}-各县(市)区人民政府`, 'collective', city.j.id, null, 'county');
    return { ...city, parks, countyCollective, counties: [] as ReturnType<typeof county>[] };
  });
  function county(cityIndex: number, k: number) {
    const c = jurisdiction(`市${cityIndex + 1}县${k + 1}`, 'county', cities[cityIndex].j.id, COUNTY_DEPARTMENTS);
    const towns = Array.from({ length: TOWNS_PER_COUNTY }, (_, n) => unit(`${c.j.name}镇${n + 1}`, 'town', c.j.id, 'town'));
    const townCollective = unit(`${c.j.name}-各乡镇人民政府`, 'collective', c.j.id, null, 'town');
    return { ...c, towns, townCollective };
  }
  const countyCount = scale === 'province' ? PROVINCE_COUNTIES : SHAPE.city.countiesPerCity;
  for (let k = 0; k < countyCount; k++) cities[k % cities.length].counties.push(county(k % cities.length, Math.floor(k / cities.length)));
  log(`${units.length} units`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date();
  await bulkInsert(
    client,
    'units',
    ['id', 'name', 'kind', 'level', 'parent_id', 'member_kind', 'updated_at'],
    ['uuid[]', 'text[]', '"UnitKind"[]', '"UnitLevel"[]', 'uuid[]', '"UnitKind"[]', 'timestamptz[]'],
    units.map((u) => [u.id, u.name, u.kind, u.level, u.parentId, u.memberKind, now]),
  );

  // ---- users: a head and three reporters per unit; the offices get administrators and leaders ------
  const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const users: unknown[][] = [];
  let n = 0;
  for (const u of units.filter((x) => x.kind !== 'collective')) {
    const roles = u.kind === 'office' ? ['office_admin', 'office_admin', 'leader', 'evaluator'] : ['unit_head', 'unit_reporter', 'unit_reporter', 'unit_reporter'];
    for (const role of roles) users.push([rng.uuid(), `u${++n}`, `${u.name}${role === 'unit_head' ? '负责人' : '用户'}`, u.id, role, hash, now]);
  }
  await bulkInsert(
    client,
    'users',
    ['id', 'username', 'display_name', 'unit_id', 'roles', 'password_hash', 'updated_at'],
    ['uuid[]', 'text[]', 'text[]', 'uuid[]', '"Role"[]', 'text[]', 'timestamptz[]'],
    users,
    { 4: 'ARRAY[v4]' },
  );
  log(`${users.length} users`);

  // ---- plans, structure, work items, assignments, deadlines ----------------------------------------
  type PlanSpec = { title: string; jurisdictionId: string; depts: UnitRow[]; collective: UnitRow; members: UnitRow[]; parentId: string | null };
  const specs: PlanSpec[] = [];
  const provincePlan = { title: '省碳达峰实施方案', jurisdictionId: province.j.id, depts: province.depts, collective: cityCollective, members: cities.map((c) => c.j), parentId: null };
  specs.push(provincePlan);
  for (let k = 0; k < SHAPE[scale].specialPlans; k++) specs.push({ ...provincePlan, title: `省重点领域碳达峰专项方案${k + 1}` });
  for (const c of cities) {
    specs.push({ title: `${c.j.name}碳达峰实施方案`, jurisdictionId: c.j.id, depts: c.depts, collective: c.countyCollective, members: c.counties.map((x) => x.j), parentId: null });
    for (const k of c.counties) specs.push({ title: `${k.j.name}碳达峰实施方案`, jurisdictionId: k.j.id, depts: k.depts, collective: k.townCollective, members: k.towns, parentId: null });
  }
  const plans: unknown[][] = [];
  const nodes: unknown[][] = [];
  const items: unknown[][] = [];
  const assignments: { id: string; itemId: string; unitId: string; role: string; source: string; via: string | null; position: number; principal: boolean }[] = [];
  const deadlines: unknown[][] = [];
  const itemDue = new Map<string, string | null>();
  const planOf = new Map<string, string>();
  for (const spec of specs) {
    const planId = rng.uuid();
    plans.push([planId, spec.title, 'issued', 'internal', 2021, 2030, spec.jurisdictionId, spec.depts[0].id, 'half_yearly', 10, now]);
    const areaIds = Array.from({ length: AREAS_PER_PLAN }, (_, a) => {
      const id = rng.uuid();
      nodes.push([id, planId, 'area', ['一', '二', '三', '四', '五', '六', '七', '八'][a], `重点领域${a + 1}`, a + 1, '']);
      return id;
    });
    for (let i = 0; i < ITEMS_PER_PLAN; i++) {
      const itemId = rng.uuid();
      const area = areaIds[Math.floor(i / (ITEMS_PER_PLAN / AREAS_PER_PLAN))];
      items.push([itemId, planId, area, area, String(i + 1), 1, i + 1, `${spec.title}第${i + 1}项工作：推进重点任务落实，到2025年完成阶段目标。`, now]);
      planOf.set(itemId, planId);
      const [lead, ...supporting] = rng.sample(spec.depts, SUPPORTING_PER_ITEM + 1);
      let position = 0;
      const add = (unitId: string, role: string, source: string, via: string | null, principal = false) => assignments.push({ id: rng.uuid(), itemId, unitId, role, source, via, position: position++, principal });
      add(lead.id, 'lead', 'table', null, true);
      for (const s of supporting) add(s.id, 'supporting', 'table', null);
      add(spec.collective.id, 'supporting', 'table', null);
      for (const m of spec.members) add(m.id, 'supporting', 'fanout', spec.collective.id);
      const r = rng.next();
      const due = r < 0.3 ? '2025-12-31' : r < 0.8 ? '2030-12-31' : null;
      itemDue.set(itemId, due);
      deadlines.push([rng.uuid(), itemId, due ? 'dated' : 'ongoing', due, 'text', due ? `到${due.slice(0, 4)}年` : '持续推进']);
    }
  }
  await bulkInsert(
    client,
    'plans',
    ['id', 'title', 'status', 'visibility', 'horizon_start_year', 'horizon_end_year', 'jurisdiction_id', 'issuing_unit_id', 'reporting_cadence', 'reporting_due_day', 'updated_at'],
    ['uuid[]', 'text[]', '"PlanStatus"[]', '"PlanVisibility"[]', 'int[]', 'int[]', 'uuid[]', 'uuid[]', '"Cadence"[]', 'int[]', 'timestamptz[]'],
    plans,
  );
  await bulkInsert(client, 'plan_nodes', ['id', 'plan_id', 'level', 'label', 'title', 'position', 'parent_key'], ['uuid[]', 'uuid[]', '"NodeLevel"[]', 'text[]', 'text[]', 'int[]', 'text[]'], nodes);
  await bulkInsert(
    client,
    'work_items',
    ['id', 'plan_id', 'node_id', 'area_id', 'seq', 'item_no', 'sort_key', 'text', 'updated_at'],
    ['uuid[]', 'uuid[]', 'uuid[]', 'uuid[]', 'text[]', 'int[]', 'int[]', 'text[]', 'timestamptz[]'],
    items,
  );
  await bulkInsert(
    client,
    'assignments',
    ['id', 'work_item_id', 'unit_id', 'role', 'principal', 'source', 'via_unit_id', 'position'],
    ['uuid[]', 'uuid[]', 'uuid[]', '"AssignmentRole"[]', 'bool[]', '"AssignmentSource"[]', 'uuid[]', 'int[]'],
    assignments.map((a) => [a.id, a.itemId, a.unitId, a.role, a.principal, a.source, a.via, a.position]),
  );
  await bulkInsert(client, 'deadlines', ['id', 'work_item_id', 'kind', 'date', 'basis', 'text'], ['uuid[]', 'uuid[]', '"DeadlineKind"[]', 'date[]', 'text[]', 'text[]'], deadlines);
  log(`${plans.length} plans, ${items.length} work items, ${assignments.length} assignments`);

  // ---- periods and five years of half-yearly reports, plus the current open half-year --------------
  const collectiveIds = new Set(units.filter((u) => u.kind === 'collective').map((u) => u.id));
  const reporting = assignments.filter((a) => !collectiveIds.has(a.unitId));
  const halfYears = [...HISTORY_YEARS.flatMap((y) => [[y, 1], [y, 2]]), [2026, 2]] as [number, number][];
  const periodsByPlan = new Map<string, { id: string; end: string; due: string; open: boolean }[]>();
  const periods: unknown[][] = [];
  for (const planRow of plans) {
    const planId = planRow[0] as string;
    const list = halfYears.map(([y, h]) => {
      const id = rng.uuid();
      const [start, end, due] = h === 1 ? [`${y}-01-01`, `${y}-06-30`, `${y}-07-10`] : [`${y}-07-01`, `${y}-12-31`, `${y + 1}-01-10`];
      const open = y === 2026;
      periods.push([id, planId, 'half_yearly', `${y}年${h === 1 ? '上' : '下'}半年`, start, end, due, open ? 'open' : 'closed']);
      return { id, end, due, open };
    });
    periodsByPlan.set(planId, list);
  }
  await bulkInsert(
    client,
    'reporting_periods',
    ['id', 'plan_id', 'cadence', 'label', 'start_date', 'end_date', 'due_date', 'status'],
    ['uuid[]', 'uuid[]', '"Cadence"[]', 'text[]', 'date[]', 'date[]', 'date[]', '"PeriodStatus"[]'],
    periods,
  );
  let reportCount = 0;
  const batch: unknown[][] = [];
  const flush = async () => {
    await bulkInsert(
      client,
      'progress_reports',
      ['id', 'period_id', 'work_item_id', 'assignment_id', 'unit_id', 'kind', 'state', 'status', 'percent', 'done', 'first_submitted_at', 'submitted_at', 'accepted_at', 'version', 'updated_at'],
      ['uuid[]', 'uuid[]', 'uuid[]', 'uuid[]', 'uuid[]', '"ReportKind"[]', '"ReportState"[]', '"ProgressStatus"[]', 'int[]', 'text[]', 'timestamptz[]', 'timestamptz[]', 'timestamptz[]', 'int[]', 'timestamptz[]'],
      batch.splice(0),
    );
  };
  for (const a of reporting) {
    for (const [k, p] of periodsByPlan.get(planOf.get(a.itemId)!)!.entries()) {
      const kind = a.role === 'lead' ? 'report' : 'contribution';
      if (p.open) {
        batch.push([rng.uuid(), p.id, a.itemId, a.id, a.unitId, kind, 'pending', null, null, null, null, null, null, 1, now]);
      } else {
        const r = rng.next();
        const state = r < 0.85 ? 'accepted' : r < 0.9 ? 'submitted' : 'pending';
        const submitted = state === 'pending' ? null : new Date(new Date(`${p.due}T00:00:00+08:00`).getTime() + (rng.next() < 0.9 ? -1 : 1) * rng.int(1, 20) * 86_400_000);
        const percent = state === 'pending' ? null : Math.min(100, Math.round(((k + 1) / 10) * 100 * (0.7 + rng.next() * 0.5)));
        const status = percent === null ? null : percent >= 100 ? 'completed' : rng.next() < 0.8 ? 'on_track' : 'at_risk';
        batch.push([rng.uuid(), p.id, a.itemId, a.id, a.unitId, kind, state, status, percent, percent === null ? null : '按计划推进', submitted, submitted, state === 'accepted' ? submitted : null, state === 'pending' ? 1 : 3, now]);
      }
      reportCount++;
      if (batch.length >= 50_000) await flush();
    }
  }
  await flush();
  log(`${periods.length} periods, ${reportCount} progress reports`);
  await client.query('VACUUM ANALYZE');
  await client.end();

  // ---- lights, by the service the product runs ------------------------------------------------------
  Object.assign(process.env, { DATABASE_URL: url, JOBS_ENABLED: 'false', LOG_LEVEL: 'warn', JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-'.padEnd(40, 'x'), AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? 'bench-audit-key-'.padEnd(40, 'k') });
  const { AppModule } = await import('../src/app.module.js');
  const { LightsService } = await import('../src/lights/lights.service.js');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  const lit = await app.get(LightsService).recomputeAll();
  await app.close();
  const after = new pg.Client({ connectionString: url });
  await after.connect();
  await after.query('VACUUM ANALYZE');
  await after.end();
  log(`lights: ${lit.items} items, ${lit.changed} lights written. Done.`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
