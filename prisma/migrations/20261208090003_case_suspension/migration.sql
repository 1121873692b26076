-- AlterEnum
ALTER TYPE "CaseStatus" ADD VALUE 'SUSPENDED';

