-- AlterEnum
ALTER TYPE "ConsultationKind" ADD VALUE 'GUIDE_ERROR';

-- AlterTable
ALTER TABLE "consultation" ADD COLUMN     "guide_part" VARCHAR(32);

