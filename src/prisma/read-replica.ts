import { Logger } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { createPool, rawOn } from './pools.js';

/** Where a read that may lag the primary by the replica's delay runs: Prisma's model API and rawRead, both on one server. */
export interface ReadSource {
  readonly client: PrismaClient;
  raw<Row extends Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]>;
}

/** How long reads leave a replica that failed before trying it again. */
const RETRY_MS = 30_000;
/** How often the replica's lag is measured (reads in between trust the last measure). */
const LAG_CHECK_MS = 5_000;
/** A replica that takes longer to give a connection is not worth waiting for: the primary can answer. */
const CONNECT_WAIT_MS = 2_000;

const LAG_SQL = Prisma.sql`
  SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag`;

/**
 * The read replica (DATABASE_READ_URL): its own pool and Prisma client, and whether reads may go there now.
 * Not while it is skipped after a failure, nor while it lags more than DATABASE_READ_MAX_LAG_SECONDS behind
 * the primary: the scope conditions of the reads it serves are evaluated on its rows too, so a unit that has
 * just lost an item sees it there for as long as the replica lags.
 */
export class ReadReplica implements ReadSource {
  readonly client: PrismaClient;
  readonly pool: pg.Pool;
  private skippedUntil = 0;
  private lagCheck?: { at: number; usable: Promise<boolean> };
  private lagging = false;
  private readonly logger = new Logger('ReadReplica');

  private readonly maxLagSeconds: number;

  constructor(url: string, config: AppConfig) {
    this.maxLagSeconds = config.DATABASE_READ_MAX_LAG_SECONDS;
    // Read-only sessions: on a real standby nothing could be written anyway; on a mistaken URL (the primary,
    // a copy) nothing will be.
    this.pool = createPool(url, config, { label: '只读副本', options: '-c default_transaction_read_only=on', connectionTimeoutMillis: Math.min(CONNECT_WAIT_MS, config.DATABASE_POOL_WAIT_MS) });
    this.client = new PrismaClient({ adapter: new PrismaPg(this.pool) });
  }

  raw<Row extends Record<string, unknown>>(sql: Prisma.Sql): Promise<Row[]> {
    return rawOn(this.pool, sql);
  }

  /** Whether reads may go to the replica now. */
  usable(): Promise<boolean> {
    if (Date.now() < this.skippedUntil) return Promise.resolve(false);
    if (!this.lagCheck || Date.now() - this.lagCheck.at > LAG_CHECK_MS) this.lagCheck = { at: Date.now(), usable: this.measure() };
    return this.lagCheck.usable;
  }

  /** A read failed here: whatever the reason (down, a wrong URL or password, a pooler refusing the session's options), the primary serves reads for a while. */
  failed(e: unknown) {
    this.skippedUntil = Date.now() + RETRY_MS;
    this.logger.warn(`只读副本无法完成查询，${RETRY_MS / 1000} 秒内改由主库读取：${e instanceof Error ? e.message : String(e)}`);
  }

  /**
   * Seconds the replica's replay is behind: 0 when it has replayed all it received (an idle primary sends
   * nothing, and the last replay's age then says nothing), and 0 on a server that is not a standby. A stream
   * that has stopped altogether also reads 0 here: that is for monitoring on the primary (pg_stat_replication).
   */
  async lagSeconds(): Promise<number> {
    const [row] = await this.raw<{ lag: number }>(LAG_SQL);
    return Number(row.lag);
  }

  private async measure(): Promise<boolean> {
    try {
      const lag = await this.lagSeconds();
      const lagging = lag > this.maxLagSeconds;
      if (lagging && !this.lagging) this.logger.warn(`只读副本落后主库 ${Math.round(lag)} 秒，超过 ${this.maxLagSeconds} 秒（DATABASE_READ_MAX_LAG_SECONDS），改由主库读取`);
      this.lagging = lagging;
      return !lagging;
    } catch (e) {
      this.failed(e);
      return false;
    }
  }
}
