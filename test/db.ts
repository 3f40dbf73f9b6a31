import { randomBytes } from 'node:crypto';
import { adminQuery, databaseUrl, templateName } from './global-setup.js';

export { databaseUrl };

/** A fresh database per test file, copied from the migrated template (fast: no migrations). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${templateName()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`);
  return {
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
