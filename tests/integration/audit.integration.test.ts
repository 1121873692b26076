import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { contentHash, recordAudit, sealAuditTrail, verifyAuditChain } from "../../lib/audit/audit";
import { db } from "../../lib/db/client";
import { startAuditSealJob } from "../../lib/jobs/audit-seal";

/**
 * The audit trail's write path (issue 17): entries are written without a lock and chained afterwards by the sealer.
 * Tampering is in audit-tamper.integration.test.ts.
 */

async function withSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const entryOf = (objectId: string) => db().auditLog.findFirstOrThrow({ where: { objectId } });

/** Fails instead of hanging when writers wait for each other (they would deadlock on the barrier below). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("audit trail: the write path", () => {
  it("lets open transactions write their entries side by side: none waits for another to commit", async () => {
    const writers = 5;
    const tag = `parallel-${Date.now()}`;
    let written = 0;
    let allWritten: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (allWritten = resolve));
    // Every transaction writes its entry and then stays open until all of them have written theirs. With a lock held
    // until commit (the old recordAudit), the second writer would wait for the first, which waits for the second.
    await within(
      10_000,
      Promise.all(
        Array.from({ length: writers }, (_, index) =>
          db().$transaction(
            async (tx) => {
              await recordAudit(tx, {
                actor: null,
                action: "test.parallel",
                objectType: "Test",
                objectId: `${tag}-${index}`,
              });
              if (++written === writers) allWritten();
              await barrier;
            },
            { timeout: 15_000 },
          ),
        ),
      ),
      "parallel audit writers",
    );
    expect(await db().auditLog.count({ where: { action: "test.parallel", objectId: { startsWith: tag } } })).toBe(
      writers,
    );
    // Written unsealed, each with the hash of its own content.
    const rows = await db().auditLog.findMany({ where: { objectId: { startsWith: tag } } });
    for (const row of rows) {
      expect(row).toMatchObject({ sealSeq: null, prevHash: null, hash: null });
      expect(row.contentHash).toBe(contentHash(row));
    }

    const sealed = await sealAuditTrail(db());
    expect(sealed).toMatchObject({ busy: false });
    expect(sealed.sealed).toBeGreaterThanOrEqual(writers);
    const check = await verifyAuditChain(db());
    expect(check).toMatchObject({ ok: true, problemCount: 0, unsealed: { count: 0 } });
    expect(check.sealed).toBe(await db().auditLog.count());
    expect(await sealAuditTrail(db())).toEqual({ sealed: 0, busy: false });
  });

  it("chains many concurrent writers without a gap, in batches", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        db().$transaction((tx) =>
          recordAudit(tx, { actor: null, action: "test.concurrent", objectType: "Test", objectId: String(index) }),
        ),
      ),
    );
    expect((await sealAuditTrail(db(), { batchSize: 7 })).sealed).toBe(25);
    const check = await verifyAuditChain(db(), 4);
    expect(check).toMatchObject({ ok: true, unsealed: { count: 0 } });
    const seqs = (await db().auditLog.findMany({ orderBy: { sealSeq: "asc" }, select: { sealSeq: true } })).map((row) =>
      Number(row.sealSeq),
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));
  });

  it("seals in its own order: an entry with a lower id that commits late is sealed after the ones already sealed", async () => {
    const tag = `late-${Date.now()}`;
    let releaseEarly: () => void = () => undefined;
    const early = new Promise<void>((resolve) => (releaseEarly = resolve));
    let earlyWritten: () => void = () => undefined;
    const earlyHasWritten = new Promise<void>((resolve) => (earlyWritten = resolve));
    // The lower id: written first, committed last.
    const slow = db().$transaction(
      async (tx) => {
        await recordAudit(tx, { actor: null, action: "test.late", objectType: "Test", objectId: `${tag}-slow` });
        earlyWritten();
        await early;
      },
      { timeout: 15_000 },
    );
    await earlyHasWritten;
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: "test.late", objectType: "Test", objectId: `${tag}-fast` }),
    );

    // The sealer sees only committed entries: the fast one.
    await sealAuditTrail(db());
    const fast = await entryOf(`${tag}-fast`);
    expect(fast.sealSeq).not.toBeNull();
    expect(await db().auditLog.count({ where: { objectId: `${tag}-slow` } })).toBe(0);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });

    releaseEarly();
    await slow;
    const slowRow = await entryOf(`${tag}-slow`);
    expect(slowRow.id).toBeLessThan(fast.id);
    expect(slowRow.sealSeq).toBeNull();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: { count: 1, oldestId: slowRow.id } });

    expect(await sealAuditTrail(db())).toEqual({ sealed: 1, busy: false });
    const sealedSlow = await entryOf(`${tag}-slow`);
    expect(sealedSlow.sealSeq).toBe((fast.sealSeq as bigint) + 1n);
    expect(sealedSlow.prevHash).toBe(fast.hash);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, problemCount: 0, unsealed: { count: 0 } });
  });

  it("lets one sealer work at a time: a second one skips its round", async () => {
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: "test.busy", objectType: "Test", objectId: "busy" }),
    );
    await withSuperuser(async (client) => {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext('onewindow.audit_seal'))");
      expect(await sealAuditTrail(db())).toEqual({ sealed: 0, busy: true });
      await client.query("ROLLBACK");
    });
    expect(await sealAuditTrail(db())).toEqual({ sealed: 1, busy: false });
  });

  it("the audit-seal job chains new entries within a round or two", async () => {
    const objectId = `job-${Date.now()}`;
    await db().$transaction((tx) => recordAudit(tx, { actor: null, action: "test.job", objectType: "Test", objectId }));
    const stop = startAuditSealJob({ intervalSeconds: 1 });
    try {
      for (let tries = 0; tries < 50 && (await entryOf(objectId)).sealSeq === null; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop();
    }
    expect((await entryOf(objectId)).sealSeq).not.toBeNull();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("lets the database change an entry only by sealing it once; never deletes", async () => {
    await sealAuditTrail(db());
    const objectId = `guard-${Date.now()}`;
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: "test.guard", objectType: "Test", objectId }),
    );
    const unsealed = await entryOf(objectId);
    const sealed = await db().auditLog.findFirstOrThrow({
      where: { sealSeq: { not: null } },
      orderBy: { sealSeq: "desc" },
    });
    const seal = { seq: String((sealed.sealSeq as bigint) + 1n), prev: sealed.hash, hash: "a".repeat(64) };
    await withSuperuser(async (client) => {
      const id = unsealed.id.toString();
      await expect(client.query("UPDATE audit_log SET action = 'x' WHERE id = $1", [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        client.query("UPDATE audit_log SET seal_seq = $2, prev_hash = $3, hash = $4, action = 'x' WHERE id = $1", [
          id,
          seal.seq,
          seal.prev,
          seal.hash,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(client.query("UPDATE audit_log SET seal_seq = $2 WHERE id = $1", [id, seal.seq])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        client.query("UPDATE audit_log SET content_hash = $2 WHERE id = $1", [id, "b".repeat(64)]),
      ).rejects.toThrow(/append-only/);
      await expect(
        client.query("UPDATE audit_log SET hash = $2 WHERE id = $1", [sealed.id.toString(), "c".repeat(64)]),
      ).rejects.toThrow(/append-only/);
      await expect(
        client.query("UPDATE audit_log SET seal_seq = seal_seq WHERE id = $1", [sealed.id.toString()]),
      ).rejects.toThrow(/append-only/);
      await expect(client.query("DELETE FROM audit_log WHERE id = $1", [id])).rejects.toThrow(/append-only/);
      await expect(client.query("DELETE FROM audit_log WHERE id = $1", [sealed.id.toString()])).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
      // Inserted rows arrive unsealed, with their content hash.
      const insert =
        "INSERT INTO audit_log (action, object_type, content_hash, seal_seq, prev_hash, hash) VALUES ('test.forged', 'Test', $1, $2, $3, $4)";
      await expect(client.query(insert, ["d".repeat(64), seal.seq, seal.prev, seal.hash])).rejects.toThrow(
        /inserted unsealed/,
      );
      await expect(client.query(insert, [null, null, null, null])).rejects.toThrow(/inserted unsealed/);
      // The seal itself is the one change allowed (rolled back: the real sealer seals this entry below).
      await client.query("BEGIN");
      const done = await client.query("UPDATE audit_log SET seal_seq = $2, prev_hash = $3, hash = $4 WHERE id = $1", [
        id,
        seal.seq,
        seal.prev,
        seal.hash,
      ]);
      expect(done.rowCount).toBe(1);
      await client.query("ROLLBACK");
    });
    expect(await sealAuditTrail(db())).toEqual({ sealed: 1, busy: false });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("npm run db -- audit-verify fails when entries wait for the sealer longer than a minute", async () => {
    const run = async () => {
      try {
        const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "scripts/db.ts", "audit-verify"], {
          env: { ...process.env, LOG_LEVEL: "error" },
        });
        return { code: 0, output: stdout + stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, output: failed.stdout + failed.stderr };
      }
    };
    await sealAuditTrail(db());
    expect(await run()).toMatchObject({ code: 0, output: expect.stringContaining("audit trail intact") });

    // An entry committed two minutes ago and never sealed: the sealer is not running.
    const fields = {
      at: new Date(Date.now() - 120_000),
      actorId: null,
      actorRole: null,
      action: "test.stale",
      objectType: "Test",
      objectId: "stale",
      before: null,
      after: null,
      ip: null,
    };
    await withSuperuser((client) =>
      client.query(
        "INSERT INTO audit_log (at, action, object_type, object_id, content_hash) VALUES ($1, $2, $3, $4, $5)",
        [fields.at, fields.action, fields.objectType, fields.objectId, contentHash(fields)],
      ),
    );
    const stale = await run();
    expect(stale.code).toBe(4);
    expect(stale.output).toContain("NOT SEALED IN TIME");
    expect((await verifyAuditChain(db())).ok).toBe(true);

    await sealAuditTrail(db());
    expect(await run()).toMatchObject({ code: 0 });
  });
});
