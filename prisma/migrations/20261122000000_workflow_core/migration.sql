-- Workflow core: assignments are ended rather than deleted (one per unit and item), nothing a unit
-- reported cascades away (RESTRICT), periods carry a version and can be closed, and the outbox of domain events.
-- DropForeignKey
ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_period_id_fkey";

-- DropForeignKey
ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_work_item_id_fkey";

-- DropForeignKey
ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_assignment_id_fkey";

-- DropForeignKey
ALTER TABLE "report_revisions" DROP CONSTRAINT "report_revisions_report_id_fkey";

-- DropForeignKey
ALTER TABLE "evidence_files" DROP CONSTRAINT "evidence_files_report_id_fkey";

-- DropForeignKey
ALTER TABLE "extension_requests" DROP CONSTRAINT "extension_requests_work_item_id_fkey";

-- DropIndex
DROP INDEX "assignments_work_item_id_unit_id_role_key";

-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "ended_at" TIMESTAMPTZ(3),
ADD COLUMN     "ended_by_import_id" UUID;

-- AlterTable
ALTER TABLE "reporting_periods" ADD COLUMN     "closed_at" TIMESTAMPTZ(3),
ADD COLUMN     "status_reason" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "aggregate_type" TEXT NOT NULL,
    "aggregate_id" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "done_subscribers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "last_error" TEXT,
    "processed_at" TIMESTAMPTZ(3),
    "dead_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events"("available_at") WHERE "processed_at" IS NULL AND "dead_at" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "assignments_work_item_id_unit_id_key" ON "assignments"("work_item_id", "unit_id");

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_ended_by_import_id_fkey" FOREIGN KEY ("ended_by_import_id") REFERENCES "import_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_period_id_fkey" FOREIGN KEY ("period_id") REFERENCES "reporting_periods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_revisions" ADD CONSTRAINT "report_revisions_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "progress_reports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "progress_reports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extension_requests" ADD CONSTRAINT "extension_requests_work_item_id_fkey" FOREIGN KEY ("work_item_id") REFERENCES "work_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
