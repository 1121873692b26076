-- CreateEnum
CREATE TYPE "RegionLevel" AS ENUM ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP');

-- CreateEnum
CREATE TYPE "ItemType" AS ENUM ('T01_LICENSING', 'T02_PENALTY', 'T03_ENFORCEMENT', 'T04_LEVY', 'T05_BENEFIT', 'T06_INSPECTION', 'T07_CONFIRMATION', 'T08_REWARD', 'T09_ADJUDICATION', 'T10_OTHER_POWER', 'T20_PUBLIC_SERVICE');

-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('NATURAL_PERSON', 'ENTERPRISE', 'PUBLIC_INSTITUTION', 'SOCIAL_ORGANISATION', 'NON_LEGAL_ENTERPRISE', 'GOVERNMENT_BODY', 'OTHER_ORGANISATION');

-- CreateEnum
CREATE TYPE "ThemeAudience" AS ENUM ('PERSONAL', 'CORPORATE');

-- CreateEnum
CREATE TYPE "ServiceItemStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CaseType" AS ENUM ('ON_THE_SPOT', 'PROMISED', 'REPORTED', 'JOINT');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WINDOW', 'ONLINE', 'POST');

-- CreateEnum
CREATE TYPE "TimeUnit" AS ENUM ('WORKING_DAY', 'CALENDAR_DAY', 'HOUR', 'MONTH');

-- CreateEnum
CREATE TYPE "OnlineDepth" AS ENUM ('CONSULT', 'RECEIVE', 'PRE_REVIEW', 'ACCEPT', 'HANDLE', 'RESULT_FEEDBACK', 'LICENCE_FEEDBACK');

-- CreateEnum
CREATE TYPE "ResultType" AS ENUM ('LICENCE', 'APPROVAL_DOCUMENT', 'OTHER', 'NONE');

-- CreateEnum
CREATE TYPE "MaterialNecessity" AS ENUM ('REQUIRED', 'OPTIONAL', 'DEFERRABLE');

-- CreateEnum
CREATE TYPE "MaterialForm" AS ENUM ('ORIGINAL', 'COPY', 'ORIGINAL_OR_COPY', 'PAPER', 'ELECTRONIC', 'ORIGINAL_AND_COPY', 'ORIGINAL_AND_SCAN');

-- CreateEnum
CREATE TYPE "MaterialSource" AS ENUM ('APPLICANT', 'DEPARTMENT', 'LICENCE', 'OTHER');

-- CreateEnum
CREATE TYPE "HolidayKind" AS ENUM ('HOLIDAY', 'MAKEUP_WORKDAY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CITIZEN', 'COMPANY_AGENT', 'CLERK', 'DEPT_ADMIN', 'SUPERVISOR', 'PLATFORM_ADMIN');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'LOCKED', 'DISABLED');

