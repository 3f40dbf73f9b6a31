#!/usr/bin/env node
// Runs the Prisma CLI without its engine downloads: the client is generated for the
// JavaScript query compiler (engineType "client") and migrations run through the pg
// driver adapter configured in prisma.config.ts. See docs/decisions.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
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
process.exit(result.status ?? 1);
