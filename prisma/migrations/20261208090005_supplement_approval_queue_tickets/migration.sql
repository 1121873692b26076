-- CreateEnum
CREATE TYPE "SupplementApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED', 'USED');

-- CreateEnum
CREATE TYPE "QueueLine" AS ENUM ('GENERAL', 'BUSINESS', 'PRIORITY');

-- CreateEnum
CREATE TYPE "QueueTicketStatus" AS ENUM ('WAITING', 'CALLED', 'SERVED', 'NO_SHOW');

-- CreateTable
CREATE TABLE "supplement_approval" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "SupplementApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "supplement_approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_ticket" (
    "id" UUID NOT NULL,
    "office_id" UUID NOT NULL,
    "service_day" DATE NOT NULL,
    "line" "QueueLine" NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "QueueTicketStatus" NOT NULL DEFAULT 'WAITING',
    "booking_id" UUID,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "issued_by_id" UUID,
    "called_at" TIMESTAMPTZ(3),
    "called_by_id" UUID,
    "window" VARCHAR(20),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "queue_ticket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "supplement_approval_case_id_status_idx" ON "supplement_approval"("case_id", "status");

-- CreateIndex
CREATE INDEX "supplement_approval_status_requested_at_idx" ON "supplement_approval"("status", "requested_at");

-- CreateIndex
CREATE UNIQUE INDEX "queue_ticket_booking_id_key" ON "queue_ticket"("booking_id");

-- CreateIndex
CREATE INDEX "queue_ticket_office_id_service_day_status_idx" ON "queue_ticket"("office_id", "service_day", "status");

-- CreateIndex
CREATE UNIQUE INDEX "queue_ticket_office_id_service_day_line_number_key" ON "queue_ticket"("office_id", "service_day", "line", "number");

-- AddForeignKey
ALTER TABLE "supplement_approval" ADD CONSTRAINT "supplement_approval_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_ticket" ADD CONSTRAINT "queue_ticket_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "office"("id") ON DELETE CASCADE ON UPDATE CASCADE;

