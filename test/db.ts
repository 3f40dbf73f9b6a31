import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { adminQuery, databaseUrl, OWNER_ROLE, SERVICE_ROLE, templateName } from './global-setup.js';

export { databaseUrl };

export interface TestDatabase {
  /** The service's least-privilege role: what the app connects with. */
  url: string;
  /** The schema owner: migrations and deliberate tampering in tests. */
  ownerUrl: string;
  /** The server's superuser. */
  superuserUrl: string;
  drop: () => Promise<void>;
}

/** A fresh database per test file, copied from the migrated template (fast: no migrations). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${templateName()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}" OWNER ${OWNER_ROLE}`);
  return {
    url: databaseUrl(name, SERVICE_ROLE),
    ownerUrl: databaseUrl(name, OWNER_ROLE),
    superuserUrl: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Runs SQL on a test database as another role than the service's (to tamper, or to check what it may do). */
export async function queryAs(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
