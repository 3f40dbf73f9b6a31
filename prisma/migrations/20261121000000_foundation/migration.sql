-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('province', 'city', 'county', 'town', 'park', 'department', 'party_organ', 'enterprise', 'office', 'collective', 'other');

-- CreateEnum
CREATE TYPE "UnitLevel" AS ENUM ('province', 'city', 'county', 'town');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('draft', 'issued', 'archived');

-- CreateEnum
CREATE TYPE "PlanVisibility" AS ENUM ('public', 'internal', 'restricted');

-- CreateEnum
CREATE TYPE "NodeLevel" AS ENUM ('area', 'measure');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('lead', 'supporting');

-- CreateEnum
CREATE TYPE "AssignmentSource" AS ENUM ('table', 'implicit', 'fanout');

-- CreateEnum
CREATE TYPE "Comparator" AS ENUM ('at_least', 'at_most', 'about', 'reduce_by', 'increase_by', 'assigned', 'milestone');

-- CreateEnum
CREATE TYPE "Firmness" AS ENUM ('aspirational', 'binding');

-- CreateEnum
CREATE TYPE "DeadlineKind" AS ENUM ('dated', 'period', 'recurring', 'ongoing', 'soft');

-- CreateTable
CREATE TABLE "units" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "level" "UnitLevel",
    "parent_id" UUID,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "member_kind" "UnitKind",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "document_number" TEXT,
    "status" "PlanStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "visibility" "PlanVisibility" NOT NULL DEFAULT 'internal',
    "horizon_start_year" INTEGER,
    "horizon_end_year" INTEGER,
    "issuing_unit_id" UUID,
    "jurisdiction_id" UUID NOT NULL,
    "parent_plan_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_implicit_units" (
    "plan_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,

    CONSTRAINT "plan_implicit_units_pkey" PRIMARY KEY ("plan_id","unit_id")
);

-- CreateTable
CREATE TABLE "plan_nodes" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "parent_id" UUID,
    "level" "NodeLevel" NOT NULL,
    "label" TEXT,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "parent_key" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "plan_nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_items" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "node_id" UUID,
    "area_id" UUID,
    "seq" TEXT NOT NULL,
    "item_no" INTEGER NOT NULL DEFAULT 1,
    "sort_key" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "unassigned" BOOLEAN NOT NULL DEFAULT false,
    "lead_text" TEXT,
    "supporting_text" TEXT,
    "deadline_text" TEXT,
    "source_line" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "work_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "principal" BOOLEAN NOT NULL DEFAULT false,
    "source" "AssignmentSource" NOT NULL,
    "via_unit_id" UUID,
    "cell_text" TEXT,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "targets" (
    "id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "year" INTEGER,
    "comparator" "Comparator" NOT NULL,
    "value" DECIMAL(18,4),
    "unit" TEXT,
    "baseline_year" INTEGER,
    "firmness" "Firmness",
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deadlines" (
    "id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "kind" "DeadlineKind" NOT NULL,
    "date" DATE,
    "period_start" DATE,
    "before" BOOLEAN NOT NULL DEFAULT false,
    "basis" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "deadlines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_runs" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "units_name_key" ON "units"("name");

-- CreateIndex
CREATE INDEX "units_parent_id_idx" ON "units"("parent_id");

-- CreateIndex
CREATE INDEX "units_kind_idx" ON "units"("kind");

-- CreateIndex
CREATE INDEX "units_aliases_idx" ON "units" USING GIN ("aliases");

-- CreateIndex
CREATE INDEX "plan_nodes_plan_id_parent_id_idx" ON "plan_nodes"("plan_id", "parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_nodes_plan_id_level_parent_key_title_key" ON "plan_nodes"("plan_id", "level", "parent_key", "title");

-- CreateIndex
CREATE INDEX "work_items_plan_id_sort_key_idx" ON "work_items"("plan_id", "sort_key");

-- CreateIndex
CREATE INDEX "work_items_area_id_idx" ON "work_items"("area_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_items_plan_id_seq_item_no_key" ON "work_items"("plan_id", "seq", "item_no");

-- CreateIndex
CREATE INDEX "assignments_unit_id_role_idx" ON "assignments"("unit_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "assignments_work_item_id_unit_id_role_key" ON "assignments"("work_item_id", "unit_id", "role");

-- CreateIndex
CREATE INDEX "targets_work_item_id_idx" ON "targets"("work_item_id");

-- CreateIndex
CREATE INDEX "deadlines_work_item_id_idx" ON "deadlines"("work_item_id");

-- CreateIndex
CREATE INDEX "deadlines_date_idx" ON "deadlines"("date");

-- CreateIndex
CREATE INDEX "import_runs_plan_id_created_at_idx" ON "import_runs"("plan_id", "created_at");

-- AddForeignKey
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_issuing_unit_id_fkey" FOREIGN KEY ("issuing_unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_parent_plan_id_fkey" FOREIGN KEY ("parent_plan_id") REFERENCES "plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_implicit_units" ADD CONSTRAINT "plan_implicit_units_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_implicit_units" ADD CONSTRAINT "plan_implicit_units_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "plan_nodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "plan_nodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "plan_nodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_via_unit_id_fkey" FOREIGN KEY ("via_unit_id") REFERENCES "units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "targets" ADD CONSTRAINT "targets_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;
