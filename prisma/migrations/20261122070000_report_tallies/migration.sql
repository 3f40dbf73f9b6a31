-- The dashboard's reporting figures, pre-aggregated. Filled and kept by prisma/sql/003_report_tallies.sql.
-- CreateTable
CREATE TABLE "report_tallies" (
    "id" BIGSERIAL NOT NULL,
    "period_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "area_id" UUID,
    "expected" INTEGER NOT NULL DEFAULT 0,
    "submitted" INTEGER NOT NULL DEFAULT 0,
    "on_time" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "report_tallies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "report_tallies_period_id_unit_id_area_id_key" ON "report_tallies"("period_id", "unit_id", "area_id") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "report_tallies_unit_id_idx" ON "report_tallies"("unit_id");
