import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';

/** The one database client of the process. Connection failures surface in readiness, not at boot. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  /** The pool under Prisma's adapter: one set of connections for both ways in. */
  private readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, connectionTimeoutMillis: config.DATABASE_POOL_WAIT_MS });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    // An idle connection dropped by the server (a restart) must not take the process down; the next query reconnects.
    pool.on('error', (e) => new Logger('PrismaService').warn(`数据库空闲连接断开：${e.message}`));
  }

  /**
   * A read straight on the pool, outside any transaction, for the hottest reads only (the work-item list,
   * the dashboard): Prisma compiles even a raw statement anew on every call and maps every value of the
   * answer, which cost the service more than PostgreSQL spent answering (docs/performance.md). The SQL
   * carries the caller's scope like every other read.
   */
  async rawRead<Row extends Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]> {
    // Prepared once per connection under a name taken from the text: PostgreSQL then plans the list's
    // statement once instead of on every call (about 2 of its 6 ms at province scale).
    const name = `raw_${createHash('sha1').update(sql.text).digest('base64url')}`;
    try {
      return (await this.pool.query<Row>({ name, text: sql.text, values: sql.values })).rows;
    } catch (e) {
      // A socket's error says nothing of where it came from; here it can only be PostgreSQL out of reach.
      throw typeof (e as { syscall?: unknown }).syscall === 'string' ? new DatabaseUnreachableError(e) : e;
    }
  }

  /**
   * Last of all (after the HTTP server and the job workers have stopped taking work), and pool first: ending
   * the pool lets a transaction still running (a request, a job the worker left behind, the audit sealer)
   * finish on its connection while new ones are refused, whereas disconnecting Prisma first leaves such a
   * transaction waiting forever on its next statement, and the pool's end with it.
   */
  async onApplicationShutdown() {
    // An application may be closed twice (Nest allows a second shutdown once the first is over); pg refuses a second end.
    if (!this.pool.ending) await endWithin(this.pool, SHUTDOWN_WAIT_MS);
    await this.$disconnect();
  }
}

/** PostgreSQL could not be reached on the pool's own reads (Prisma's paths say so with their own codes). */
export class DatabaseUnreachableError extends Error {
  constructor(readonly reason: unknown) {
    super(`database unreachable: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/** How long a shutdown waits for running transactions before leaving them to the server. */
const SHUTDOWN_WAIT_MS = 10_000;

async function endWithin(pool: pg.Pool, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms).unref()));
  const outcome = await Promise.race([pool.end().then(() => 'ended' as const), late]);
  clearTimeout(timer);
  // A transaction stuck on a lock must not hold the process: its connection dies with the process, and PostgreSQL rolls it back.
  if (outcome === 'late') new Logger('PrismaService').warn(`关闭时仍有 ${pool.totalCount - pool.idleCount} 个数据库连接在使用中（事务未结束），已等待 ${ms / 1000} 秒，不再等待`);
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
