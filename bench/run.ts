// `npm run bench [-- --scale city|province|both --duration 8 --concurrency 16]`: runs the built service on
// the bench databases (see bench/generate.ts), loads it with concurrent HTTP clients on this machine, and
// measures each scenario against a floor measured in the same run. Prints a table and writes
// bench/results/<date>.json.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { BENCH_PASSWORD, benchDatabaseUrl, type Scale } from './lib/db.js';
import { processCpu, runLoad, runSequential, runTimed, type Stats } from './lib/load.js';
import { batchFloor, dashboardFloor, FLOOR_AUDIT_TABLE, LIST_FLOOR } from './scenarios.js';

interface Row {
  scale: Scale;
  scenario: string;
  api: Stats;
  floor: Stats | null;
  floorKind: string;
  ratioP95: number | null;
}

const API_PORT = Number(process.env.BENCH_API_PORT ?? 3310);
const FLOOR_PORT = 3311;
const SECOND_PORT = 3312;

async function waitFor(url: string, tries = 120) {
  for (let i = 0; i < tries; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not come up`);
}

function startService(scale: Scale, port = API_PORT): ChildProcess {
  // BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the service (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: benchDatabaseUrl(scale),
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      REDIS_KEY_PREFIX: `bench:${scale}:`,
      JWT_SECRET: process.env.JWT_SECRET ?? 'bench-secret-'.padEnd(40, 'x'),
      AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? 'bench-audit-key-'.padEnd(40, 'k'),
    },
  });
}

/** The framework's ceiling: a bare Node HTTP server in its own process. */
function startBareServer(): ChildProcess {
  return spawn(process.execPath, ['-e', `require('http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"ok":true}'); }).listen(${FLOOR_PORT})`], {
    stdio: 'ignore',
  });
}

async function login(username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
}

async function call(path: string, token: string, init: RequestInit = {}, port = API_PORT): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { authorization: token, ...(init.headers ?? {}) } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
  return body ? JSON.parse(body) : null;
}

function importTable(cityDepartments: string[], collective: string, rows: number): Buffer {
  const lines = ['序号,重点领域,主要工作,牵头单位,配合单位,完成时限'];
  for (let i = 1; i <= rows; i++) {
    const lead = cityDepartments[i % cityDepartments.length];
    const support = [1, 2, 3].map((k) => cityDepartments[(i + k * 7) % cityDepartments.length]);
    lines.push(`${i},${['一、能源', '二、工业', '三、建筑', '四、交通'][i % 4]},"到2025年,完成第${i}项重点任务;到2030年,巩固提升。",${lead},"${support.join('、')},${collective}",2030年12月31日`);
  }
  return Buffer.from(lines.join('\n'));
}

/** A download: read to the end, not parsed. */
async function download(path: string, token: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${API_PORT}${path}`, { headers: { authorization: token } });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
}

async function upload(path: string, token: string, file: Buffer): Promise<unknown> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.csv');
  return call(path, token, { method: 'POST', body: form });
}

