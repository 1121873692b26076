-- CreateTable
CREATE TABLE "search_document" (
    "service_item_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "department_code" VARCHAR(32) NOT NULL,
    "region_code" VARCHAR(12) NOT NULL,
    "theme_codes" TEXT[],
    "audiences" TEXT[],
    "online_depth" TEXT[],
    "popularity" INTEGER NOT NULL DEFAULT 0,
    "terms" tsvector,
    "title" tsvector,
    "indexed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_document_pkey" PRIMARY KEY ("service_item_id")
);

-- CreateTable
CREATE TABLE "synonym_group" (
    "id" UUID NOT NULL,
    "terms" TEXT[],
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "synonym_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_query_log" (
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL DEFAULT 0,
    "zero_results" INTEGER NOT NULL DEFAULT 0,
    "last_result_count" INTEGER NOT NULL DEFAULT 0,
    "first_searched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_searched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_query_log_pkey" PRIMARY KEY ("query")
);

-- CreateIndex
CREATE INDEX "search_document_terms_idx" ON "search_document" USING GIN ("terms");

-- CreateIndex
CREATE INDEX "search_document_title_idx" ON "search_document" USING GIN ("title");

-- CreateIndex
CREATE INDEX "search_query_log_zero_results_idx" ON "search_query_log"("zero_results" DESC);

-- AddForeignKey
ALTER TABLE "search_document" ADD CONSTRAINT "search_document_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

