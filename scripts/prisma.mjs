#!/usr/bin/env node
// Runs the Prisma CLI without its engine downloads: the client is generated for the
// JavaScript query compiler (engineType "client") and migrations run through the pg
// driver adapter configured in prisma.config.ts. After `migrate deploy`, applies the SQL in
// prisma/sql/ that the JavaScript schema engine cannot run, once per file. See docs/decisions.md.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const args = process.argv.slice(2);
// Migrations run as the schema owner; the service connects with a role that may only read and write rows
// (and only append audit events). Without MIGRATION_DATABASE_URL both are the DATABASE_URL role.
const serviceUrl = process.env.DATABASE_URL;
const ownerUrl = process.env.MIGRATION_DATABASE_URL ?? serviceUrl;
const result = spawnSync(process.execPath, [cli, ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_CLI_QUERY_ENGINE_TYPE: 'client',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    // generate does not connect; a placeholder keeps env("DATABASE_URL") resolvable on a fresh clone.
    DATABASE_URL: ownerUrl ?? 'postgresql://postgres@127.0.0.1:5432/placeholder',
  },
});
if (result.status !== 0 || args[0] !== 'migrate' || args[1] !== 'deploy') process.exit(result.status ?? 1);

// SQL the JavaScript schema engine cannot run (PL/pgSQL bodies, triggers) lives in prisma/sql/, applied
// after Prisma's migrations in file-name order and recorded like them: each file runs once, in its own
// transaction, and a file changed after it ran is refused (write a new one, which may alter what an
// earlier one created, e.g. drop a trigger, migrate audit rows, and put the trigger back).
const { createHash } = await import('node:crypto');
const { default: pg } = await import('pg');
const client = new pg.Client({ connectionString: ownerUrl });
await client.connect();
try {
  await client.query(`CREATE TABLE IF NOT EXISTS _sql_migrations (name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query('SELECT name, sha256 FROM _sql_migrations');
  const applied = new Map(rows.map((r) => [r.name, r.sha256]));
  const dir = 'prisma/sql';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(dir, file), 'utf8');
    const sha256 = createHash('sha256').update(sql).digest('hex');
    if (applied.has(file)) {
      if (applied.get(file) !== sha256) {
        process.stderr.write(`prisma/sql/${file} was changed after it was applied: add a new file instead\n`);
        process.exit(1);
      }
      continue;
    }
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('INSERT INTO _sql_migrations (name, sha256) VALUES ($1, $2)', [file, sha256]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  }
  await grantService(client);
} finally {
  await client.end();
}

/**
 * Least privilege for the service's role when it differs from the owner: rows of every table, but audit
 * events may only be read, appended and sealed (their three chain columns, once: the trigger checks), and
 * the migration ledgers only read. Not being the owner, it can
 * neither disable the audit triggers nor alter the tables. Idempotent: runs after every migration.
 */
async function grantService(owner) {
  const service = serviceUrl ? decodeURIComponent(new URL(serviceUrl).username || '') : '';
  const { rows } = await owner.query('SELECT current_user AS me');
  if (!service || service === rows[0].me) return;
  const role = (await owner.query('SELECT quote_ident($1) AS q', [service])).rows[0].q;
  await owner.query(`
    GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _prisma_migrations, _sql_migrations FROM ${role};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role};
    GRANT UPDATE (chain_seq, prev_hash, hash) ON audit_events TO ${role};`);
}
