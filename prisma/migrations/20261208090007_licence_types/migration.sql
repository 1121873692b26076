-- CreateEnum
CREATE TYPE "LicenceHolderType" AS ENUM ('PERSON', 'COMPANY', 'ANY');

-- AlterTable
ALTER TABLE "service_item" ADD COLUMN     "result_licence_type_code" VARCHAR(20);

-- CreateTable
CREATE TABLE "licence_type" (
    "code" VARCHAR(20) NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "issuing_level" VARCHAR(10) NOT NULL,
    "holder_type" "LicenceHolderType" NOT NULL,
    "validity_months" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "licence_type_pkey" PRIMARY KEY ("code")
);

