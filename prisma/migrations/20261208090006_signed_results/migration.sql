-- AlterTable
ALTER TABLE "licence" ADD COLUMN     "signed_payload" TEXT,
ADD COLUMN     "signing_key_id" VARCHAR(40);

-- CreateTable
CREATE TABLE "signing_key" (
    "id" VARCHAR(40) NOT NULL,
    "algorithm" VARCHAR(16) NOT NULL,
    "public_x" VARCHAR(64) NOT NULL,
    "public_y" VARCHAR(64) NOT NULL,
    "private_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_key_pkey" PRIMARY KEY ("id")
);


-- One key signs at a time (lib/results/signing.ts): at most one key without a retirement date.
CREATE UNIQUE INDEX "signing_key_one_active_idx" ON "signing_key" ((retired_at IS NULL)) WHERE retired_at IS NULL;