-- CreateTable
CREATE TABLE "region" (
    "code" VARCHAR(12) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "level" "RegionLevel" NOT NULL,
    "parent_code" VARCHAR(12),
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "department" (
    "id" UUID NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "parent_id" UUID,
    "address" TEXT,
    "phone" TEXT,
    "office_hours" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "theme" (
    "code" VARCHAR(40) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "audience" "ThemeAudience" NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "theme_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "catalog_item" (
    "id" UUID NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "item_type" "ItemType" NOT NULL,
    "exercise_levels" INTEGER[],
    "audiences" "Audience"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalog_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_item" (
    "id" UUID NOT NULL,
    "implementation_code" VARCHAR(64) NOT NULL,
    "handling_item_code" VARCHAR(50),
    "catalog_item_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "status" "ServiceItemStatus" NOT NULL DEFAULT 'ACTIVE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "item_type" "ItemType" NOT NULL,
    "exercise_level" INTEGER NOT NULL,
    "power_source" INTEGER,
    "entrusting_department" TEXT,
    "co_handling_bodies" TEXT,
    "audiences" "Audience"[],
    "case_type" "CaseType" NOT NULL,
    "channels" "Channel"[],
    "acceptance_conditions" TEXT NOT NULL,
    "review_standard" TEXT,
    "statutory_limit" INTEGER,
    "statutory_unit" "TimeUnit",
    "statutory_note" TEXT,
    "promised_limit" INTEGER NOT NULL,
    "promised_unit" "TimeUnit" NOT NULL,
    "promised_note" TEXT,
    "visits" INTEGER NOT NULL,
    "visit_reason" TEXT,
    "fee_charged" BOOLEAN NOT NULL,
    "fee_basis" TEXT,
    "window_process" TEXT NOT NULL,
    "online_process" TEXT,
    "consultation" TEXT NOT NULL,
    "complaint" TEXT NOT NULL,
    "reconsideration" TEXT,
    "litigation" TEXT,
    "online_capable" BOOLEAN NOT NULL,
    "online_depth" "OnlineDepth"[],
    "in_service_hall" BOOLEAN NOT NULL DEFAULT true,
    "courier_delivery" BOOLEAN NOT NULL DEFAULT false,
    "online_payment" BOOLEAN NOT NULL DEFAULT false,
    "booking_supported" BOOLEAN NOT NULL DEFAULT false,
    "kiosk_supported" BOOLEAN NOT NULL DEFAULT false,
    "cross_region_scope" TEXT,
    "quantity_limit" TEXT,
    "intermediary_service" TEXT,
    "result_type" "ResultType" NOT NULL,
    "result_name" TEXT,
    "min_assurance_level" INTEGER NOT NULL DEFAULT 2,
    "popularity" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "legal_basis" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "law_name" TEXT NOT NULL,
    "document_number" TEXT,
    "clause_number" TEXT,
    "clause_content" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "legal_basis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "material" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "necessity" "MaterialNecessity" NOT NULL,
    "condition" TEXT,
    "form" "MaterialForm" NOT NULL,
    "original_copies" INTEGER NOT NULL DEFAULT 0,
    "copy_copies" INTEGER NOT NULL DEFAULT 0,
    "paper_size" TEXT,
    "source" "MaterialSource" NOT NULL,
    "source_note" TEXT,
    "licence_type_code" TEXT,
    "filling_notes" TEXT,
    "acceptance_standard" TEXT,
    "legal_basis" TEXT,
    "sign_requirement" TEXT,
    "remarks" TEXT,
    "has_blank_form" BOOLEAN NOT NULL DEFAULT false,
    "has_sample" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "material_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "situation" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "situation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fee_item" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "standard" TEXT NOT NULL,
    "basis" TEXT,
    "waivable" BOOLEAN NOT NULL DEFAULT false,
    "waiver_basis" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "fee_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_window" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "hours" TEXT NOT NULL,
    "transport" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "service_window_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "faq" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "faq_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "process_step" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "handler" TEXT NOT NULL,
    "time_limit" INTEGER,
    "time_unit" "TimeUnit",
    "standard" TEXT,
    "result" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "process_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "special_procedure" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "limit" INTEGER NOT NULL,
    "unit" "TimeUnit" NOT NULL,
    "basis" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "special_procedure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday" (
    "id" UUID NOT NULL,
    "region_code" VARCHAR(12),
    "date" DATE NOT NULL,
    "kind" "HolidayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "company" (
    "id" UUID NOT NULL,
    "credit_code" VARCHAR(18) NOT NULL,
    "name" TEXT NOT NULL,
    "legal_representative" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_account" (
    "id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "real_name" TEXT NOT NULL,
    "id_number" VARCHAR(18),
    "phone" VARCHAR(11),
    "email" TEXT,
    "login_name" VARCHAR(64),
    "password_hash" TEXT NOT NULL,
    "assurance_level" INTEGER NOT NULL DEFAULT 2,
    "department_id" UUID,
    "company_id" UUID,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "oidc_subject" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "account_key" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_role" TEXT,
    "action" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_ServiceItemToTheme" (
    "A" UUID NOT NULL,
    "B" VARCHAR(40) NOT NULL,

    CONSTRAINT "_ServiceItemToTheme_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_MaterialToSituation" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_MaterialToSituation_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "region_parent_code_idx" ON "region"("parent_code");

-- CreateIndex
CREATE UNIQUE INDEX "department_code_key" ON "department"("code");

-- CreateIndex
CREATE INDEX "department_region_code_idx" ON "department"("region_code");

-- CreateIndex
CREATE INDEX "department_parent_id_idx" ON "department"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "catalog_item_code_key" ON "catalog_item"("code");

-- CreateIndex
CREATE UNIQUE INDEX "service_item_implementation_code_key" ON "service_item"("implementation_code");

-- CreateIndex
CREATE INDEX "service_item_department_id_idx" ON "service_item"("department_id");

-- CreateIndex
CREATE INDEX "service_item_region_code_idx" ON "service_item"("region_code");

-- CreateIndex
CREATE INDEX "service_item_catalog_item_id_idx" ON "service_item"("catalog_item_id");

-- CreateIndex
CREATE INDEX "service_item_popularity_idx" ON "service_item"("popularity" DESC);

-- CreateIndex
CREATE INDEX "legal_basis_service_item_id_idx" ON "legal_basis"("service_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "material_service_item_id_code_key" ON "material"("service_item_id", "code");

-- CreateIndex
CREATE INDEX "situation_service_item_id_idx" ON "situation"("service_item_id");

-- CreateIndex
CREATE INDEX "fee_item_service_item_id_idx" ON "fee_item"("service_item_id");

-- CreateIndex
CREATE INDEX "service_window_service_item_id_idx" ON "service_window"("service_item_id");

-- CreateIndex
CREATE INDEX "faq_service_item_id_idx" ON "faq"("service_item_id");

-- CreateIndex
CREATE INDEX "process_step_service_item_id_idx" ON "process_step"("service_item_id");

-- CreateIndex
CREATE INDEX "special_procedure_service_item_id_idx" ON "special_procedure"("service_item_id");

-- CreateIndex
CREATE INDEX "holiday_date_idx" ON "holiday"("date");

-- CreateIndex
CREATE UNIQUE INDEX "holiday_region_code_date_key" ON "holiday"("region_code", "date");

-- CreateIndex
CREATE UNIQUE INDEX "company_credit_code_key" ON "company"("credit_code");

-- CreateIndex
CREATE UNIQUE INDEX "user_account_id_number_key" ON "user_account"("id_number");

-- CreateIndex
CREATE UNIQUE INDEX "user_account_phone_key" ON "user_account"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "user_account_login_name_key" ON "user_account"("login_name");

-- CreateIndex
CREATE UNIQUE INDEX "user_account_oidc_subject_key" ON "user_account"("oidc_subject");

-- CreateIndex
CREATE INDEX "user_account_department_id_idx" ON "user_account"("department_id");

-- CreateIndex
CREATE INDEX "user_account_company_id_idx" ON "user_account"("company_id");

-- CreateIndex
CREATE INDEX "login_attempt_account_key_at_idx" ON "login_attempt"("account_key", "at");

-- CreateIndex
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_hash_key" ON "audit_log"("hash");

-- CreateIndex
CREATE INDEX "audit_log_object_type_object_id_idx" ON "audit_log"("object_type", "object_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "_ServiceItemToTheme_B_index" ON "_ServiceItemToTheme"("B");

-- CreateIndex
CREATE INDEX "_MaterialToSituation_B_index" ON "_MaterialToSituation"("B");

-- AddForeignKey
ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_item" ADD CONSTRAINT "service_item_catalog_item_id_fkey" FOREIGN KEY ("catalog_item_id") REFERENCES "catalog_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_item" ADD CONSTRAINT "service_item_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_item" ADD CONSTRAINT "service_item_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_basis" ADD CONSTRAINT "legal_basis_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "material" ADD CONSTRAINT "material_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "situation" ADD CONSTRAINT "situation_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fee_item" ADD CONSTRAINT "fee_item_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_window" ADD CONSTRAINT "service_window_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq" ADD CONSTRAINT "faq_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "process_step" ADD CONSTRAINT "process_step_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "special_procedure" ADD CONSTRAINT "special_procedure_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holiday" ADD CONSTRAINT "holiday_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_account" ADD CONSTRAINT "user_account_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_account" ADD CONSTRAINT "user_account_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "company"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ServiceItemToTheme" ADD CONSTRAINT "_ServiceItemToTheme_A_fkey" FOREIGN KEY ("A") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ServiceItemToTheme" ADD CONSTRAINT "_ServiceItemToTheme_B_fkey" FOREIGN KEY ("B") REFERENCES "theme"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_MaterialToSituation" ADD CONSTRAINT "_MaterialToSituation_A_fkey" FOREIGN KEY ("A") REFERENCES "material"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_MaterialToSituation" ADD CONSTRAINT "_MaterialToSituation_B_fkey" FOREIGN KEY ("B") REFERENCES "situation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit trail is append-only: rows can be added, never changed or removed (hand-written, not generated).
-- Prisma's JS migration runner splits scripts at every semicolon, so the statement terminator inside the
-- function body is written as the escape \073 (a semicolon) in an E'' string.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''audit_log is append-only (% refused)'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
