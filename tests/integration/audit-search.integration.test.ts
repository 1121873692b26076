import { describe, expect, it } from "vitest";
import { recordAudit, sealAuditTrail } from "../../lib/audit/audit";
import { db } from "../../lib/db/client";
import { tableCsv } from "../../lib/statistics/export";
import { auditTable, runAuditChainCheck, searchAudit } from "../../lib/supervision/audit-search";
import { expectAppError } from "../support/errors";
import { actorFor } from "./cases-fixtures";

describe("audit search, export and chain check", () => {
  it("finds entries by who, what, which object and when; exports them; checks the chain", async () => {
    const admin = await actorFor({ loginName: "admin" });
    const supervisor = await actorFor({ loginName: "supervisor" });
    const clerk = await actorFor({ loginName: "clerk" });
    const objectId = `test-${Date.now()}`;
    await db().$transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { userId: clerk.userId, role: clerk.role },
        action: "case.accept",
        objectType: "Case",
        objectId,
        after: { status: "ACCEPTED" },
        ip: "10.0.0.7",
      });
      await recordAudit(tx, {
        actor: { userId: clerk.userId, role: clerk.role },
        action: "case.approve",
        objectType: "Case",
        objectId,
        ip: "10.0.0.7",
      });
      await recordAudit(tx, {
        actor: { userId: supervisor.userId, role: supervisor.role },
        action: "supervision.comment",
        objectType: "Case",
        objectId,
        ip: null,
      });
    });

    const byObject = await searchAudit(admin, { objectType: "Case", objectId });
    expect(byObject.entries.map((entry) => entry.action)).toEqual([
      "supervision.comment",
      "case.approve",
      "case.accept",
    ]);
    expect(byObject.entries[2]).toMatchObject({ actorName: clerk.realName, actorLogin: "clerk", ip: "10.0.0.7" });
    expect((await searchAudit(admin, { objectId, action: "case." })).entries.map((entry) => entry.action)).toEqual([
      "case.approve",
      "case.accept",
    ]);
    expect((await searchAudit(admin, { objectId, actor: "supervisor" })).entries.map((entry) => entry.action)).toEqual([
      "supervision.comment",
    ]);
    expect(
      (await searchAudit(admin, { objectId, actor: clerk.realName.slice(0, 1) })).entries.length,
    ).toBeGreaterThanOrEqual(2);
    expect((await searchAudit(admin, { objectId, actor: "nobody-like-this" })).entries).toEqual([]);
    expect((await searchAudit(admin, { objectId, from: "2000-01-01", to: "2000-12-31" })).entries).toEqual([]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect((await searchAudit(admin, { objectId, from: today, to: today })).entries).toHaveLength(3);

    // Keyset pages.
    const first = await searchAudit(admin, { objectId }, { pageSize: 2 });
    expect(first.next).not.toBeNull();
    const second = await searchAudit(admin, { objectId, after: first.next ?? "" }, { pageSize: 2 });
    expect([...first.entries, ...second.entries].map((entry) => entry.action)).toEqual([
      "supervision.comment",
      "case.approve",
      "case.accept",
    ]);
    expect(second.next).toBeNull();

    // Bad input is a validation error; supervisors search but neither export nor run the check; clerks see nothing.
    expect((await expectAppError(searchAudit(admin, { from: "2025-02-30" }))).details.fieldErrors?.from).toBe(
      "supervision.errors.date",
    );
    expect((await searchAudit(supervisor, { objectId })).entries).toHaveLength(3);
    expect((await expectAppError(auditTable(supervisor, { objectId }))).code).toBe("FORBIDDEN");
    expect((await expectAppError(runAuditChainCheck(supervisor))).code).toBe("FORBIDDEN");
    expect((await expectAppError(searchAudit(clerk, {}))).code).toBe("FORBIDDEN");

    const table = await auditTable(admin, { objectId });
    expect(table.rows.map((row) => row[5])).toEqual(["supervision.comment", "case.approve", "case.accept"]);
    const csv = tableCsv(table);
    expect(csv.startsWith("\uFEFFid,at,actorName")).toBe(true);
    expect(csv).toContain('"{""status"":""ACCEPTED""}"');

    // The check covers unsealed entries (their content hashes) and the chain the sealer job builds; seal as it would.
    expect((await runAuditChainCheck(admin)).ok).toBe(true);
    await sealAuditTrail(db());
    const check = await runAuditChainCheck(admin);
    expect(check.ok).toBe(true);
    expect(check.checked).toBe(await db().auditLog.count());
    expect(await db().auditLog.count({ where: { sealSeq: null } })).toBe(0);
  });
});
