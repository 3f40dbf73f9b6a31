#!/usr/bin/env node
// `npm run demo`: brings the service up with the Yinchuan demo data.
// 1. PostgreSQL at DATABASE_URL, or an embedded PGlite server when none answers;
// 2. build, migrate, seed (idempotent); 3. run the service until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
// Without a configured secret the demo signs tokens with a fresh one: sessions end when it restarts.
process.env.JWT_SECRET ??= (await import('node:crypto')).randomBytes(32).toString('hex');
for (const [k, v] of Object.entries(DEFAULTS)) process.env[k] ??= v;

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
  mkdirSync('.data', { recursive: true });
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

async function ensureDatabase() {
  const client = await serverReachable(process.env.DATABASE_URL);
  if (!client) {
    process.env.DATABASE_URL = await startEmbedded();
    return;
  }
  const name = decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.slice(1));
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) {
    say(`创建数据库 ${name}`);
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  }
  await client.end();
}

function stopAll(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exitCode = code;
}

await ensureDatabase();
if (!existsSync('dist/src/main.js') || process.env.DEMO_REBUILD !== '0') run(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], '编译服务');
run(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], '应用数据库迁移');
run(process.execPath, ['dist/src/demo/main.js'], '载入银川市演示数据');
say(`演示账号密码（DEMO_PASSWORD）：${process.env.DEMO_PASSWORD}`);
say(`API 文档：http://localhost:${process.env.PORT ?? 3000}/api/docs`);
const service = spawn(process.execPath, ['dist/src/main.js'], { stdio: 'inherit', env: process.env });
children.push(service);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
service.on('exit', (code) => stopAll(code ?? 0));
