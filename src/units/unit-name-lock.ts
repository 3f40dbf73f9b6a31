import { lockKey } from '../common/key-lock.js';
import type { Tx } from '../prisma/prisma.service.js';

/** Holds the names and aliases of one unit's children (or of the top level) until the transaction ends. */
export function lockSiblingNames(tx: Tx, parentId: string | null): Promise<void> {
  return lockKey(tx, `names:unit:${parentId ?? 'root'}`);
}