async function benchScale(scale: Scale, opts: { durationMs: number; warmupMs: number; concurrency: number; full: boolean; only: string[] | null }): Promise<Row[]> {
  const wanted = (section: string) => !opts.only || opts.only.includes(section);
  // PostgreSQL on these machines runs with autovacuum off (docs/performance.md): without a vacuum, the dead
  // rows earlier scenarios (and earlier runs) left behind would slow every later one, as they would not in
  // production. Each section starts on vacuumed tables, untimed.
  const want = async (section: string) => wanted(section) && (await pool.query('VACUUM'), true);
  const url = benchDatabaseUrl(scale);
  const pool = new pg.Pool({ connectionString: url, max: opts.concurrency });
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows;
  if (await fetch(`http://127.0.0.1:${API_PORT}/health/live`).then(() => true, () => false)) {
    throw new Error(`port ${API_PORT} is taken: stop whatever listens there (an earlier run?) and start again`);
  }
  // Data generated by an older checkout still works: bring its schema up to date first.
  const migrated = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`migrating ${url} failed (run npm run bench:data -- --scale ${scale} first?):\n${migrated.stderr}`);
  await pool.query('VACUUM (ANALYZE)');
  const service = startService(scale);
  // The service's own CPU per call: steadier than latency on a machine whose speed varies between runs.
  const cpu = processCpu([service.pid!]);
  const rows: Row[] = [];
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/health/live`);
    const load = { concurrency: opts.concurrency, durationMs: opts.durationMs, warmupMs: opts.warmupMs };
    const say = (s: string) => process.stdout.write(`[bench ${scale}] ${s}\n`);

    // The county reporter whose unit is involved in the most work items, and the provincial office.
    const [reporter] = await one<{ username: string; unit_id: string }>(`
      SELECT u.username, u.unit_id FROM users u JOIN units n ON n.id = u.unit_id
      WHERE n.kind = 'county' AND 'unit_reporter' = ANY(u.roles) ORDER BY n.name, u.username LIMIT 1`);
    const scope = [reporter.unit_id, ...(await one<{ id: string }>(`SELECT id FROM units WHERE parent_id = $1`, [reporter.unit_id])).map((r) => r.id)];
    const [office] = await one<{ username: string }>(`
      SELECT u.username FROM users u JOIN units n ON n.id = u.unit_id JOIN units p ON p.id = n.parent_id
      WHERE n.kind = 'office' AND p.kind = 'province' AND 'office_admin' = ANY(u.roles) ORDER BY u.username LIMIT 1`);
    const [cityPlan] = await one<{ id: string; jurisdiction_id: string }>(`
      SELECT pl.id, pl.jurisdiction_id FROM plans pl JOIN units j ON j.id = pl.jurisdiction_id WHERE j.kind = 'city' ORDER BY pl.title LIMIT 1`);
    const reporterToken = await login(reporter.username);
    const officeToken = await login(office.username);
    const light = 'red';

    let cycleId = '';
    let list: Stats | null = null;
    if (await want('list')) {
      say('scoped work-item list');
      list = await runLoad(() => call(`/api/v1/work-items?light=${light}&pageSize=50`, reporterToken).then(() => undefined), { ...load, cpu });
      const listFloor = await runLoad(() => pool.query(LIST_FLOOR, [scope, light]).then(() => undefined), load);
      rows.push({ scale, scenario: 'scoped list (county reporter, page of 50, light=red)', api: list, floor: listFloor, floorKind: 'one SQL query via pg', ratioP95: list.p95 / listFloor.p95 });
    }

    if (await want('dashboard')) {
      say('dashboard');
      const dash = await runLoad(() => call(`/api/v1/dashboard?planId=${cityPlan.id}`, officeToken).then(() => undefined), { ...load, cpu });
      const dashFloor = await runLoad(() => dashboardFloor(pool, cityPlan.id), load);
      rows.push({ scale, scenario: 'office dashboard (city plan)', api: dash, floor: dashFloor, floorKind: 'the same 4 SQL queries via pg', ratioP95: dash.p95 / dashFloor.p95 });
    }

    if (opts.full) {
      if (await want('noop')) {
        say('no-op authenticated route');
        const bare = startBareServer();
        try {
          await waitFor(`http://127.0.0.1:${FLOOR_PORT}/`);
          const me = await runLoad(() => call('/api/v1/auth/me', reporterToken).then(() => undefined), { ...load, cpu });
          const bareStats = await runLoad(() => fetch(`http://127.0.0.1:${FLOOR_PORT}/`).then((r) => r.text()).then(() => undefined), load);
          rows.push({ scale, scenario: 'authenticated no-op (GET /auth/me)', api: me, floor: bareStats, floorKind: 'bare Node http server', ratioP95: me.p95 / bareStats.p95 });
        } finally {
          bare.kill();
        }
      }

      if (await want('batch')) {
        say('batch submission');
        const workers = Math.min(opts.concurrency, 8);
        const towns = await one<{ unit_id: string; username: string; period_id: string }>(`
          SELECT DISTINCT ON (n.id) n.id AS unit_id, u.username, r.period_id
          FROM units n JOIN users u ON u.unit_id = n.id AND 'unit_reporter' = ANY(u.roles)
          JOIN progress_reports r ON r.unit_id = n.id JOIN reporting_periods p ON p.id = r.period_id AND p.status = 'open'
          WHERE n.kind = 'town' ORDER BY n.id, u.username LIMIT ${workers * 2}`);
        const reportsOf = async (unitId: string, periodId: string) =>
          one<{ id: string; version: number }>(`SELECT id, version FROM progress_reports WHERE unit_id = $1 AND period_id = $2 ORDER BY id`, [unitId, periodId]);
        const apiTowns = await Promise.all(towns.slice(0, workers).map(async (t) => ({ ...t, token: await login(t.username), reports: await reportsOf(t.unit_id, t.period_id) })));
        const floorTowns = await Promise.all(towns.slice(workers).map(async (t) => ({ ...t, reports: await reportsOf(t.unit_id, t.period_id) })));
        const items = apiTowns[0].reports.length;
        let percent = 0;
        const batchLoad = { ...load, concurrency: workers };
        const batch = await runLoad(async (w) => {
          const town = apiTowns[w];
          percent = (percent + 1) % 100;
          const saved = (await call(`/api/v1/periods/${town.period_id}/my-reports`, town.token, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ items: town.reports.map((r) => ({ reportId: r.id, version: r.version, status: 'on_track', percent, done: '按计划推进' })) }),
          })) as { id: string; version: number }[];
          for (const s of saved) town.reports.find((r) => r.id === s.id)!.version = s.version;
        }, { ...batchLoad, cpu });
        await pool.query(FLOOR_AUDIT_TABLE);
        await pool.query('TRUNCATE bench_floor_audit_events');
        const batchFloorStats = await runLoad((w) => batchFloor(pool, floorTowns[w].reports, (percent = (percent + 1) % 100)), batchLoad);
        rows.push({ scale, scenario: `batch submission (${items} items, ${workers} units at once)`, api: batch, floor: batchFloorStats, floorKind: 'one raw transaction', ratioP95: batch.p95 / batchFloorStats.p95 });

        await pool.query('VACUUM');
        say('batch sign-off');
        // The head of each town signs off all its items at once (which also recomputes their lights); between
        // two timed calls the reports are put back to drafts directly in the database, untimed.
        const heads = await Promise.all(
          apiTowns.map(async (t) => {
            const [head] = await one<{ username: string }>(`SELECT username FROM users WHERE unit_id = $1 AND 'unit_head' = ANY(roles) ORDER BY username LIMIT 1`, [t.unit_id]);
            return { ...t, token: await login(head.username) };
          }),
        );
        const backToDraft = (ids: string[]) =>
          pool.query(`UPDATE progress_reports SET state = 'draft', first_submitted_at = NULL, submitted_at = NULL WHERE id = ANY($1::uuid[])`, [ids]);
        // `fixed`: the head signs off the drafts as they stand (the same content each time, as the screen sends
        // it), which the service records as a sign-off alone; otherwise the content changes on every call.
        const signOffRun = (fixed: boolean) =>
          runTimed(async (w) => {
            const town = heads[w];
            const p = fixed ? 50 : (percent = (percent + 1) % 100);
            const start = performance.now();
            const signed = (await call(`/api/v1/periods/${town.period_id}/my-reports`, town.token, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ signOff: true, items: town.reports.map((r) => ({ reportId: r.id, version: r.version, status: 'on_track', percent: p, done: '按计划推进' })) }),
            })) as { id: string; version: number }[];
            const ms = performance.now() - start;
            for (const s of signed) town.reports.find((r) => r.id === s.id)!.version = s.version;
            await backToDraft(town.reports.map((r) => r.id));
            return ms;
          }, { concurrency: workers, iterations: Math.max(5, Math.round(opts.durationMs / 400)), cpu });
        const signOff = await signOffRun(false);
        rows.push({ scale, scenario: `batch sign-off (${items} items, ${workers} units at once, lights recomputed)`, api: signOff, floor: batchFloorStats, floorKind: 'one raw transaction (drafts)', ratioP95: signOff.p95 / batchFloorStats.p95 });
        await pool.query(`UPDATE progress_reports SET status = 'on_track', percent = 50, done = '按计划推进', problems = NULL, next_steps = NULL WHERE id = ANY($1::uuid[])`, [
          heads.flatMap((t) => t.reports.map((r) => r.id)),
        ]);
        const asSaved = await signOffRun(true);
        rows.push({ scale, scenario: `batch sign-off of the drafts as saved (${items} items, ${workers} units at once)`, api: asSaved, floor: batchFloorStats, floorKind: 'one raw transaction (drafts)', ratioP95: asSaved.p95 / batchFloorStats.p95 });
      }

      if (list && (await want('two-instances'))) {
        say('two instances');
        // A second instance on the same database and Redis, clients spread over both: what a load balancer does.
        const second = startService(scale, SECOND_PORT);
        try {
          await waitFor(`http://127.0.0.1:${SECOND_PORT}/health/live`);
          const both = await runLoad((w) => call(`/api/v1/work-items?light=${light}&pageSize=50`, reporterToken, {}, w % 2 ? SECOND_PORT : API_PORT).then(() => undefined), {
            ...load,
            cpu: processCpu([service.pid!, second.pid!]),
          });
          rows.push({ scale, scenario: 'scoped list, two instances behind round robin', api: both, floor: list!, floorKind: 'the same list on one instance', ratioP95: both.p95 / list!.p95 });
        } finally {
          second.kill('SIGTERM');
        }
      }

      if (await want('import')) {
        say('1,000-row import');
        const departments = (await one<{ name: string }>(`SELECT name FROM units WHERE parent_id = $1 AND kind = 'department' ORDER BY name`, [cityPlan.jurisdiction_id])).map((r) => r.name);
        const [collective] = await one<{ name: string }>(`SELECT name FROM units WHERE parent_id = $1 AND kind = 'collective' LIMIT 1`, [cityPlan.jurisdiction_id]);
        const table = importTable(departments, collective.name, 1000);
        const newPlan = async () =>
          ((await call('/api/v1/plans', officeToken, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `基准导入方案${Date.now()}`, jurisdictionId: cityPlan.jurisdiction_id }) })) as { id: string }).id;
        // Plans made by this scenario are removed afterwards, so that runs do not grow the data set.
        const cleanup = () => pool.query(`DELETE FROM plans WHERE title LIKE '基准导入方案%'`);
        await cleanup();
        const dryPlan = await newPlan();
        const dry = await runSequential(() => upload(`/api/v1/plans/${dryPlan}/imports?dryRun=true`, officeToken, table).then(() => undefined), 5);
        rows.push({ scale, scenario: 'import dry run (1,000 rows)', api: dry, floor: null, floorKind: 'none', ratioP95: null });
        const commit = await runSequential(async () => {
          const plan = await newPlan();
          await upload(`/api/v1/plans/${plan}/imports?dryRun=false`, officeToken, table);
        }, 3);
        rows.push({ scale, scenario: 'import commit (1,000 rows, new plan)', api: commit, floor: null, floorKind: 'none', ratioP95: null });
        // Goal: the 工作台账 of a 1,000-item plan in under 3 s.
        const [ledgerPlan] = await one<{ id: string }>(`SELECT id FROM plans WHERE title LIKE '基准导入方案%' ORDER BY created_at DESC LIMIT 1`);
        const ledger = await runSequential(() => download(`/api/v1/plans/${ledgerPlan.id}/documents/ledger.xlsx`, officeToken), 5);
        rows.push({ scale, scenario: '工作台账 .xlsx (1,000-item plan, office)', api: ledger, floor: null, floorKind: 'none', ratioP95: null });
        await cleanup();
      }

      if (await want('reminder')) {
        // The daily reminder scan of the plan with the most assignments, by the service's own clock: the first run
        // decides and writes the ledger and digests, the repeats decide and find everything written (a no-op).
        // Its rows are removed afterwards so runs do not grow the data set. A failure here leaves the table intact.
        say('reminder scan');
        try {
          const [big] = await one<{ id: string; n: string }>(`
            SELECT w.plan_id AS id, count(*) AS n FROM assignments a JOIN work_items w ON w.id = a.work_item_id GROUP BY w.plan_id ORDER BY count(*) DESC LIMIT 1`);
          const clear = () => pool.query(`DELETE FROM notification_deliveries; DELETE FROM notifications`);
          await clear();
          let written = 0;
          const scan = await runSequential(async () => {
            written += ((await call(`/api/v1/plans/${big.id}/reminders/scan`, officeToken, { method: 'POST' })) as { written: number }).written;
          }, 3);
          rows.push({ scale, scenario: `reminder scan (${Number(big.n).toLocaleString('en')} assignments, ${written} messages written)`, api: scan, floor: null, floorKind: 'none', ratioP95: null });
          await clear();
        } catch (e) {
          say(`reminder scan skipped: ${e instanceof Error ? e.message : e}`);
        }
      }
      if (await want('year-end')) {
        say('year-end summary');
        // Goal: the consolidated summary of the largest plan in under 5 s. Cycles made here are removed afterwards.
        const [bigPlan] = await one<{ id: string; year: number }>(`
          SELECT pl.id, COALESCE(pl.horizon_start_year, 2026) AS year FROM plans pl JOIN work_items w ON w.plan_id = pl.id
          JOIN assignments a ON a.work_item_id = w.id GROUP BY pl.id ORDER BY count(*) DESC LIMIT 1`);
        const cleanupCycles = async () => {
          const mine = `SELECT id FROM year_end_cycles WHERE recipient = '基准年度报告'`;
          await pool.query(`DELETE FROM annual_report_revisions WHERE report_id IN (SELECT id FROM annual_reports WHERE cycle_id IN (${mine}))`);
          await pool.query(`DELETE FROM annual_reports WHERE cycle_id IN (${mine})`);
          await pool.query(`DELETE FROM year_end_cycles WHERE recipient = '基准年度报告'`);
        };
        await cleanupCycles();
        const opened = await runSequential(async () => {
          const body = JSON.stringify({ year: bigPlan.year, recipient: '基准年度报告' });
          const cycle = (await call(`/api/v1/plans/${bigPlan.id}/year-end-cycles`, officeToken, { method: 'POST', headers: { 'content-type': 'application/json' }, body })) as { id: string };
          cycleId = cycle.id;
        }, 1);
        rows.push({ scale, scenario: 'open a year-end cycle (largest plan, prefilled reports)', api: opened, floor: null, floorKind: 'none', ratioP95: null });
        const summary = await runSequential(() => call(`/api/v1/year-end-cycles/${cycleId}/summary`, officeToken).then(() => undefined), 5);
        rows.push({ scale, scenario: 'year-end summary (largest plan)', api: summary, floor: null, floorKind: 'none', ratioP95: null });
        await cleanupCycles();
      }
      if (await want('assessment')) {
        say('assessment round');
        // The annual assessment of the largest plan: opening the round gathers every assessed unit's facts
        // (reports, items, lights, extensions) and scores them; then the ranking everyone waits for. The
        // bench's scheme and round are removed afterwards (the tables keep no trigger against it).
        const [bigPlan] = await one<{ id: string; units: string }>(`
          SELECT w.plan_id AS id, count(DISTINCT a.unit_id) AS units FROM work_items w JOIN assignments a ON a.work_item_id = w.id
          GROUP BY w.plan_id ORDER BY count(*) DESC LIMIT 1`);
        // The latest year whose reporting periods have all ended.
        const [{ year }] = await one<{ year: number }>(`
          SELECT COALESCE(max(extract(year FROM end_date))::int, 2025) AS year FROM reporting_periods
          WHERE plan_id = $1 AND end_date < date_trunc('year', now())`, [bigPlan.id]);
        const rounds = `SELECT id FROM assessment_rounds WHERE plan_id = '${bigPlan.id}' AND year = ${year}`;
        const cleanupRound = async () => {
          await pool.query(`DELETE FROM assessment_scores WHERE sheet_id IN (SELECT id FROM assessment_sheets WHERE round_id IN (${rounds}))`);
          await pool.query(`DELETE FROM assessment_appeals WHERE sheet_id IN (SELECT id FROM assessment_sheets WHERE round_id IN (${rounds}))`);
          for (const table of ['assessment_sheets', 'assessment_evaluators', 'assessment_result_versions', 'assessment_outcomes']) await pool.query(`DELETE FROM ${table} WHERE round_id IN (${rounds})`);
          await pool.query(`DELETE FROM assessment_rounds WHERE plan_id = $1 AND year = $2`, [bigPlan.id, year]);
          await pool.query(`DELETE FROM assessment_schemes WHERE plan_id = $1 AND year = $2`, [bigPlan.id, year]);
        };
        await cleanupRound();
        const scheme = {
          year,
          name: `${year}年度基准考核方案`,
          baseScore: 90,
          totalCap: 100,
          parts: [{ key: 'work', name: '重点任务推进', weight: 100 }],
          criteria: [
            { key: 'on_time', partKey: 'work', name: '按时报送', type: 'computed', basis: 'system_data', kind: 'on_time_reporting', params: { points: 10 } },
            { key: 'completion', partKey: 'work', name: '到期事项完成', type: 'computed', basis: 'system_data', kind: 'completion_rate', params: { points: 20 } },
            { key: 'overdue', partKey: 'work', name: '逾期或红灯事项', type: 'computed', basis: 'system_data', kind: 'overdue_or_red', params: { lead: -2, supporting: -1 }, capMin: -10 },
            { key: 'completed', partKey: 'work', name: '完成事项', type: 'computed', basis: 'system_data', kind: 'completed_items', params: { lead: 1, supporting: 0.5 }, capMax: 5 },
            { key: 'returned', partKey: 'work', name: '报告被退回', type: 'computed', basis: 'system_data', kind: 'returned_reports', params: { lead: -1, supporting: -0.5 } },
            { key: 'extensions', partKey: 'work', name: '申请延期', type: 'computed', basis: 'system_data', kind: 'extensions', params: { lead: -1, supporting: 0 } },
          ],
          excellentMaxShare: 0.3,
        };
        const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
        try {
          await call(`/api/v1/plans/${bigPlan.id}/assessment-schemes`, officeToken, { ...json, body: JSON.stringify(scheme) });
          let roundId = '';
          const opened = await runSequential(async () => {
            roundId = ((await call(`/api/v1/plans/${bigPlan.id}/assessment-rounds`, officeToken, { ...json, body: JSON.stringify({ year }) })) as { id: string }).id;
          }, 1);
          const [{ sheets }] = await one<{ sheets: string }>(`SELECT count(*) AS sheets FROM assessment_sheets WHERE round_id = $1`, [roundId]);
          rows.push({ scale, scenario: `open an assessment round (largest plan, ${year}, ${Number(sheets).toLocaleString('en')} units scored on 6 computed criteria)`, api: opened, floor: null, floorKind: 'none', ratioP95: null });
          const ranking = await runSequential(() => download(`/api/v1/assessment-rounds/${roundId}/export/ranking`, officeToken), 5);
          rows.push({ scale, scenario: 'assessment ranking .xlsx (that round, office)', api: ranking, floor: null, floorKind: 'none', ratioP95: null });
        } catch (e) {
          say(`assessment skipped: ${e instanceof Error ? e.message : e}`);
        } finally {
          await cleanupRound();
        }
      }
    }
    if (opts.full && (await want('first-screen'))) {
      say('console first screen');
      // Goal (issue 15): the first screen usable within 2 s. A first visit in Debian's Chromium at 1366×768 with
      // the browser cache off, for the office's dashboard and the batch report of the unit with the most open reports, on this data.
      if (!existsSync('web/dist/index.html')) spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
      // A reporter with something to fill in: the unit with the most reports in an open period.
      const [unitUser] = await one<{ username: string }>(`
        SELECT u.username FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id AND p.status = 'open'
        JOIN users u ON u.unit_id = r.unit_id AND 'unit_reporter' = ANY(u.roles)
        GROUP BY u.username ORDER BY count(*) DESC, u.username LIMIT 1`);
      const measured = spawnSync(
        process.execPath,
        ['web/scripts/first-screen.mjs', '--url', `http://127.0.0.1:${API_PORT}`, '--office', office.username, '--leader', 'none', '--unit', unitUser.username, '--password', BENCH_PASSWORD, '--runs', '5'],
        { encoding: 'utf8' },
      );
      if (measured.status !== 0) {
        say(`first screen not measured: ${measured.stderr.trim().split("\n").filter((l) => l.trim()).slice(0, 6).join(" | ").slice(0, 800)}`);
      } else {
        for (const r of (JSON.parse(measured.stdout) as { results: { screen: string; runsMs: number[] }[] }).results) {
          const sorted = [...r.runsMs].sort((a, b) => a - b);
          const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
          const api: Stats = { requests: sorted.length, errors: 0, p50: at(0.5), p95: at(0.95), p99: at(0.99), throughput: 0 };
          rows.push({ scale, scenario: `console first screen ${r.screen} (first visit, cache off)`, api, floor: null, floorKind: 'none', ratioP95: null });
        }
      }
    }
  } finally {
    service.kill('SIGTERM');
    await pool.end();
    await sleep(500);
  }
  return rows;
}

