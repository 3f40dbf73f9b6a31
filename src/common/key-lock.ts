import type { Tx } from '../prisma/prisma.service.js';

/**
 * Holds one key until the transaction ends (the names under a unit, the indicators of a plan, the actual of an
 * indicator for a unit and year): a check that something does not exist yet and the write that creates it
 * then cannot interleave with another writer's. Row locks cannot do this, since there is no row yet; without
 * it, two requests at once both found the name free (or the record missing) and both wrote.
 */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}
