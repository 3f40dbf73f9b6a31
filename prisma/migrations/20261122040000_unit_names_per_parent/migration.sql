-- Unit names are unique among siblings, not across the whole system: every city has its 市发改委.
-- The index (parent_id, name) also serves the lookups by parent that units_parent_id_idx served;
-- NULLS NOT DISTINCT (PostgreSQL 15) keeps two top-level units from sharing a name.
-- DropIndex
DROP INDEX "units_name_key";

-- DropIndex
DROP INDEX "units_parent_id_idx";

-- CreateIndex
CREATE INDEX "units_name_idx" ON "units"("name");

-- CreateIndex
CREATE UNIQUE INDEX "units_parent_id_name_key" ON "units"("parent_id", "name") NULLS NOT DISTINCT;
