// Prisma CLI configuration. Migrations run on Prisma's JavaScript schema engine through
// the pg driver adapter, so the CLI never downloads its Rust engines (none can be
// fetched on our machines). Two adapter bugs are worked around here, for the CLI only:
// see docs/decisions.md "Prisma without engine downloads".
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;

// prisma/prisma#27403: the adapter cannot read catalog columns of type `name`.
// Reporting them as text is exact (a `name` is a short string).
const originalQuery = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
pg.Pool.prototype.query = function patchedQuery(this: pg.Pool, ...args: unknown[]) {
  const out = originalQuery.apply(this, args);
  if (out && typeof (out as Promise<unknown>).then === 'function') {
    return (out as Promise<pg.QueryResult>).then((res) => {
      for (const field of res?.fields ?? []) {
        if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
      }
      return res;
    });
  }
  return out;
} as typeof pg.Pool.prototype.query;

function connectionFields(url: string): pg.PoolConfig {
  // The shadow database ignores the database name of a connectionString: pass fields.
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => new PrismaPg(connectionFields(process.env.DATABASE_URL ?? '')),
});
