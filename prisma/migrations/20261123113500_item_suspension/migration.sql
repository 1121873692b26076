-- An item taken offline keeps a public notice (why, until when) at its address.
ALTER TABLE "service_item" ADD COLUMN "suspension_notice" TEXT,
ADD COLUMN "suspended_at" TIMESTAMPTZ(3);
