// Starts the real service for the journeys: the backend as built by `nest build`, a fresh PostgreSQL
// database (migrated, seeded with the Yinchuan demo), its own Redis key prefix and a free port. With
// E2E_BASE_URL set, uses that running service instead and starts nothing (for working on the tests).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromiumPath } from './browser';
import { ARTIFACTS, DEMO_PASSWORD, ROOT_DIR, STATE_FILE, WEB_DIR } from './paths';

const rootRequire = createRequire(join(ROOT_DIR, 'package.json'));
const OWNER_ROLE = 'cpt_test_owner';
const SERVICE_ROLE = 'cpt_test_service';
// pg and ioredis come from the service's own dependencies; only what is used here is typed.
type PgModule = { Client: new (o: { connectionString: string }) => { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> } };


function run(what: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`[e2e] ${what} 失败（退出码 ${r.status}）：\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`);
  }
  console.log(`[e2e] ${what}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

async function waitReady(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`[e2e] 服务启动后退出（退出码 ${child.exitCode}），日志：${logFile}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`[e2e] 服务 60 秒内未就绪，日志：${logFile}`);
}

export default async function globalSetup() {
  chromiumPath(); // fail now, with the instruction, rather than in every test
  mkdirSync(ARTIFACTS, { recursive: true });
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] 使用已运行的服务 ${process.env.E2E_BASE_URL}（不新建数据库）`);
    return;
  }

  if (process.env.E2E_SKIP_BUILD !== '1') {
    run('编译服务（nest build）', process.execPath, [rootRequire.resolve('@nestjs/cli/bin/nest.js'), 'build'], ROOT_DIR);
    run('构建控制台（vite build）', process.execPath, [join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], WEB_DIR);
    run('预压缩静态资源', process.execPath, [join(WEB_DIR, 'scripts', 'precompress.mjs')], WEB_DIR);
  }
  if (!existsSync(join(WEB_DIR, 'dist', 'index.html'))) throw new Error('[e2e] web/dist/index.html 不存在：请先运行 npm run build:web');
  if (!existsSync(join(ROOT_DIR, 'dist', 'src', 'main.js'))) throw new Error('[e2e] dist/src/main.js 不存在：请先运行 npx nest build');

  const admin = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/cpt_test');
  const dbName = `cpt_e2e_${process.pid}_test`;
  if (!dbName.includes('test')) throw new Error('refusing a database whose name lacks "test"');
  const { default: pg } = (await import(rootRequire.resolve('pg'))) as { default: PgModule };
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`[e2e] 无法连接 PostgreSQL（${admin.host}）：${(e as Error).message}。浏览器测试需要真实数据库。`);
  }
  // The same least-privilege split as the service's own tests (test/global-setup.ts) and a deployment:
  // migrations as the schema owner, the service as a role that may only read and write rows.
  const password = process.env.TEST_ROLE_PASSWORD;
  for (const role of [OWNER_ROLE, SERVICE_ROLE]) {
    try {
      await client.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : ''}`);
    } catch (e) {
      if (!/already exists/.test(String(e))) throw e;
    }
  }
  await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${dbName}" OWNER ${OWNER_ROLE}`);
  await client.end();
  const urlAs = (user: string) => {
    const url = new URL(admin);
    url.pathname = `/${dbName}`;
    url.username = user;
    url.password = password ?? '';
    return url.toString();
  };

  const port = process.env.E2E_PORT!;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: urlAs(SERVICE_ROLE),
    MIGRATION_DATABASE_URL: urlAs(OWNER_ROLE),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `cpt-e2e-${process.pid}:`,
    JWT_SECRET: `e2e-${process.pid}-${Date.now()}-0123456789abcdef0123456789`,
    AUDIT_HMAC_KEY: `e2e-audit-${process.pid}-${Date.now()}-0123456789abcdef`,
    DEMO_PASSWORD,
    PORT: port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    // Every journey signs in several people from one address.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  };
  // Record what teardown must undo before anything can fail half-way.
  const state = { dbName, adminUrl: admin.toString(), redisPrefix: env.REDIS_KEY_PREFIX, redisUrl: env.REDIS_URL, pid: 0 };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  run('迁移数据库', process.execPath, [join(ROOT_DIR, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], ROOT_DIR, env);
  run('载入银川市演示数据', process.execPath, [join(ROOT_DIR, 'dist', 'src', 'demo', 'main.js')], ROOT_DIR, env);

  const logFile = join(ARTIFACTS, 'service.log');
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [join(ROOT_DIR, 'dist', 'src', 'main.js')], { cwd: ROOT_DIR, env, stdio: ['ignore', out, out], detached: false });
  state.pid = child.pid!;
  writeFileSync(STATE_FILE, JSON.stringify(state));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, logFile);
  child.unref();
  console.log(`[e2e] 服务已启动：${url}（数据库 ${dbName}，日志 ${logFile}）`);
}
