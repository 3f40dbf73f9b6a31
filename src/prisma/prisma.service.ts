import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import { DatabaseUnreachableError, isDatabaseBusy, isDatabaseUnreachable } from './database-errors.js';

export { DatabaseUnreachableError };

/** Where a read that may lag the primary by the replica's delay runs: Prisma's model API and rawRead, both on one server. */
export interface ReadSource {
  readonly client: PrismaClient;
  raw<Row extends Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]>;
}

/** The one database client of the process. Connection failures surface in readiness, not at boot. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  /** The pool under Prisma's adapter: one set of connections for both ways in. */
  private readonly pool: pg.Pool;
  /** The read replica (DATABASE_READ_URL), when there is one. */
  private readonly replica?: ReadSource & { pool: pg.Pool };
  /** Until when reads skip a replica found out of reach, so that a dead one costs one failed read, not every read. */
  private replicaSkippedUntil = 0;
  private readonly logger = new Logger('PrismaService');
  private readonly shutdownWaitMs: number;

  constructor(config: AppConfig) {
    const pool = createPool(config.DATABASE_URL, config);
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    this.shutdownWaitMs = config.DATABASE_SHUTDOWN_WAIT_MS;
    if (config.DATABASE_READ_URL) {
      // Read-only sessions: on a real standby nothing could be written anyway; on a mistaken URL (the primary,
      // a copy) nothing will be.
      const replicaPool = createPool(config.DATABASE_READ_URL, config, '-c default_transaction_read_only=on');
      this.replica = { pool: replicaPool, client: new PrismaClient({ adapter: new PrismaPg(replicaPool) }), raw: (sql) => rawOn(replicaPool, sql) };
    }
  }

  /**
   * A read straight on the pool, outside any transaction, for the hottest reads only (the work-item list,
   * the dashboard): Prisma compiles even a raw statement anew on every call and maps every value of the
   * answer, which cost the service more than PostgreSQL spent answering (docs/performance.md). The SQL
   * carries the caller's scope like every other read.
   */
  async rawRead<Row extends Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]> {
    return rawOn(this.pool, sql);
  }

  /**
   * Runs reads that may lag the primary by a few seconds (the office's dashboard, the ledger export) on the
   * read replica, to keep their large scans off the server every write goes to. Without a replica, or when
   * it cannot serve them (out of reach, no connection in time, or a standby cancelling the statement for
   * replay), they run on the primary: the office still gets its figures. A replica found out of reach is
   * skipped for REPLICA_RETRY_MS. What a unit reads back after its own write never comes from here.
   */
  async fromReplica<T>(read: (db: ReadSource) => Promise<T>): Promise<T> {
    const primary: ReadSource = { client: this, raw: (sql) => this.rawRead(sql) };
    if (!this.replica || Date.now() < this.replicaSkippedUntil) return read(primary);
    try {
      return await read(this.replica);
    } catch (e) {
      const unreachable = isDatabaseUnreachable(e);
      if (!unreachable && !isDatabaseBusy(e)) throw e;
      if (unreachable) this.replicaSkippedUntil = Date.now() + REPLICA_RETRY_MS;
      this.logger.warn(`只读副本${unreachable ? `无法访问，${REPLICA_RETRY_MS / 1000} 秒内改由主库读取` : '暂时无法完成查询，本次改由主库读取'}：${e instanceof Error ? e.message : String(e)}`);
      return read(primary);
    }
  }

  /** The replica's client, for readiness to report on; undefined without one. */
  get replicaClient(): PrismaClient | undefined {
    return this.replica?.client;
  }

  /**
   * Last of all (after the HTTP server and the job workers have stopped taking work), and pool first: ending
   * the pool lets a transaction still running (a request, a job the worker left behind, the audit sealer)
   * finish on its connection while new ones are refused, whereas disconnecting Prisma first leaves such a
   * transaction waiting forever on its next statement, and the pool's end with it.
   */
  async onApplicationShutdown() {
    const pools = [this.pool, this.replica?.pool].filter((pool): pool is pg.Pool => !!pool);
    const closing = (async () => {
      // An application may be closed twice (Nest allows a second shutdown once the first is over); pg refuses a second end.
      await Promise.all(pools.filter((pool) => !pool.ending).map((pool) => pool.end()));
      await Promise.all([this.$disconnect(), this.replica?.client.$disconnect()]);
    })();
    // Bounded as a whole: Prisma's disconnect, too, waits for the adapter's pool, and so for a transaction stuck
    // on a lock. Such a transaction must not hold the process: its connection dies with the process, and
    // PostgreSQL rolls it back.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.shutdownWaitMs).unref()));
    const outcome = await Promise.race([closing.then(() => 'closed' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      closing.catch(() => undefined);
      const busy = pools.reduce((n, pool) => n + pool.totalCount - pool.idleCount, 0);
      this.logger.warn(`关闭时仍有 ${busy} 个数据库连接在使用中（事务未结束），已等待 ${this.shutdownWaitMs / 1000} 秒（DATABASE_SHUTDOWN_WAIT_MS），不再等待`);
    }
  }
}

/** How long reads leave a replica found out of reach before trying it again. */
const REPLICA_RETRY_MS = 30_000;

function createPool(connectionString: string, config: AppConfig, options?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, options, max: config.DATABASE_POOL_MAX, connectionTimeoutMillis: config.DATABASE_POOL_WAIT_MS });
  // An idle connection dropped by the server (a restart) must not take the process down; the next query reconnects.
  pool.on('error', (e) => new Logger('PrismaService').warn(`数据库空闲连接断开：${e.message}`));
  return pool;
}

/**
 * A read straight on a pool, outside any transaction. Prepared once per connection under a name taken from
 * the text: PostgreSQL then plans the list's statement once instead of on every call (about 2 of its 6 ms
 * at province scale).
 */
async function rawOn<Row extends Record<string, unknown>>(pool: pg.Pool, sql: Prisma.Sql): Promise<Row[]> {
  const name = `raw_${createHash('sha1').update(sql.text).digest('base64url')}`;
  try {
    return (await pool.query<Row>({ name, text: sql.text, values: sql.values })).rows;
  } catch (e) {
    // A socket's error says nothing of where it came from; here it can only be PostgreSQL out of reach.
    throw typeof (e as { syscall?: unknown }).syscall === 'string' ? new DatabaseUnreachableError(e) : e;
  }
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
