-- CreateEnum
CREATE TYPE "YearEndCycleStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "AnnualReportState" AS ENUM ('draft', 'submitted', 'returned', 'accepted');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('higher', 'lower');

-- CreateEnum
CREATE TYPE "TargetLinkStatus" AS ENUM ('suggested', 'confirmed');

-- CreateEnum
CREATE TYPE "ActualSource" AS ENUM ('statistics', 'self_reported', 'estimate');

-- CreateEnum
CREATE TYPE "ActualVerification" AS ENUM ('unverified', 'verified', 'disputed');

-- CreateEnum
CREATE TYPE "PlanReviewState" AS ENUM ('draft', 'submitted', 'returned', 'approved');

-- CreateTable
CREATE TABLE "year_end_cycles" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "due_date" DATE NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" "YearEndCycleStatus" NOT NULL DEFAULT 'open',
    "opened_by_id" UUID,
    "summary_commentary" TEXT,
    "summary_snapshot" JSONB,
    "summary_hash" TEXT,
    "summary_finalised_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "year_end_cycles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annual_reports" (
    "id" UUID NOT NULL,
    "cycle_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "state" "AnnualReportState" NOT NULL DEFAULT 'draft',
    "items" JSONB NOT NULL,
    "achievements" TEXT,
    "problems" TEXT,
    "next_year_plans" TEXT,
    "added_reason" TEXT,
    "dropped_at" TIMESTAMPTZ(3),
    "drop_reason" TEXT,
    "return_reason" TEXT,
    "first_submitted_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "accepted_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "annual_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annual_report_revisions" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "state" "AnnualReportState" NOT NULL,
    "content" JSONB NOT NULL,
    "reason" TEXT,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annual_report_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicators" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "synonyms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "unit" TEXT,
    "direction" "IndicatorDirection" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_indicator_links" (
    "id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "indicator_id" UUID NOT NULL,
    "status" "TargetLinkStatus" NOT NULL DEFAULT 'suggested',
    "assigned_value" DECIMAL(18,4),
    "baseline_value" DECIMAL(18,4),
    "confirmed_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "target_indicator_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_actuals" (
    "id" UUID NOT NULL,
    "indicator_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "unit_id" UUID NOT NULL,
    "value" DECIMAL(18,4) NOT NULL,
    "source" "ActualSource" NOT NULL,
    "note" TEXT,
    "reported_by_id" UUID,
    "reported_by_name" TEXT,
    "verification" "ActualVerification" NOT NULL DEFAULT 'unverified',
    "verification_reason" TEXT,
    "verified_by_id" UUID,
    "verified_at" TIMESTAMPTZ(3),
    "evidence_name" TEXT,
    "evidence_mime" TEXT,
    "evidence_sha256" TEXT,
    "evidence_content" BYTEA,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "indicator_actuals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_reviews" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "state" "PlanReviewState" NOT NULL DEFAULT 'draft',
    "submitted_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "remarks" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "year_end_cycles_plan_id_year_key" ON "year_end_cycles"("plan_id", "year");

-- CreateIndex
CREATE INDEX "annual_reports_unit_id_idx" ON "annual_reports"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "annual_reports_cycle_id_unit_id_key" ON "annual_reports"("cycle_id", "unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "annual_report_revisions_report_id_version_key" ON "annual_report_revisions"("report_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "indicators_plan_id_name_key" ON "indicators"("plan_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "target_indicator_links_target_id_key" ON "target_indicator_links"("target_id");

-- CreateIndex
CREATE INDEX "target_indicator_links_indicator_id_idx" ON "target_indicator_links"("indicator_id");

-- CreateIndex
CREATE INDEX "indicator_actuals_unit_id_year_idx" ON "indicator_actuals"("unit_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_actuals_indicator_id_year_unit_id_key" ON "indicator_actuals"("indicator_id", "year", "unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_reviews_plan_id_key" ON "plan_reviews"("plan_id");

-- AddForeignKey
ALTER TABLE "year_end_cycles" ADD CONSTRAINT "year_end_cycles_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_cycle_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "year_end_cycles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annual_report_revisions" ADD CONSTRAINT "annual_report_revisions_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "annual_reports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_indicator_links" ADD CONSTRAINT "target_indicator_links_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_indicator_links" ADD CONSTRAINT "target_indicator_links_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
