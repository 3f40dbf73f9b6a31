-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "hash_version" SMALLINT NOT NULL DEFAULT 1,
ADD COLUMN     "related_id" TEXT,
ADD COLUMN     "related_type" TEXT;

-- CreateIndex
CREATE INDEX "audit_events_related_type_related_id_idx" ON "audit_events"("related_type", "related_id");
