import { spawnSync } from 'node:child_process';
import pg from 'pg';

export type Scale = 'city' | 'province';

/** Every generated user's password. */
export const BENCH_PASSWORD = 'Bench-2026-pass';

export function benchDatabaseUrl(scale: Scale): string {
  const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/cpt_bench');
  base.pathname = `${base.pathname}_${scale}`;
  return base.toString();
}

export async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/bench/.test(name)) throw new Error(`refusing to recreate ${name}: bench databases must be named *bench*`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const r = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`migration failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Inserts rows column-wise through unnest(): one statement per chunk, no per-row round trips.
 * `types` are the PostgreSQL array types of the columns, in order.
 */
export async function bulkInsert(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  types: string[],
  rows: unknown[][],
  /** Per-column SQL over the unnested value `v<i>`, where a plain copy will not do (arrays: `ARRAY[v4]`). */
  expressions: Record<number, string> = {},
  chunk = 20_000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = columns.map((_, c) => part.map((r) => r[c]));
    const params = types.map((t, c) => `$${c + 1}::${t}`).join(', ');
    const names = columns.map((_, c) => `v${c}`).join(', ');
    const select = columns.map((_, c) => expressions[c] ?? `v${c}`).join(', ');
    await client.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM unnest(${params}) AS t(${names})`, arrays);
  }
}
