-- The dashboard's unit × light figure reads the unit lights of one plan's items. Without this partial,
-- covering index PostgreSQL scans every light of every plan (50 ms at province scale, 1.7 ms with it).
-- Prisma 6 cannot declare partial indexes in schema.prisma, so it lives here only. (No semicolons in
-- comments: the JavaScript schema engine splits scripts at every one, see docs/decisions.md.)
CREATE INDEX "light_states_unit_lights_idx" ON "light_states" ("work_item_id") INCLUDE ("unit_id", "light") WHERE "assignment_key" <> '';
