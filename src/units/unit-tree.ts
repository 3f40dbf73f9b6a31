import { Prisma } from '../generated/prisma/client.js';

/**
 * The unit tree's recursive queries, written once. Each yields one column `id` (uuid); `root` may be a
 * parameter or a correlated column (`u.unit_id`).
 */
export const descendantsOf = (root: Prisma.Sql) => Prisma.sql`
  WITH RECURSIVE tree AS (
    SELECT id FROM units WHERE parent_id = ${root}
    UNION ALL SELECT c.id FROM units c JOIN tree t ON c.parent_id = t.id
  ) SELECT id FROM tree`;

/** The unit itself and every unit above it. */
export const selfAndAncestorsOf = (root: Prisma.Sql) => Prisma.sql`
  WITH RECURSIVE up AS (
    SELECT id, parent_id FROM units WHERE id = ${root}
    UNION ALL SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
  ) SELECT id FROM up`;
