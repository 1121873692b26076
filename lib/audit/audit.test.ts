import { describe, expect, it } from "vitest";
import {
  AUDIT_UNSEALED_MAX_AGE_MS,
  auditVerifyReport,
  canonicalJson,
  type ChainCheck,
  contentHash,
  GENESIS_HASH,
  legacyEntryHash,
  sealerLate,
  sealHash,
} from "./audit";

const entry = {
  at: new Date("2026-11-23T08:00:00.000Z"),
  actorId: null,
  actorRole: null,
  action: "account.register",
  objectType: "User",
  objectId: "u1",
  before: null,
  after: { b: 1, a: { d: 2, c: 3 } },
  ip: "127.0.0.1",
};

describe("audit hashes", () => {
  it("serialises objects with sorted keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}',
    );
  });

  it("hashes the same content the same way regardless of key order", () => {
    const reordered = { ...entry, after: { a: { c: 3, d: 2 }, b: 1 } };
    expect(contentHash(entry)).toBe(contentHash(reordered));
    expect(legacyEntryHash(GENESIS_HASH, entry)).toBe(legacyEntryHash(GENESIS_HASH, reordered));
  });

  it("hashes only the entry's fields, so a whole row (id, seal columns) hashes as its entry", () => {
    const row = { ...entry, id: 41n, contentHash: "x", sealSeq: 7n, prevHash: null, hash: null };
    expect(contentHash(row)).toBe(contentHash(entry));
    expect(legacyEntryHash(GENESIS_HASH, row)).toBe(legacyEntryHash(GENESIS_HASH, entry));
  });

  it("changes the content hash when any field changes", () => {
    const base = contentHash(entry);
    expect(contentHash({ ...entry, action: "account.delete" })).not.toBe(base);
    expect(contentHash({ ...entry, at: new Date("2026-11-23T08:00:00.001Z") })).not.toBe(base);
    expect(contentHash({ ...entry, after: { ...entry.after, b: 2 } })).not.toBe(base);
    expect(contentHash({ ...entry, ip: null })).not.toBe(base);
  });

  it("binds a seal link to the previous link, the place in the chain, the row id and the content", () => {
    const link = { sealSeq: 7n, id: 41n, contentHash: contentHash(entry) };
    const base = sealHash(GENESIS_HASH, link);
    expect(sealHash(GENESIS_HASH, { ...link })).toBe(base);
    expect(sealHash("f".repeat(64), link)).not.toBe(base);
    expect(sealHash(GENESIS_HASH, { ...link, sealSeq: 8n })).not.toBe(base);
    expect(sealHash(GENESIS_HASH, { ...link, id: 42n })).not.toBe(base);
    expect(sealHash(GENESIS_HASH, { ...link, contentHash: contentHash({ ...entry, objectId: "u2" }) })).not.toBe(base);
    // "7:41" and "74:1" must not collide.
    expect(sealHash(GENESIS_HASH, { ...link, sealSeq: 74n, id: 1n })).not.toBe(base);
  });

  it("keeps the legacy link (entries chained at insert before sealing existed) as it was", () => {
    expect(legacyEntryHash(GENESIS_HASH, entry)).not.toBe(legacyEntryHash("f".repeat(64), entry));
    expect(legacyEntryHash(GENESIS_HASH, entry)).not.toBe(contentHash(entry));
  });
});

describe("audit-verify report", () => {
  const now = new Date("2026-12-08T10:00:00.000Z");
  const intact = (unsealed: ChainCheck["unsealed"]): ChainCheck => ({
    ok: true,
    checked: 12,
    sealed: 10,
    unsealed,
    problems: [],
    problemCount: 0,
  });

  it("passes an intact trail whose unsealed entries are recent", () => {
    const check = intact({ count: 2, oldestId: 11n, oldestAt: new Date(now.getTime() - 1500) });
    expect(sealerLate(check, { now })).toBe(false);
    const report = auditVerifyReport(check, { now });
    expect(report.exitCode).toBe(0);
    expect(report.lines.join("\n")).toContain("2 waiting for the sealer, the oldest (entry 11) 1.5 s old");
  });

  it("fails with 4 when entries wait for the sealer longer than a minute", () => {
    const check = intact({
      count: 2,
      oldestId: 11n,
      oldestAt: new Date(now.getTime() - AUDIT_UNSEALED_MAX_AGE_MS - 1),
    });
    expect(sealerLate(check, { now })).toBe(true);
    expect(auditVerifyReport(check, { now })).toMatchObject({ exitCode: 4 });
  });

  it("fails with 3 and lists each faulty entry", () => {
    const check: ChainCheck = {
      ok: false,
      checked: 12,
      sealed: 10,
      unsealed: { count: 2, oldestId: 11n, oldestAt: now },
      problems: [
        { id: 5n, sealSeq: 5n, kind: "link" },
        { id: 12n, sealSeq: null, kind: "content" },
      ],
      problemCount: 2,
      firstBrokenId: 5n,
    };
    const report = auditVerifyReport(check, { now });
    expect(report.exitCode).toBe(3);
    expect(report.lines).toContain(
      "  entry 5 (seal 5): its hash link does not follow (seal columns edited, or an entry removed, inserted or moved before it)",
    );
    expect(report.lines).toContain("  entry 12 (unsealed): its fields do not match its content hash (edited)");
  });
});
