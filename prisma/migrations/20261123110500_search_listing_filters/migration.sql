-- The ranked search filters and sorts by the same facts as the catalogue listing (type, visits, fee,
-- promised time). Existing rows get defaults, and rebuildSearchIndex fills in the real values.
ALTER TABLE "search_document" ADD COLUMN "item_type" VARCHAR(32) NOT NULL DEFAULT '',
ADD COLUMN "visits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "fee_charged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "promised_limit" INTEGER NOT NULL DEFAULT 0;