function table(rows: Row[]): string {
  const ms = (v: number) => v.toFixed(1);
  const lines = [
    '| scale | scenario | p50 ms | p95 ms | p99 ms | req/s | service CPU ms/req | floor p95 ms | floor req/s | p95 ÷ floor | floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const cpu = r.api.cpuMsPerRequest !== undefined ? r.api.cpuMsPerRequest.toFixed(1) : '—';
    lines.push(
      `| ${r.scale} | ${r.scenario} | ${ms(r.api.p50)} | ${ms(r.api.p95)} | ${ms(r.api.p99)} | ${r.api.throughput.toFixed(1)} | ${cpu} | ${r.floor ? ms(r.floor.p95) : '—'} | ${r.floor ? r.floor.throughput.toFixed(1) : '—'} | ${r.ratioP95 ? r.ratioP95.toFixed(2) : '—'} | ${r.floorKind} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '16' },
      warmup: { type: 'string', default: '2' },
      // A comma list of sections to run (list, dashboard, noop, batch, two-instances, import, reminder, year-end, assessment, first-screen).
      only: { type: 'string' },
    },
  });
  const scales: Scale[] = values.scale === 'both' ? ['city', 'province'] : [values.scale as Scale];
  const opts = { durationMs: Number(values.duration) * 1000, warmupMs: Number(values.warmup) * 1000, concurrency: Number(values.concurrency), only: values.only ? values.only.split(',') : null };
  const rows: Row[] = [];
  // List and dashboard at every scale (how cost grows with data); the rest at the largest one.
  for (const scale of scales) rows.push(...(await benchScale(scale, { ...opts, full: scale === scales.at(-1) })));
  const growth = (scenario: string) => {
    const [a, b] = ['city', 'province'].map((s) => rows.find((r) => r.scale === s && r.scenario.startsWith(scenario)));
    return a && b ? b.api.p95 / a.api.p95 : null;
  };
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    options: opts,
    rows,
    growthProvinceOverCityP95: { list: growth('scoped list'), dashboard: growth('office dashboard') },
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${result.date.slice(0, 19).replace(/[:T]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2));
  process.stdout.write(`\n${table(rows)}\n\ncity → province p95 growth: list ${result.growthProvinceOverCityP95.list?.toFixed(2) ?? '—'}×, dashboard ${result.growthProvinceOverCityP95.dashboard?.toFixed(2) ?? '—'}×\nwritten ${file}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
