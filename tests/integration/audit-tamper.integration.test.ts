import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import {
  contentHash,
  GENESIS_HASH,
  legacyEntryHash,
  recordAudit,
  sealAuditTrail,
  sealHash,
  verifyAuditChain,
} from "../../lib/audit/audit";
import { db } from "../../lib/db/client";

/**
 * Changes made behind the application's back are found by the check (`verifyAuditChain`, the one behind
 * `npm run db -- audit-verify` and the administration's chain check). Only a database superuser can make them,
 * and only by switching the table's triggers off first. Every test puts the trail back as it was, so the next
 * one starts from an intact chain.
 */

async function tamper<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    try {
      return await work(client);
    } finally {
      await client.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    }
  } finally {
    await client.end();
  }
}

async function writeAndSeal(objectId: string, after: Record<string, unknown> = {}) {
  await db().$transaction((tx) =>
    recordAudit(tx, { actor: null, action: "test.entry", objectType: "Test", objectId, after }),
  );
  await sealAuditTrail(db());
  return db().auditLog.findFirstOrThrow({ where: { objectId } });
}

const problemsOf = async (batchSize?: number) => {
  const check = await verifyAuditChain(db(), batchSize);
  return { check, problems: check.problems.map((problem) => ({ id: problem.id, kind: problem.kind })) };
};

