-- CreateEnum
CREATE TYPE "AssessmentRoundState" AS ENUM ('open', 'self_assessment', 'review', 'published', 'appeal', 'frozen');

-- CreateEnum
CREATE TYPE "AssessmentAppealStatus" AS ENUM ('pending', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "AssessmentOutcomeKind" AS ENUM ('commendation', 'praise', 'criticism', 'interview', 'rectification');

-- CreateTable
CREATE TABLE "assessment_schemes" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "row_version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assessment_schemes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_rounds" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "scheme_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "state" "AssessmentRoundState" NOT NULL DEFAULT 'open',
    "version" INTEGER NOT NULL DEFAULT 1,
    "appeal_days" INTEGER NOT NULL DEFAULT 10,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "appeal_deadline" DATE,
    "frozen_at" TIMESTAMPTZ(3),
    "result_version" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assessment_rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_sheets" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "total" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "parts" JSONB NOT NULL DEFAULT '[]',
    "grade" TEXT NOT NULL DEFAULT 'pass',
    "rank" INTEGER NOT NULL DEFAULT 0,
    "vetoed" BOOLEAN NOT NULL DEFAULT false,
    "limited_by_share" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assessment_sheets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_scores" (
    "id" UUID NOT NULL,
    "sheet_id" UUID NOT NULL,
    "criterion_key" TEXT NOT NULL,
    "computed" DOUBLE PRECISION,
    "facts" JSONB,
    "veto_triggered" BOOLEAN,
    "self_score" DOUBLE PRECISION,
    "self_reason" TEXT,
    "self_evidence" TEXT,
    "evaluator_score" DOUBLE PRECISION,
    "evaluator_reason" TEXT,
    "evaluator_id" UUID,
    "adjusted_score" DOUBLE PRECISION,
    "adjusted_veto" BOOLEAN,
    "adjust_reason" TEXT,
    "adjusted_by_id" UUID,
    "points" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assessment_scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_evaluators" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "criterion_key" TEXT NOT NULL,

    CONSTRAINT "assessment_evaluators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_appeals" (
    "id" UUID NOT NULL,
    "sheet_id" UUID NOT NULL,
    "criterion_key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "filed_by_id" UUID NOT NULL,
    "status" "AssessmentAppealStatus" NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,
    "decided_score" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_result_versions" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "results" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_result_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_outcomes" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "kind" "AssessmentOutcomeKind" NOT NULL,
    "note" TEXT NOT NULL,
    "due_date" DATE,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_outcomes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "assessment_schemes_plan_id_year_key" ON "assessment_schemes"("plan_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_rounds_plan_id_year_key" ON "assessment_rounds"("plan_id", "year");

-- CreateIndex
CREATE INDEX "assessment_sheets_unit_id_idx" ON "assessment_sheets"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_sheets_round_id_unit_id_key" ON "assessment_sheets"("round_id", "unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_scores_sheet_id_criterion_key_key" ON "assessment_scores"("sheet_id", "criterion_key");

-- CreateIndex
CREATE INDEX "assessment_evaluators_user_id_idx" ON "assessment_evaluators"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_evaluators_round_id_user_id_unit_id_criterion_ke_key" ON "assessment_evaluators"("round_id", "user_id", "unit_id", "criterion_key");

-- CreateIndex
CREATE INDEX "assessment_appeals_sheet_id_idx" ON "assessment_appeals"("sheet_id");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_result_versions_round_id_number_key" ON "assessment_result_versions"("round_id", "number");

-- CreateIndex
CREATE INDEX "assessment_outcomes_round_id_unit_id_idx" ON "assessment_outcomes"("round_id", "unit_id");

-- AddForeignKey
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_rounds" ADD CONSTRAINT "assessment_rounds_scheme_id_fkey" FOREIGN KEY ("scheme_id") REFERENCES "assessment_schemes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_sheets" ADD CONSTRAINT "assessment_sheets_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "assessment_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_sheets" ADD CONSTRAINT "assessment_sheets_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "assessment_sheets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_evaluators" ADD CONSTRAINT "assessment_evaluators_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "assessment_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_appeals" ADD CONSTRAINT "assessment_appeals_sheet_id_fkey" FOREIGN KEY ("sheet_id") REFERENCES "assessment_sheets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_result_versions" ADD CONSTRAINT "assessment_result_versions_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "assessment_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_outcomes" ADD CONSTRAINT "assessment_outcomes_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "assessment_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_outcomes" ADD CONSTRAINT "assessment_outcomes_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
