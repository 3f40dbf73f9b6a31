import { Prisma, type Unit } from '../generated/prisma/client.js';
import type { PrismaService, Tx } from '../prisma/prisma.service.js';
import { descendantsOf, selfAndAncestorsOf } from '../units/unit-tree.js';
import type { DirectoryUnit } from './parsing/unit-directory.js';

/**
 * The units an import under `jurisdictionId` may name: the jurisdiction, everything below it and its
 * ancestors (a city plan may name a provincial body). Collectives carry their members.
 */
export async function loadDirectory(db: Tx | PrismaService, jurisdictionId: string): Promise<DirectoryUnit[]> {
  const root = Prisma.sql`${jurisdictionId}::uuid`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM (${descendantsOf(root)}) d UNION SELECT id::text FROM (${selfAndAncestorsOf(root)}) a`;
  const units = await db.unit.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { name: 'asc' } });
  const byParentKind = new Map<string, Unit[]>();
  for (const u of units) {
    const key = `${u.parentId}|${u.kind}`;
    byParentKind.set(key, [...(byParentKind.get(key) ?? []), u]);
  }
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    aliases: u.aliases,
    members: u.kind === 'collective' && u.memberKind ? (byParentKind.get(`${u.parentId}|${u.memberKind}`) ?? []).map((m) => ({ id: m.id, name: m.name })) : undefined,
  }));
}
