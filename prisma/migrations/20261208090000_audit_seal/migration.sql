-- Issue 17: audited writes no longer queue behind one advisory lock. A request inserts its entry unsealed, with
-- the hash of its own content, and the sealer job (lib/jobs/audit-seal.ts) chains committed entries afterwards in
-- an order it assigns (seal_seq). See ARCHITECTURE.md, "The audit trail". Hand-written parts: the backfill and the
-- triggers. Prisma's JS migration runner splits scripts at every semicolon, so the statement terminators inside
-- the function bodies are written as the escape \073 in E'' strings (as in 20261123093546_init).

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "content_hash" CHAR(64),
ADD COLUMN     "seal_seq" BIGINT,
ALTER COLUMN "prev_hash" DROP NOT NULL,
ALTER COLUMN "hash" DROP NOT NULL;

-- The old guard refused every UPDATE. It is replaced below by one that lets the sealer set the seal columns once.
DROP TRIGGER "audit_log_no_update" ON "audit_log";

-- Entries written before this migration were chained at insert, under the lock, in id order: that order is their
-- place in the chain. They keep their prev_hash and hash (verified with the old formula) and no content_hash.
UPDATE "audit_log" SET "seal_seq" = "ordered"."n"
FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS "n" FROM "audit_log") AS "ordered"
WHERE "audit_log"."id" = "ordered"."id";

-- CreateIndex. Besides keeping two entries from one place in the chain, it serves the sealer: its NULL entries are
-- the unsealed ones, read a batch at a time without a sort however long a backlog grows (lib/audit/audit.ts).
CREATE UNIQUE INDEX "audit_log_seal_seq_key" ON "audit_log"("seal_seq");

-- UPDATE is allowed only as a seal: an unsealed entry (seal_seq, prev_hash and hash NULL, content_hash present)
-- gets all three seal columns, and no other column changes. DELETE is refused as before (TRUNCATE keeps its own
-- trigger, audit_log_no_truncate).
CREATE FUNCTION audit_log_seal_once() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''UPDATE''
     AND OLD.seal_seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL AND OLD.content_hash IS NOT NULL
     AND NEW.seal_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
     AND to_jsonb(NEW) - ARRAY[''seal_seq'', ''prev_hash'', ''hash''] = to_jsonb(OLD) - ARRAY[''seal_seq'', ''prev_hash'', ''hash''] THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''audit_log is append-only (% refused)'', TG_OP
    USING ERRCODE = ''insufficient_privilege'', HINT = ''The only change allowed is the sealer setting seal_seq, prev_hash and hash, once, on an unsealed entry.''\073
END';

CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_seal_once();

-- New entries arrive unsealed and carry their content hash: nobody inserts a row that claims a place in the chain.
CREATE FUNCTION audit_log_insert_unsealed() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF NEW.content_hash IS NULL OR NEW.seal_seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
    RAISE EXCEPTION ''audit_log entries are inserted unsealed, with their content hash''
      USING ERRCODE = ''insufficient_privilege''\073
  END IF\073
  RETURN NEW\073
END';

CREATE TRIGGER "audit_log_insert_unsealed" BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_insert_unsealed();
