import pg from "pg";
import { describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "../../lib/audit/audit";
import { db } from "../../lib/db/client";

describe("audit trail", () => {
  it("chains concurrent writers without a gap", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        db().$transaction((tx) => recordAudit(tx, { actor: null, action: "test.concurrent", objectType: "Test", objectId: String(index) })),
      ),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("names the first entry whose content was changed behind the application's back", async () => {
    await db().$transaction((tx) => recordAudit(tx, { actor: null, action: "test.original", objectType: "Test", objectId: "x", after: { amount: 1 } }));
    const target = await db().auditLog.findFirstOrThrow({ where: { action: "test.original" } });
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      // Only a database owner can do this, and only by switching the guard off first.
      await client.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
      await client.query(`UPDATE audit_log SET after = '{"amount": 1000}' WHERE id = $1`, [target.id.toString()]);
      await client.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
    } finally {
      await client.end();
    }
    const result = await verifyAuditChain(db(), 3);
    expect(result).toMatchObject({ ok: false, firstBrokenId: target.id });
  });
});
