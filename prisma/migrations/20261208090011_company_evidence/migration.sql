-- AlterEnum
ALTER TYPE "FilePurpose" ADD VALUE 'COMPANY_EVIDENCE';

-- AlterTable
ALTER TABLE "company_verification" ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '[]';

