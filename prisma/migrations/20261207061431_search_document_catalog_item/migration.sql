-- Search groups implementations by catalogue item (issue 17). The grouping read catalog_item_id by joining
-- service_item on every match, which made the search statement about twice as slow at 100,000 implementations,
-- so the index carries a copy like its other facet columns. Existing rows take it from their item (about a minute
-- at 100,000 documents, since every GIN entry is written again), then the column becomes required.
ALTER TABLE "search_document" ADD COLUMN "catalog_item_id" UUID;

UPDATE "search_document" d SET "catalog_item_id" = s."catalog_item_id" FROM "service_item" s WHERE s."id" = d."service_item_id";

ALTER TABLE "search_document" ALTER COLUMN "catalog_item_id" SET NOT NULL;

-- The same join re-checked that the item is still ACTIVE. Without it the search trusts that search_document
-- holds ACTIVE items only. lib/search/index.ts keeps that in the transaction that changes the status, and this
-- trigger keeps it for every other writer too (an UPDATE typed in an emergency, a script): an item that leaves
-- ACTIVE leaves the index in the same statement. Coming back needs the analyzer, so indexServiceItem does that.
-- Rows already in breach (written before this migration by such a writer) go now.
DELETE FROM "search_document" d USING "service_item" s WHERE s."id" = d."service_item_id" AND s."status" <> 'ACTIVE';

-- Prisma's JS migration runner splits scripts at every semicolon, so the statement terminators inside the
-- function body are written as the escape \073 (a semicolon) in an E'' string, as in the init migration.
CREATE FUNCTION search_document_drop_inactive() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN DELETE FROM search_document WHERE service_item_id = NEW.id\073 RETURN NULL\073 END';

CREATE TRIGGER service_item_leaves_search AFTER UPDATE OF "status" ON "service_item"
  FOR EACH ROW WHEN (NEW."status" <> 'ACTIVE') EXECUTE FUNCTION search_document_drop_inactive();
