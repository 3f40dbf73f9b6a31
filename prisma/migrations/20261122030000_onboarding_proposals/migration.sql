-- CreateEnum
CREATE TYPE "ProposalKind" AS ENUM ('remove', 'to_supporting', 'to_lead', 'transfer', 'comment');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('open', 'accepted', 'rejected');

-- AlterTable
ALTER TABLE "import_runs" ADD COLUMN     "plan_version" INTEGER;

-- CreateTable
CREATE TABLE "unit_name_exclusions" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_name_exclusions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignment_proposals" (
    "id" UUID NOT NULL,
    "assignment_id" UUID NOT NULL,
    "import_run_id" UUID,
    "kind" "ProposalKind" NOT NULL,
    "remark" TEXT NOT NULL,
    "transfer_to" TEXT,
    "status" "ProposalStatus" NOT NULL DEFAULT 'open',
    "version" INTEGER NOT NULL DEFAULT 1,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignment_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "unit_name_exclusions_jurisdiction_id_name_key" ON "unit_name_exclusions"("jurisdiction_id", "name");

-- CreateIndex
CREATE INDEX "assignment_proposals_status_idx" ON "assignment_proposals"("status");

-- CreateIndex
CREATE UNIQUE INDEX "assignment_proposals_assignment_id_kind_remark_key" ON "assignment_proposals"("assignment_id", "kind", "remark");

-- AddForeignKey
ALTER TABLE "assignment_proposals" ADD CONSTRAINT "assignment_proposals_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignment_proposals" ADD CONSTRAINT "assignment_proposals_import_run_id_fkey" FOREIGN KEY ("import_run_id") REFERENCES "import_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
