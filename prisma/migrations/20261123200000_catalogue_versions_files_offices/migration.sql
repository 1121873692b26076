-- Versioned guides (drafts, four-eyes review, history), stored files behind the storage interface, and offices.
-- CreateEnum
CREATE TYPE "ItemVersionStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'SUPERSEDED', 'DISCARDED');

-- CreateEnum
CREATE TYPE "FilePurpose" AS ENUM ('MATERIAL_BLANK_FORM', 'MATERIAL_SAMPLE', 'APPLICATION_MATERIAL', 'RESULT_DOCUMENT');

-- AlterEnum
ALTER TYPE "ServiceItemStatus" ADD VALUE 'DRAFT';

-- CreateTable
CREATE TABLE "item_version" (
    "id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "ItemVersionStatus" NOT NULL,
    "base_number" INTEGER,
    "content" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT,
    "review_note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "published_by_id" UUID,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "item_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stored_file" (
    "id" UUID NOT NULL,
    "purpose" "FilePurpose" NOT NULL,
    "owner_user_id" UUID,
    "storage_key" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "content_type" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "office" (
    "id" UUID NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "department_id" UUID,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "opening_hours" TEXT NOT NULL,
    "transport" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "office_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "item_version_service_item_id_status_idx" ON "item_version"("service_item_id", "status");

-- CreateIndex
CREATE INDEX "item_version_status_updated_at_idx" ON "item_version"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "item_version_service_item_id_number_key" ON "item_version"("service_item_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "stored_file_storage_key_key" ON "stored_file"("storage_key");

-- CreateIndex
CREATE INDEX "stored_file_owner_user_id_created_at_idx" ON "stored_file"("owner_user_id", "created_at");

-- CreateIndex
CREATE INDEX "stored_file_sha256_idx" ON "stored_file"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "office_code_key" ON "office"("code");

-- CreateIndex
CREATE INDEX "office_region_code_idx" ON "office"("region_code");

-- CreateIndex
CREATE INDEX "office_department_id_idx" ON "office"("department_id");

-- AddForeignKey
ALTER TABLE "item_version" ADD CONSTRAINT "item_version_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "office" ADD CONSTRAINT "office_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "office" ADD CONSTRAINT "office_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Blank forms and samples of materials, stored through the storage interface.
ALTER TABLE "material" ADD COLUMN "blank_form_file_id" UUID,
ADD COLUMN "sample_file_id" UUID;
