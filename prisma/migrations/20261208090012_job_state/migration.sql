-- CreateTable
CREATE TABLE "job_state" (
    "name" VARCHAR(64) NOT NULL,
    "instance" VARCHAR(255) NOT NULL,
    "interval_seconds" INTEGER NOT NULL,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_started_at" TIMESTAMPTZ(3),
    "last_succeeded_at" TIMESTAMPTZ(3),
    "last_failed_at" TIMESTAMPTZ(3),
    "last_error" VARCHAR(1000),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_state_pkey" PRIMARY KEY ("name","instance")
);

