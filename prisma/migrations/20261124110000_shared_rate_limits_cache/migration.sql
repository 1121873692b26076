-- State shared by several app instances (issue 8): rate-limit counters in rate-limiter-flexible's own layout
-- (RateLimiterPostgres with tableCreated: true never creates it at run time), and the Next.js incremental cache
-- with its revalidated tags.
-- CreateTable
CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "next_cache_entry" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "tags" TEXT[],
    "last_modified" BIGINT NOT NULL,

    CONSTRAINT "next_cache_entry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "next_cache_tag" (
    "tag" TEXT NOT NULL,
    "stale_at" BIGINT,
    "expired_at" BIGINT,

    CONSTRAINT "next_cache_tag_pkey" PRIMARY KEY ("tag")
);

-- CreateIndex
CREATE INDEX "next_cache_entry_tags_idx" ON "next_cache_entry" USING GIN ("tags");
