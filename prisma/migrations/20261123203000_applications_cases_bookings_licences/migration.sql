-- Applications (drafts and files), cases with events, submissions and pauses, bookable office slots, e-licences.
-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'EXPIRED', 'DISCARDED');

-- CreateEnum
CREATE TYPE "MaterialTrust" AS ENUM ('A', 'B', 'C', 'D');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'REJECTED_AT_INTAKE', 'ACCEPTED', 'IN_REVIEW', 'SPECIAL_PROCEDURE', 'APPROVED', 'DENIED', 'COMPLETED', 'DELIVERED', 'WITHDRAWN', 'VOIDED', 'FORWARDED');

-- CreateEnum
CREATE TYPE "CaseChannel" AS ENUM ('ONLINE', 'WINDOW');

-- CreateEnum
CREATE TYPE "PauseKind" AS ENUM ('SUPPLEMENT', 'SPECIAL_PROCEDURE', 'SUSPENSION');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('BOOKED', 'CANCELLED', 'ATTENDED', 'MISSED');

-- CreateEnum
CREATE TYPE "LicenceStatus" AS ENUM ('VALID', 'REVOKED', 'EXPIRED');

-- CreateTable
CREATE TABLE "application" (
    "id" UUID NOT NULL,
    "applicant_user_id" UUID NOT NULL,
    "applicant_company_id" UUID,
    "service_item_id" UUID NOT NULL,
    "item_version_id" UUID NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "current_step" VARCHAR(64),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "case_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_file" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "material_code" VARCHAR(64) NOT NULL,
    "file_id" UUID NOT NULL,
    "trust" "MaterialTrust" NOT NULL DEFAULT 'C',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_record" (
    "id" UUID NOT NULL,
    "case_number" VARCHAR(20) NOT NULL,
    "query_code_hash" CHAR(64) NOT NULL,
    "application_id" UUID,
    "service_item_id" UUID NOT NULL,
    "item_version_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "applicant_user_id" UUID NOT NULL,
    "applicant_company_id" UUID,
    "applicant_name" TEXT NOT NULL,
    "channel" "CaseChannel" NOT NULL DEFAULT 'ONLINE',
    "status" "CaseStatus" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "answers" JSONB NOT NULL,
    "assignee_id" UUID,
    "idempotency_key" VARCHAR(100),
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "due_date" DATE,
    "statutory_due_date" DATE,
    "decided_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "outcome_code" INTEGER,
    "warning" VARCHAR(8) NOT NULL DEFAULT 'GREEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "case_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_number_sequence" (
    "region_code" VARCHAR(6) NOT NULL,
    "day" DATE NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "case_number_sequence_pkey" PRIMARY KEY ("region_code","day")
);

-- CreateTable
CREATE TABLE "case_event" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_role" TEXT,
    "action" VARCHAR(40) NOT NULL,
    "from_status" "CaseStatus",
    "to_status" "CaseStatus",
    "reason" TEXT,
    "legal_basis" TEXT,
    "data" JSONB,
    "visible_to_applicant" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "case_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_submission" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "files" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_pause" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "PauseKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "planned_end" DATE,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_pause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "office_slot" (
    "id" UUID NOT NULL,
    "office_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "office_slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" UUID NOT NULL,
    "slot_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "service_item_id" UUID,
    "case_id" UUID,
    "status" "BookingStatus" NOT NULL DEFAULT 'BOOKED',
    "code" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "licence" (
    "id" UUID NOT NULL,
    "type_code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "number" VARCHAR(64) NOT NULL,
    "check_code" VARCHAR(16) NOT NULL,
    "holder_name" TEXT NOT NULL,
    "holder_user_id" UUID,
    "holder_company_id" UUID,
    "issuer_name" TEXT NOT NULL,
    "issuer_code" VARCHAR(32) NOT NULL,
    "issued_at" DATE NOT NULL,
    "expires_at" DATE,
    "status" "LicenceStatus" NOT NULL DEFAULT 'VALID',
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,
    "case_id" UUID,
    "file_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "licence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "application_case_id_key" ON "application"("case_id");

-- CreateIndex
CREATE INDEX "application_applicant_user_id_status_updated_at_idx" ON "application"("applicant_user_id", "status", "updated_at");

-- CreateIndex
CREATE INDEX "application_applicant_company_id_status_idx" ON "application"("applicant_company_id", "status");

-- CreateIndex
CREATE INDEX "application_status_expires_at_idx" ON "application"("status", "expires_at");

-- CreateIndex
CREATE INDEX "application_file_file_id_idx" ON "application_file"("file_id");

-- CreateIndex
CREATE UNIQUE INDEX "application_file_application_id_file_id_key" ON "application_file"("application_id", "file_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_record_case_number_key" ON "case_record"("case_number");

-- CreateIndex
CREATE UNIQUE INDEX "case_record_application_id_key" ON "case_record"("application_id");

-- CreateIndex
CREATE INDEX "case_record_department_id_status_due_date_idx" ON "case_record"("department_id", "status", "due_date");

-- CreateIndex
CREATE INDEX "case_record_department_id_submitted_at_id_idx" ON "case_record"("department_id", "submitted_at" DESC, "id");

-- CreateIndex
CREATE INDEX "case_record_department_id_warning_due_date_idx" ON "case_record"("department_id", "warning", "due_date");

-- CreateIndex
CREATE INDEX "case_record_applicant_user_id_submitted_at_idx" ON "case_record"("applicant_user_id", "submitted_at" DESC);

-- CreateIndex
CREATE INDEX "case_record_applicant_company_id_submitted_at_idx" ON "case_record"("applicant_company_id", "submitted_at" DESC);

-- CreateIndex
CREATE INDEX "case_record_service_item_id_idx" ON "case_record"("service_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_record_applicant_user_id_idempotency_key_key" ON "case_record"("applicant_user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "case_event_case_id_at_idx" ON "case_event"("case_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "case_submission_case_id_number_key" ON "case_submission"("case_id", "number");

-- CreateIndex
CREATE INDEX "case_pause_case_id_idx" ON "case_pause"("case_id");

-- CreateIndex
CREATE INDEX "office_slot_office_id_starts_at_idx" ON "office_slot"("office_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "office_slot_office_id_starts_at_key" ON "office_slot"("office_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "booking_code_key" ON "booking"("code");

-- CreateIndex
CREATE INDEX "booking_user_id_created_at_idx" ON "booking"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "booking_slot_id_status_idx" ON "booking"("slot_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "licence_number_key" ON "licence"("number");

-- CreateIndex
CREATE INDEX "licence_holder_user_id_idx" ON "licence"("holder_user_id");

-- CreateIndex
CREATE INDEX "licence_holder_company_id_idx" ON "licence"("holder_company_id");

-- CreateIndex
CREATE INDEX "licence_case_id_idx" ON "licence"("case_id");

-- AddForeignKey
ALTER TABLE "application_file" ADD CONSTRAINT "application_file_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_submission" ADD CONSTRAINT "case_submission_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_pause" ADD CONSTRAINT "case_pause_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "office_slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


