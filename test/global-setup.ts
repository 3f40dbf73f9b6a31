import { spawnSync } from 'node:child_process';
import pg from 'pg';

// Jest loads this file outside its ESM module graph, so it imports nothing relative: test/db.ts imports from here.

/** Tests run against real PostgreSQL; the server comes from TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/cpt_test';

/**
 * Tests run with the same least-privilege split as a deployment: migrations as the owner, the service as a
 * role that can only read and write rows (and only append audit events). Both are created by the run if
 * missing; TEST_DATABASE_URL's own user (a superuser) only creates and drops databases, and tampers.
 */
export const OWNER_ROLE = 'cpt_test_owner';
export const SERVICE_ROLE = 'cpt_test_service';

export function databaseUrl(name: string, user?: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = process.env.TEST_ROLE_PASSWORD ?? '';
  }
  return url.toString();
}

export function templateName(): string {
  const name = new URL(TEST_DATABASE_URL).pathname.slice(1);
  // Never drop or overwrite a database that is not obviously a test database.
  if (!/test/i.test(name)) throw new Error(`TEST_DATABASE_URL must name a database containing "test", got "${name}"`);
  // One template per test run, so that two runs on one server (CI and a developer) do not drop each other's.
  return (process.env.TEST_TEMPLATE_DB ??= `${name}_tpl_${process.pid}`);
}

/** The per-run template and the per-file copies made from it. */
export async function dropRunDatabases(template: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [template, `${template}\\_%`]);
  await client.end();
  for (const { datname } of rows) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}


async function ensureRole(name: string): Promise<void> {
  const password = process.env.TEST_ROLE_PASSWORD;
  try {
    await adminQuery(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : ''}`);
  } catch (e) {
    // Another run created it first, or an earlier run did: roles belong to the whole server.
    if (!/already exists/.test(String(e))) throw e;
  }
}

/** Migrates one template database; every test file then copies it. */
export default async function globalSetup() {
  const template = templateName();
  await ensureRole(OWNER_ROLE);
  await ensureRole(SERVICE_ROLE);
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}" OWNER ${OWNER_ROLE}`);
  const result = spawnSync(process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy'], {
    env: { ...process.env, MIGRATION_DATABASE_URL: databaseUrl(template, OWNER_ROLE), DATABASE_URL: databaseUrl(template, SERVICE_ROLE) },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrating the test template failed:\n${result.stdout}\n${result.stderr}`);
  // Jest shares globals between globalSetup and globalTeardown only.
  globalThis.dropTestRunDatabases = () => dropRunDatabases(template);
}
