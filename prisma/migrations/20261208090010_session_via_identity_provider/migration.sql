-- AlterTable
ALTER TABLE "user_session" ADD COLUMN     "via_identity_provider" BOOLEAN NOT NULL DEFAULT false;

