-- CreateEnum
CREATE TYPE "Cadence" AS ENUM ('monthly', 'quarterly', 'half_yearly', 'yearly');

-- CreateEnum
CREATE TYPE "PeriodStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('report', 'contribution');

-- CreateEnum
CREATE TYPE "ReportState" AS ENUM ('pending', 'draft', 'submitted', 'returned', 'accepted');

-- CreateEnum
CREATE TYPE "ProgressStatus" AS ENUM ('not_started', 'on_track', 'at_risk', 'delayed', 'completed');

-- CreateEnum
CREATE TYPE "ExtensionStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "Light" AS ENUM ('green', 'yellow', 'red');

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "light_rules" JSONB,
ADD COLUMN     "reporting_cadence" "Cadence",
ADD COLUMN     "reporting_due_day" INTEGER;

-- CreateTable
CREATE TABLE "reporting_periods" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "cadence" "Cadence" NOT NULL,
    "label" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "status" "PeriodStatus" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reporting_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "progress_reports" (
    "id" UUID NOT NULL,
    "period_id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "assignment_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "state" "ReportState" NOT NULL DEFAULT 'pending',
    "status" "ProgressStatus",
    "percent" INTEGER,
    "done" TEXT,
    "problems" TEXT,
    "next_steps" TEXT,
    "return_reason" TEXT,
    "first_submitted_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "accepted_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "progress_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_revisions" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "state" "ReportState" NOT NULL,
    "content" JSONB NOT NULL,
    "reason" TEXT,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_files" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extension_requests" (
    "id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "original_date" DATE NOT NULL,
    "requested_date" DATE NOT NULL,
    "status" "ExtensionStatus" NOT NULL DEFAULT 'pending',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "extension_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "light_states" (
    "id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "assignment_key" TEXT NOT NULL,
    "unit_id" UUID,
    "light" "Light" NOT NULL,
    "reasons" JSONB NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "light_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "light_changes" (
    "id" UUID NOT NULL,
    "work_item_id" UUID NOT NULL,
    "assignment_key" TEXT NOT NULL,
    "from_light" "Light",
    "to_light" "Light" NOT NULL,
    "reasons" JSONB NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "light_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reporting_periods_plan_id_due_date_idx" ON "reporting_periods"("plan_id", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "reporting_periods_plan_id_start_date_end_date_key" ON "reporting_periods"("plan_id", "start_date", "end_date");

-- CreateIndex
CREATE INDEX "progress_reports_unit_id_period_id_idx" ON "progress_reports"("unit_id", "period_id");

-- CreateIndex
CREATE INDEX "progress_reports_work_item_id_period_id_idx" ON "progress_reports"("work_item_id", "period_id");

-- CreateIndex
CREATE UNIQUE INDEX "progress_reports_period_id_assignment_id_key" ON "progress_reports"("period_id", "assignment_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_revisions_report_id_version_key" ON "report_revisions"("report_id", "version");

-- CreateIndex
CREATE INDEX "evidence_files_report_id_idx" ON "evidence_files"("report_id");

-- CreateIndex
CREATE INDEX "extension_requests_work_item_id_status_idx" ON "extension_requests"("work_item_id", "status");

-- CreateIndex
CREATE INDEX "light_states_unit_id_light_idx" ON "light_states"("unit_id", "light");

-- CreateIndex
CREATE UNIQUE INDEX "light_states_work_item_id_assignment_key_key" ON "light_states"("work_item_id", "assignment_key");

-- CreateIndex
CREATE INDEX "light_changes_work_item_id_changed_at_idx" ON "light_changes"("work_item_id", "changed_at");

-- AddForeignKey
ALTER TABLE "reporting_periods" ADD CONSTRAINT "reporting_periods_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "reporting_periods"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_revisions" ADD CONSTRAINT "report_revisions_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "progress_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "progress_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "light_states" ADD CONSTRAINT "light_states_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "light_changes" ADD CONSTRAINT "light_changes_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
