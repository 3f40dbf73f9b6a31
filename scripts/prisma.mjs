#!/usr/bin/env node
// Runs the Prisma CLI without its engine downloads: the client is generated for the
// JavaScript query compiler (engineType "client") and migrations run through the pg
// driver adapter configured in prisma.config.ts. After `migrate deploy`, applies the
// idempotent SQL in prisma/sql/ that the JavaScript schema engine cannot run. See docs/decisions.md.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const args = process.argv.slice(2);
const result = spawnSync(process.execPath, [cli, ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_CLI_QUERY_ENGINE_TYPE: 'client',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    // generate does not connect; a placeholder keeps env("DATABASE_URL") resolvable on a fresh clone.
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/placeholder',
  },
});
if (result.status !== 0 || args[0] !== 'migrate' || args[1] !== 'deploy') process.exit(result.status ?? 1);

const { default: pg } = await import('pg');
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
try {
  const dir = 'prisma/sql';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    await client.query(readFileSync(join(dir, file), 'utf8'));
  }
} finally {
  await client.end();
}
