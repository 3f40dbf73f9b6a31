import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT_DIR, STATE_FILE } from './paths';

const rootRequire = createRequire(join(ROOT_DIR, 'package.json'));
// pg and ioredis come from the service's own dependencies; only what is used here is typed.
type PgModule = { Client: new (o: { connectionString: string }) => { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> } };
type RedisClass = new (url: string, o: object) => { connect(): Promise<void>; scan(cursor: string, ...args: (string | number)[]): Promise<[string, string[]]>; del(...keys: string[]): Promise<number>; disconnect(): void };

/** Stops the service the setup started, drops its database and removes its Redis keys. */
export default async function globalTeardown() {
  if (process.env.E2E_BASE_URL || !existsSync(STATE_FILE)) return;
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { dbName: string; adminUrl: string; redisPrefix: string; redisUrl: string; pid: number };
  if (state.pid) {
    try {
      process.kill(state.pid, 'SIGTERM');
      for (let i = 0; i < 50; i++) {
        process.kill(state.pid, 0);
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(state.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  if (process.env.E2E_KEEP_DB !== '1') {
    const { default: pg } = (await import(rootRequire.resolve('pg'))) as { default: PgModule };
    const client = new pg.Client({ connectionString: state.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${state.dbName}" WITH (FORCE)`);
    await client.end();
  }
  try {
    const { Redis } = (await import(rootRequire.resolve('ioredis'))) as { Redis: RedisClass };
    const redis = new Redis(state.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${state.redisPrefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  } catch {
    // Redis keys of a test prefix are harmless; nothing to fail the run for.
  }
  rmSync(STATE_FILE, { force: true });
  console.log(`[e2e] 已停止服务并删除数据库 ${state.dbName}`);
}
