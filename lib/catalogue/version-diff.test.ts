import { describe, expect, it } from "vitest";
import { diffContents } from "./version-diff";

const material = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: code, copyCopies: 1, ...extra });

describe("diffContents", () => {
  it("reports nothing for equal content, whatever the key order or null vs missing", () => {
    expect(diffContents({ a: 1, b: { c: null, d: [1, 2] } }, { b: { d: [1, 2] }, a: 1 })).toEqual([]);
  });

  it("names changed scalars and nested fields by path", () => {
    const changes = diffContents(
      { name: "甲", promised: { limit: 10, unit: "WORKING_DAY" } },
      { name: "乙", promised: { limit: 5, unit: "WORKING_DAY" } },
    );
    expect(changes).toEqual([
      { path: "name", field: "name", kind: "changed", before: "甲", after: "乙" },
      { path: "promised.limit", field: "promised", kind: "changed", before: 10, after: 5 },
    ]);
  });

  it("matches materials by code: edits, additions, removals and moves", () => {
    const before = { materials: [material("id-card"), material("form"), material("photo")] };
    const after = { materials: [material("form", { copyCopies: 2 }), material("id-card"), material("licence")] };
    const changes = diffContents(before, after);
    expect(changes).toContainEqual({
      path: "materials[form].copyCopies",
      field: "materials",
      kind: "changed",
      before: 1,
      after: 2,
    });
    expect(changes).toContainEqual(expect.objectContaining({ path: "materials[photo]", kind: "removed" }));
    expect(changes).toContainEqual(expect.objectContaining({ path: "materials[licence]", kind: "added" }));
    expect(changes).toContainEqual({
      path: "materials.order",
      field: "materials",
      kind: "moved",
      before: ["id-card", "form"],
      after: ["form", "id-card"],
    });
  });

  it("compares unkeyed lists entry by entry and scalar lists as a whole", () => {
    const changes = diffContents(
      { faqs: [{ q: "a" }], audiences: ["NATURAL_PERSON"] },
      { faqs: [{ q: "b" }, { q: "c" }], audiences: ["NATURAL_PERSON", "ENTERPRISE"] },
    );
    expect(changes).toEqual([
      { path: "faqs[0].q", field: "faqs", kind: "changed", before: "a", after: "b" },
      { path: "faqs[1]", field: "faqs", kind: "added", before: null, after: { q: "c" } },
      {
        path: "audiences",
        field: "audiences",
        kind: "changed",
        before: ["NATURAL_PERSON"],
        after: ["NATURAL_PERSON", "ENTERPRISE"],
      },
    ]);
  });

  it("lists every given field of a first version as added", () => {
    expect(
      diffContents(null, { name: "甲", faqs: [], note: null }).map((change) => [change.path, change.kind]),
    ).toEqual([["name", "added"]]);
  });
});
