import type { DomainError } from './domain-error.js';

interface VersionedModel {
  updateMany(args: never): Promise<{ count: number }>;
}

/**
 * The conditional write of every record edited with a `rowVersion` (plans, units, users): it lands only on
 * the version the caller read, in the same statement, so two editors cannot both pass; otherwise `stale()`.
 */
export async function updateAtRowVersion(model: VersionedModel, id: string, rowVersion: number, data: object, stale: () => DomainError): Promise<void> {
  const { count } = await model.updateMany({ where: { id, rowVersion }, data: { ...data, rowVersion: { increment: 1 } } } as never);
  if (count === 0) throw stale();
}
