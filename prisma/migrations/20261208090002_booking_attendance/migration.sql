-- AlterTable
ALTER TABLE "booking" ADD COLUMN     "attended_at" TIMESTAMPTZ(3),
ADD COLUMN     "checked_in_by_id" UUID,
ADD COLUMN     "missed_at" TIMESTAMPTZ(3);

