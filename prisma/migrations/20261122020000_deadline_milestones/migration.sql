-- AlterEnum
ALTER TYPE "DeadlineKind" ADD VALUE 'superior';

-- AlterTable
ALTER TABLE "deadlines" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;
