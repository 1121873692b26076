-- CreateEnum
CREATE TYPE "UsageEvent" AS ENUM ('GUIDE_VIEW', 'SEARCH_CLICK');

-- CreateEnum
CREATE TYPE "UsageChannel" AS ENUM ('WEB', 'API');

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "channel" "UsageChannel" NOT NULL DEFAULT 'WEB',
ADD COLUMN     "steps_completed" SMALLINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "search_query_daily" (
    "day" DATE NOT NULL,
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL DEFAULT 0,
    "zero_results" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "last_result_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "search_query_daily_pkey" PRIMARY KEY ("day","query")
);

-- The old log kept one all-time row per raw query. Rows that hold nothing like a number or an e-mail address move to
-- the day they were last searched. The rest (which may hold a person's ID, phone or case number) are not kept.
INSERT INTO "search_query_daily" ("day", "query", "searches", "zero_results", "last_result_count")
SELECT (last_searched_at AT TIME ZONE 'Asia/Shanghai')::date, query, searches, zero_results, last_result_count
  FROM "search_query_log"
 WHERE query !~ '[0-9]([ -]*[0-9]){5,}' AND query !~ '@';

-- DropTable
DROP TABLE "search_query_log";

-- CreateTable
CREATE TABLE "usage_daily" (
    "day" DATE NOT NULL,
    "service_item_id" UUID NOT NULL,
    "event" "UsageEvent" NOT NULL,
    "position" SMALLINT NOT NULL DEFAULT 0,
    "channel" "UsageChannel" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("day","service_item_id","event","position","channel")
);

-- CreateIndex
CREATE INDEX "usage_daily_service_item_id_day_idx" ON "usage_daily"("service_item_id", "day");

-- CreateIndex
CREATE INDEX "application_service_item_id_created_at_idx" ON "application"("service_item_id", "created_at");

