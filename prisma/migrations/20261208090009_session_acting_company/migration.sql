-- AlterTable
ALTER TABLE "user_session" ADD COLUMN     "acting_company_id" UUID;