describe("audit trail: tampering is detected", () => {
  beforeAll(async () => {
    // The trail of a database that had entries before sealing existed: migration 20261208090000_audit_seal kept
    // them (chained at insert, in id order, with the old link and no content hash) as seal_seq 1, 2, 3 … and the
    // sealer carries on after them. Made here by hand at the start of this file's chain.
    expect(await db().auditLog.count({ where: { sealSeq: { not: null } } })).toBe(0);
    await tamper(async (client) => {
      let prevHash = GENESIS_HASH;
      for (let index = 1; index <= 3; index++) {
        const fields = {
          at: new Date(Date.UTC(2026, 10, 20, 8, 0, index)),
          actorId: null,
          actorRole: null,
          action: "test.legacy",
          objectType: "Test",
          objectId: `legacy-${index}`,
          before: null,
          after: { index },
          ip: null,
        };
        const hash = legacyEntryHash(prevHash, fields);
        await client.query(
          "INSERT INTO audit_log (at, action, object_type, object_id, after, seal_seq, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          [
            fields.at,
            fields.action,
            fields.objectType,
            fields.objectId,
            JSON.stringify(fields.after),
            index,
            prevHash,
            hash,
          ],
        );
        prevHash = hash;
      }
    });
    await sealAuditTrail(db());
    expect(await verifyAuditChain(db(), 5)).toMatchObject({ ok: true, problemCount: 0, unsealed: { count: 0 } });
  });

  it("an edited sealed entry: its content hash, and once that is recomputed too, its link", async () => {
    const target = await writeAndSeal(`sealed-${Date.now()}`, { amount: 1 });
    await tamper((client) =>
      client.query(`UPDATE audit_log SET after = '{"amount": 1000}' WHERE id = $1`, [target.id.toString()]),
    );
    let found = await problemsOf(3);
    expect(found.check).toMatchObject({ ok: false, firstBrokenId: target.id });
    expect(found.problems).toEqual([{ id: target.id, kind: "content" }]);

    // A forger who also recomputes the content hash breaks the chain link instead.
    const edited = await db().auditLog.findUniqueOrThrow({ where: { id: target.id } });
    await tamper((client) =>
      client.query("UPDATE audit_log SET content_hash = $2 WHERE id = $1", [target.id.toString(), contentHash(edited)]),
    );
    found = await problemsOf(3);
    expect(found.problems).toEqual([{ id: target.id, kind: "link" }]);

    await tamper((client) =>
      client.query(`UPDATE audit_log SET after = '{"amount": 1}', content_hash = $2 WHERE id = $1`, [
        target.id.toString(),
        target.contentHash,
      ]),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("an edited unsealed entry no longer matches its content hash, before and after it is sealed", async () => {
    const objectId = `unsealed-${Date.now()}`;
    await db().$transaction((tx) =>
      recordAudit(tx, { actor: null, action: "test.entry", objectType: "Test", objectId, after: { decision: "deny" } }),
    );
    const target = await db().auditLog.findFirstOrThrow({ where: { objectId } });
    expect(target.sealSeq).toBeNull();
    await tamper((client) =>
      client.query(`UPDATE audit_log SET after = '{"decision": "approve"}' WHERE id = $1`, [target.id.toString()]),
    );
    let found = await problemsOf();
    expect(found.check).toMatchObject({ ok: false, firstBrokenId: target.id, unsealed: { count: 1 } });
    expect(found.check.problems).toEqual([{ id: target.id, sealSeq: null, kind: "content" }]);

    // The sealer chains it as it finds it; the edit stays visible.
    await sealAuditTrail(db());
    found = await problemsOf();
    expect(found.problems).toEqual([{ id: target.id, kind: "content" }]);

    await tamper((client) =>
      client.query(`UPDATE audit_log SET after = '{"decision": "deny"}' WHERE id = $1`, [target.id.toString()]),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("an entry inserted into the sealed chain (with a correct link of its own) breaks the link after it", async () => {
    const before = await writeAndSeal(`before-${Date.now()}`);
    const after = await writeAndSeal(`after-${Date.now()}`);
    const place = before.sealSeq as bigint;
    expect(after.sealSeq).toBe(place + 1n);
    const fields = {
      at: new Date(),
      actorId: null,
      actorRole: null,
      action: "case.approve",
      objectType: "Case",
      objectId: "forged",
      before: null,
      after: { status: "APPROVED" },
      ip: null,
    };
    const forgedContent = contentHash(fields);
    const forgedId = 9_000_000n;
    await tamper(async (client) => {
      // Make room after `before`, then insert the forged entry there, linked to `before` as the sealer would.
      await client.query("UPDATE audit_log SET seal_seq = -(seal_seq + 1) WHERE seal_seq > $1", [place.toString()]);
      await client.query("UPDATE audit_log SET seal_seq = -seal_seq WHERE seal_seq < 0");
      await client.query(
        "INSERT INTO audit_log (id, at, action, object_type, object_id, after, content_hash, seal_seq, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        [
          forgedId.toString(),
          fields.at,
          fields.action,
          fields.objectType,
          fields.objectId,
          JSON.stringify(fields.after),
          forgedContent,
          (place + 1n).toString(),
          before.hash,
          sealHash(before.hash as string, { sealSeq: place + 1n, id: forgedId, contentHash: forgedContent }),
        ],
      );
    });
    const found = await problemsOf(2);
    expect(found.check).toMatchObject({ ok: false, firstBrokenId: after.id });
    expect(found.problems).toEqual([{ id: after.id, kind: "link" }]);

    await tamper(async (client) => {
      await client.query("DELETE FROM audit_log WHERE id = $1", [forgedId.toString()]);
      await client.query("UPDATE audit_log SET seal_seq = -(seal_seq - 1) WHERE seal_seq > $1", [
        (place + 1n).toString(),
      ]);
      await client.query("UPDATE audit_log SET seal_seq = -seal_seq WHERE seal_seq < 0");
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("a sealed entry removed from the chain", async () => {
    const removed = await writeAndSeal(`removed-${Date.now()}`);
    const next = await writeAndSeal(`next-${Date.now()}`);
    const row = await db().auditLog.findUniqueOrThrow({ where: { id: removed.id } });
    await tamper((client) => client.query("DELETE FROM audit_log WHERE id = $1", [removed.id.toString()]));
    const found = await problemsOf();
    expect(found.problems).toEqual([
      { id: next.id, kind: "sequence" },
      { id: next.id, kind: "link" },
    ]);

    await tamper((client) =>
      client.query(
        "INSERT INTO audit_log (id, at, action, object_type, object_id, after, content_hash, seal_seq, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        [
          row.id.toString(),
          row.at,
          row.action,
          row.objectType,
          row.objectId,
          JSON.stringify(row.after),
          row.contentHash,
          (row.sealSeq as bigint).toString(),
          row.prevHash,
          row.hash,
        ],
      ),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("an edited entry among those chained before sealing existed", async () => {
    const legacy = await db().auditLog.findFirstOrThrow({ where: { objectId: "legacy-2" } });
    await tamper((client) =>
      client.query(`UPDATE audit_log SET after = '{"index": 20}' WHERE id = $1`, [legacy.id.toString()]),
    );
    expect((await problemsOf()).problems).toEqual([{ id: legacy.id, kind: "link" }]);
    await tamper((client) =>
      client.query(`UPDATE audit_log SET after = '{"index": 2}' WHERE id = $1`, [legacy.id.toString()]),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("an entry without a content hash after the sealer's first entry", async () => {
    const target = await writeAndSeal(`no-content-${Date.now()}`);
    await tamper((client) =>
      client.query("UPDATE audit_log SET content_hash = NULL WHERE id = $1", [target.id.toString()]),
    );
    expect((await problemsOf()).problems).toEqual([{ id: target.id, kind: "content" }]);
    await tamper((client) =>
      client.query("UPDATE audit_log SET content_hash = $2 WHERE id = $1", [target.id.toString(), target.contentHash]),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});
