import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { PrismaClient, type Prisma } from '../generated/prisma/client.js';

/** The one database client of the process. Connection failures surface in readiness, not at boot. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /** The pool under Prisma's adapter: one set of connections for both ways in. */
  private readonly pool: pg.Pool;

  constructor(config: AppConfig) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX });
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
    return (await this.pool.query<Row>({ name, text: sql.text, values: sql.values })).rows;
  }

  async onModuleDestroy() {
    await this.$disconnect();
    // An application may be closed twice (Nest allows a second shutdown once the first is over); pg refuses a second end.
    if (!this.pool.ending) await this.pool.end();
  }
}

export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
