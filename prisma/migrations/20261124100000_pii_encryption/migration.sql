-- Personal data encrypted at rest (issue 8): id_number and phone now hold AES-256-GCM ciphertext written by the
-- application (lib/security/pii.ts), found through keyed hashes (id_number_hash, phone_hash) that carry the
-- uniqueness. Rows of an existing database still hold plaintext after this migration: the backfill that runs after
-- every `migrate deploy` (lib/accounts/pii-backfill.ts, from lib/db/prepare.ts and `npm run db -- migrate`)
-- encrypts and hashes them with ONEWINDOW_DATA_KEY (SQL cannot: the key is never in the database).

-- DropIndex
DROP INDEX "user_account_id_number_key";

-- DropIndex
DROP INDEX "user_account_phone_key";

-- AlterTable
ALTER TABLE "user_account" ADD COLUMN     "id_number_hash" TEXT,
ADD COLUMN     "phone_hash" TEXT,
ALTER COLUMN "id_number" SET DATA TYPE TEXT,
ALTER COLUMN "phone" SET DATA TYPE TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "user_account_id_number_hash_key" ON "user_account"("id_number_hash");

-- CreateIndex
CREATE UNIQUE INDEX "user_account_phone_hash_key" ON "user_account"("phone_hash");
