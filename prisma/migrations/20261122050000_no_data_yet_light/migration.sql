-- AlterTable
ALTER TABLE "light_states" ALTER COLUMN "light" DROP NOT NULL;

-- AlterTable
ALTER TABLE "light_changes" ALTER COLUMN "to_light" DROP NOT NULL;
