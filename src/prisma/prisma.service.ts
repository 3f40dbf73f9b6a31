import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';
import { createPool, rawOn } from './pools.js';
import { ReadReplica, type ReadSource } from './read-replica.js';

export type { ReadSource };

/** The database client of the process (and the read replica's, when there is one). Connection failures surface in readiness, not at boot. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  /** The pool under Prisma's adapter: one set of connections for both ways in. */
  private readonly pool: pg.Pool;
  /** The read replica (DATABASE_READ_URL), when there is one. */
  private readonly replica?: ReadReplica;
  /** The primary as a read source, for fromReplica's fallback. */
  private readonly primary: ReadSource = { client: this, raw: (sql) => this.rawRead(sql) };
  private readonly logger = new Logger('PrismaService');
  private readonly shutdownWaitMs: number;

  constructor(config: AppConfig) {
    const pool = createPool(config.DATABASE_URL, config);
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    this.shutdownWaitMs = config.DATABASE_SHUTDOWN_WAIT_MS;
    if (config.DATABASE_READ_URL) this.replica = new ReadReplica(config.DATABASE_READ_URL, config);
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
   * Runs reads that may lag the primary (the office's dashboard, the ledger export) on the read replica, to
   * keep their large scans off the server every write goes to. Without a replica, while it lags too far, or
   * when it fails them for any reason, they run on the primary: the office still gets its figures. The
   * callback must only read, and check what must be current (that the plan exists) on the primary first: a
   * failure on the replica runs it again on the primary. What a unit reads back after its own write never
   * comes from here.
   */
  async fromReplica<T>(read: (db: ReadSource) => Promise<T>): Promise<T> {
    if (!this.replica || !(await this.replica.usable())) return read(this.primary);
    try {
      return await read(this.replica);
    } catch (e) {
      this.replica.failed(e);
      return read(this.primary);
    }
  }

  /** The replica, for readiness to report on (and tests to check its sessions); undefined without one. */
  get readReplica(): ReadReplica | undefined {
    return this.replica;
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

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
