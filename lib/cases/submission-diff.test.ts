import { describe, expect, it } from "vitest";
import type { AnswerSection } from "./answers-view";
import { answerChanges, fileChanges, unchanged } from "./submission-diff";

const text = (value: string) => ({ kind: "text" as const, text: value });
const section = (
  rows: [string, string, ReturnType<typeof text> | { kind: "files"; fileIds: string[]; materialCode: string }][],
): AnswerSection[] => [{ title: "基本信息", rows: rows.map(([key, label, value]) => ({ key, label, value })) }];

describe("what changed between two submissions", () => {
  it("lists changed, added and removed answers by their labels, and leaves uploads to the file comparison", () => {
    const before = section([
      ["shopName", "店铺名称", text("鑫源便利店")],
      ["scope", "经营项目", text("预包装食品销售")],
      ["old", "旧字段", text("x")],
      ["licence", "营业执照", { kind: "files", fileIds: ["f1"], materialCode: "M1" }],
    ]);
    const after = section([
      ["shopName", "店铺名称", text("鑫源商贸便利店")],
      ["scope", "经营项目", text("预包装食品销售")],
      ["phone", "联系电话", text("138****8000")],
      ["licence", "营业执照", { kind: "files", fileIds: ["f2"], materialCode: "M1" }],
    ]);
    expect(answerChanges(before, after)).toEqual([
      { key: "shopName", label: "店铺名称", before: text("鑫源便利店"), after: text("鑫源商贸便利店") },
      { key: "phone", label: "联系电话", before: null, after: text("138****8000") },
      { key: "old", label: "旧字段", before: text("x"), after: null },
    ]);
    expect(answerChanges(before, before)).toEqual([]);
  });

  it("lists files added and removed per material", () => {
    const before = [
      { materialCode: "M1", fileId: "a" },
      { materialCode: "M2", fileId: "b" },
    ];
    const after = [
      { materialCode: "M1", fileId: "c" },
      { materialCode: "M2", fileId: "b" },
      { materialCode: "M3", fileId: "d" },
    ];
    expect(fileChanges(before, after)).toEqual([
      { materialCode: "M1", added: ["c"], removed: ["a"] },
      { materialCode: "M3", added: ["d"], removed: [] },
    ]);
  });

  it("tells a resubmission that changes nothing, whatever the order of the files", () => {
    const canonical = (value: unknown) => JSON.stringify(value);
    const files = [
      { materialCode: "M1", fileId: "a" },
      { materialCode: "M2", fileId: "b" },
    ];
    expect(unchanged({ answers: { a: 1 }, files }, { answers: { a: 1 }, files: [...files].reverse() }, canonical)).toBe(
      true,
    );
    expect(unchanged({ answers: { a: 1 }, files }, { answers: { a: 2 }, files }, canonical)).toBe(false);
    expect(unchanged({ answers: { a: 1 }, files }, { answers: { a: 1 }, files: files.slice(1) }, canonical)).toBe(
      false,
    );
  });
});
