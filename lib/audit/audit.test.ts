import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, GENESIS_HASH } from "./audit";

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

describe("audit hash chain", () => {
  it("serialises objects with sorted keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
  });

  it("hashes the same entry the same way regardless of key order", () => {
    const reordered = { ...entry, after: { a: { c: 3, d: 2 }, b: 1 } };
    expect(entryHash(GENESIS_HASH, entry)).toBe(entryHash(GENESIS_HASH, reordered));
  });

  it("changes when any field or the previous hash changes", () => {
    const base = entryHash(GENESIS_HASH, entry);
    expect(entryHash("f".repeat(64), entry)).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...entry, action: "account.delete" })).not.toBe(base);
    expect(entryHash(GENESIS_HASH, { ...entry, at: new Date("2026-11-23T08:00:00.001Z") })).not.toBe(base);
  });
});
