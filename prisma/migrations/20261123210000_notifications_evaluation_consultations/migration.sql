-- Notifications with per-channel deliveries and preferences, evaluations (好差评) with rectifications, consultations and complaints.
-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('INBOX', 'EMAIL', 'SMS');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "TouchpointKind" AS ENUM ('CASE', 'BOOKING', 'CONSULTATION');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('OPEN', 'REPLIED', 'ACCEPTED', 'REOPENED', 'APPEALED');

-- CreateEnum
CREATE TYPE "ConsultationKind" AS ENUM ('QUESTION', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "ConsultationStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "template" VARCHAR(60) NOT NULL,
    "params" JSONB NOT NULL,
    "subject" JSONB,
    "dedupe_key" VARCHAR(200),
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "user_id" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "enabled" BOOLEAN NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("user_id","channel")
);

-- CreateTable
CREATE TABLE "evaluation" (
    "id" UUID NOT NULL,
    "touchpoint_kind" "TouchpointKind" NOT NULL,
    "touchpoint_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "service_item_id" UUID,
    "department_id" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "tags" TEXT[],
    "comment" TEXT,
    "channel" "CaseChannel" NOT NULL DEFAULT 'ONLINE',
    "changeable_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rectification" (
    "id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "status" "RectificationStatus" NOT NULL DEFAULT 'OPEN',
    "due_date" DATE NOT NULL,
    "contacted_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "reply" TEXT,
    "replied_at" TIMESTAMPTZ(3),
    "replied_by_id" UUID,
    "review_note" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rectification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consultation" (
    "id" UUID NOT NULL,
    "kind" "ConsultationKind" NOT NULL,
    "user_id" UUID NOT NULL,
    "service_item_id" UUID,
    "case_id" UUID,
    "department_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "ConsultationStatus" NOT NULL DEFAULT 'OPEN',
    "due_date" DATE NOT NULL,
    "answer" TEXT,
    "answered_at" TIMESTAMPTZ(3),
    "answered_by_id" UUID,
    "published_as_faq" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consultation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_user_id_created_at_idx" ON "notification"("user_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notification_user_id_dedupe_key_key" ON "notification"("user_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "delivery_status_next_attempt_at_idx" ON "delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_notification_id_channel_key" ON "delivery"("notification_id", "channel");

-- CreateIndex
CREATE INDEX "evaluation_department_id_created_at_idx" ON "evaluation"("department_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluation_service_item_id_created_at_idx" ON "evaluation"("service_item_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_touchpoint_kind_touchpoint_id_key" ON "evaluation"("touchpoint_kind", "touchpoint_id");

-- CreateIndex
CREATE UNIQUE INDEX "rectification_evaluation_id_key" ON "rectification"("evaluation_id");

-- CreateIndex
CREATE INDEX "rectification_department_id_status_due_date_idx" ON "rectification"("department_id", "status", "due_date");

-- CreateIndex
CREATE INDEX "consultation_department_id_status_due_date_idx" ON "consultation"("department_id", "status", "due_date");

-- CreateIndex
CREATE INDEX "consultation_user_id_created_at_idx" ON "consultation"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "consultation_service_item_id_published_as_faq_idx" ON "consultation"("service_item_id", "published_as_faq");

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rectification" ADD CONSTRAINT "rectification_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


