-- CreateTable
CREATE TABLE "identity_verification" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "verified_by_id" UUID,
    "department_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "identity_verification_user_id_created_at_idx" ON "identity_verification"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "identity_verification" ADD CONSTRAINT "identity_verification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

