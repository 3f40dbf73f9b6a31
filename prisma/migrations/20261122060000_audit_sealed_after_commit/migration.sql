-- Audit events are appended without a chain lock and sealed into the chain after their commit.
-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "chain_seq" BIGINT,
ALTER COLUMN "prev_hash" DROP NOT NULL,
ALTER COLUMN "hash" DROP NOT NULL;

-- Events written so far were chained in id order: that is their place. The append-only trigger (prisma/sql)
-- refuses UPDATE, so it is switched off for this one statement (there is none yet on a fresh database).
ALTER TABLE "audit_events" DISABLE TRIGGER USER;
UPDATE "audit_events" SET "chain_seq" = "id";
ALTER TABLE "audit_events" ENABLE TRIGGER USER;

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_chain_seq_key" ON "audit_events"("chain_seq");
