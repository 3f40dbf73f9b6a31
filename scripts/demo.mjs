#!/usr/bin/env node
// `npm run demo`: brings the service up with the Yinchuan demo data.
// 1. PostgreSQL at DATABASE_URL, or an embedded PGlite server when none answers;
// 2. build, migrate, seed (idempotent); 3. run the service until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

try {
  process.loadEnvFile('.env');
} catch {
  // no .env: defaults below
}

const DEFAULTS = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/carbon_tracker',
  REDIS_URL: 'redis://127.0.0.1:6379',
  DEMO_PASSWORD: 'Demo-2026-carbon',
};
for (const [k, v] of Object.entries(DEFAULTS)) process.env[k] ??= v;

// Secrets the demo makes once and keeps in .data/ (never committed): the token secret, the audit chain's
// key (a new key would make every earlier event fail verification) and the database roles' passwords.
mkdirSync('.data', { recursive: true });
const SECRETS_FILE = '.data/demo-secrets.json';
const secrets = existsSync(SECRETS_FILE) ? JSON.parse(readFileSync(SECRETS_FILE, 'utf8')) : {};
for (const key of ['JWT_SECRET', 'AUDIT_HMAC_KEY', 'OWNER_PASSWORD', 'SERVICE_PASSWORD']) secrets[key] ??= randomBytes(32).toString('hex');
writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
process.env.JWT_SECRET ??= secrets.JWT_SECRET;
process.env.AUDIT_HMAC_KEY ??= secrets.AUDIT_HMAC_KEY;

const say = (msg) => process.stdout.write(`[demo] ${msg}\n`);
const children = [];

function run(cmd, args, what) {
  say(what);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    say(`失败：${what}`);
    process.exit(r.status ?? 1);
  }
}

async function serverReachable(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (e) {
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || /timeout/i.test(e.message)) return undefined;
    throw e;
  }
}

async function startEmbedded() {
  const port = process.env.PGLITE_PORT ?? '54329';
  say(`DATABASE_URL 上没有可连接的 PostgreSQL，改用内置 PGlite（数据目录 .data/pglite，端口 ${port}）`);
  const child = spawn(process.execPath, ['node_modules/@electric-sql/pglite-socket/dist/scripts/server.js', '-d', '.data/pglite', '-p', port, '-m', '10'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; i < 60; i++) {
    const client = await serverReachable(url);
    if (client) {
      await client.end();
      return url;
    }
    await sleep(500);
  }
  throw new Error('内置 PGlite 未能启动');
}

const OWNER = 'cpt_owner';
const SERVICE = 'cpt_service';

function withUser(url, user, password) {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

/**
 * Least privilege, as in production: migrations run as the schema owner, the service as a role that may
 * only read and write rows. Needs a superuser (the default local `postgres`); otherwise, or for a database
 * an earlier demo created under another owner, the demo runs with DATABASE_URL's role and says so.
 */
async function splitRoles(admin, name) {
  const [{ rolsuper }] = (await admin.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows;
  if (!rolsuper) {
    if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) {
      say(`创建数据库 ${name}`);
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
    return say('DATABASE_URL 的角色不是超级用户：服务与迁移使用同一角色（生产环境请分开，见 README）');
  }
  for (const [role, password] of [
    [OWNER, secrets.OWNER_PASSWORD],
    [SERVICE, secrets.SERVICE_PASSWORD],
  ]) {
    const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
    await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
  }
  const db = (await admin.query('SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [name])).rows[0];
  if (!db) {
    say(`创建数据库 ${name}（所有者 ${OWNER}）`);
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" OWNER ${OWNER}`);
  } else if (db.owner !== OWNER) {
    return say(`数据库 ${name} 由 ${db.owner} 创建：本次仍以该角色运行（删除该库后重新运行即按最小权限运行）`);
  }
  process.env.MIGRATION_DATABASE_URL = withUser(process.env.DATABASE_URL, OWNER, secrets.OWNER_PASSWORD);
  process.env.DATABASE_URL = withUser(process.env.DATABASE_URL, SERVICE, secrets.SERVICE_PASSWORD);
  say(`数据库角色：迁移使用 ${OWNER}，服务使用 ${SERVICE}（只能增改数据行，审计记录只能追加）`);
}

async function ensureDatabase() {
  const client = await serverReachable(process.env.DATABASE_URL);
  if (!client) {
    process.env.DATABASE_URL = await startEmbedded();
    return;
  }
  try {
    await splitRoles(client, decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.slice(1)));
  } finally {
    await client.end();
  }
}

/** What a newcomer needs, in Chinese and English: where to go, who to be, which password. */
function banner() {
  const port = process.env.PORT ?? 3000;
  const accounts = existsSync('.data/demo-accounts.json') ? JSON.parse(readFileSync('.data/demo-accounts.json', 'utf8')) : [];
  const byUnit = new Map();
  for (const a of accounts) byUnit.set(a.unit, [...(byUnit.get(a.unit) ?? []), a.username]);
  const lines = [
    '',
    '  碳达峰实施方案责任落实跟踪系统 · Carbon-peaking accountability tracker',
    `  控制台 Console   http://localhost:${port}/`,
    `  接口文档 API docs http://localhost:${port}/api/docs`,
    `  演示密码 Password ${process.env.DEMO_PASSWORD}（所有演示账号 / every demo account）`,
    '  演示账号 Accounts office（领导小组办公室）· leader（领导）· evaluator（考核评估人）· 各单位 units:',
    ...[...byUnit].filter(([unit]) => !/办公室|银川市$/.test(unit)).map(([unit, names]) => `    ${unit}：${names.join(' / ')}`),
    '  按 Ctrl-C 停止 · Ctrl-C to stop',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function stopAll(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exitCode = code;
}

await ensureDatabase();
// What the service, the worker and the CLI read when the environment and .env do not say (src/config).
writeFileSync(
  '.data/demo.env',
  ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'AUDIT_HMAC_KEY', 'PORT']
    .filter((k) => process.env[k])
    .map((k) => `${k}=${process.env[k]}`)
    .join('\n') + '\n',
  { mode: 0o600 },
);
if (!existsSync('dist/src/main.js') || process.env.DEMO_REBUILD !== '0') run(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], '编译服务');
// The web console (web/): build:web installs its dependencies first when `npm install` did not.
if (!existsSync('web/dist/index.html') || process.env.DEMO_REBUILD !== '0') run('npm', ['run', 'build:web'], '构建网页控制台');
run(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], '应用数据库迁移');
run(process.execPath, ['dist/src/demo/main.js'], '载入银川市演示数据');
banner();
// Request logs would flood the terminal while someone clicks through the console: warnings and errors only.
const service = spawn(process.execPath, ['dist/src/main.js'], { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
children.push(service);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
service.on('exit', (code) => stopAll(code ?? 0));
