-- CreateEnum
CREATE TYPE "CompanyVerificationStatus" AS ENUM ('SUBMITTED', 'CHECKED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "CompanyAuthorisationStatus" AS ENUM ('OFFERED', 'ACTIVE', 'REVOKED', 'UNVERIFIED');

-- CreateTable
CREATE TABLE "company_registry" (
    "credit_code" VARCHAR(18) NOT NULL,
    "name" TEXT NOT NULL,
    "legal_representative_name" TEXT NOT NULL,
    "legal_representative_id_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "company_registry_pkey" PRIMARY KEY ("credit_code")
);

-- CreateTable
CREATE TABLE "company_verification" (
    "id" UUID NOT NULL,
    "requester_id" UUID NOT NULL,
    "credit_code" VARCHAR(18) NOT NULL,
    "company_name" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'COUNTER',
    "status" "CompanyVerificationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "checked_by_id" UUID,
    "checked_at" TIMESTAMPTZ(3),
    "check_note" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "company_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "company_verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company_authorisation" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "representative" BOOLEAN NOT NULL DEFAULT false,
    "may_authorise" BOOLEAN NOT NULL DEFAULT false,
    "service_item_ids" UUID[],
    "valid_from" DATE NOT NULL,
    "valid_until" DATE,
    "status" "CompanyAuthorisationStatus" NOT NULL,
    "granted_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,

    CONSTRAINT "company_authorisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_session" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "ip" TEXT,

    CONSTRAINT "user_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "phone_code" (
    "id" UUID NOT NULL,
    "phone_hash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "phone_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "company_verification_status_created_at_idx" ON "company_verification"("status", "created_at");

-- CreateIndex
CREATE INDEX "company_verification_requester_id_idx" ON "company_verification"("requester_id");

-- CreateIndex
CREATE INDEX "company_authorisation_user_id_status_idx" ON "company_authorisation"("user_id", "status");

-- CreateIndex
CREATE INDEX "company_authorisation_company_id_status_idx" ON "company_authorisation"("company_id", "status");

-- CreateIndex
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

-- CreateIndex
CREATE INDEX "phone_code_phone_hash_purpose_created_at_idx" ON "phone_code"("phone_hash", "purpose", "created_at");

-- AddForeignKey
ALTER TABLE "company_authorisation" ADD CONSTRAINT "company_authorisation_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_authorisation" ADD CONSTRAINT "company_authorisation_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Company links made by self-registration (anyone who typed a credit code became the company's agent) give no
-- access any more: they are kept as UNVERIFIED authorisations, for the record, and the link column goes. Access
-- now comes only from ACTIVE authorisations (lib/accounts/companies.ts).
INSERT INTO "company_authorisation" ("id", "company_id", "user_id", "service_item_ids", "valid_from", "status", "created_at")
SELECT gen_random_uuid(), "company_id", "id", '{}', CURRENT_DATE, 'UNVERIFIED', "created_at"
FROM "user_account" WHERE "company_id" IS NOT NULL;

-- DropForeignKey
ALTER TABLE "user_account" DROP CONSTRAINT "user_account_company_id_fkey";

-- DropIndex
DROP INDEX "user_account_company_id_idx";

-- AlterTable
ALTER TABLE "user_account" DROP COLUMN "company_id";
