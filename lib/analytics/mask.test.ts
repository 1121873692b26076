import { describe, expect, it } from "vitest";
import { maskSearchQuery, searchLogText } from "./mask";

describe("maskSearchQuery", () => {
  it.each([
    ["身份证 33010219900101123X", "身份证 ＃"],
    ["330102199001011234", "＃"],
    ["13800138000 社保", "＃ 社保"],
    ["138 0013 8000", "＃"],
    ["138-0013-8000", "＃"],
    ["案件 3301002026120700001 进度", "案件 ＃ 进度"],
    ["91330100MA27XYZ12Q 变更", "＃ 变更"],
    ["联系 zhang.san@example.com", "联系 ＃"],
    ["护照E12345678", "护照＃"],
  ])("masks %s", (query, masked) => {
    expect(maskSearchQuery(query)).toBe(masked);
  });

  it.each(["2024年 个税", "12345 热线", "ISO9001 认证", "社保卡", "一件事 出生", "表 A-12"])("keeps %s", (query) => {
    expect(maskSearchQuery(query)).toBe(query);
  });
});

describe("searchLogText", () => {
  it("masks before normalising, so an e-mail address or a spaced phone number cannot survive normalisation", () => {
    expect(searchLogText("联系 Zhang.San@Example.com")).toBe("联系 ＃");
    expect(searchLogText("１３８ ００１３ ８０００ 社保")).toBe("＃ 社保");
    expect(searchLogText("  身份证  33010219900101123x ")).toBe("身份证 ＃");
  });

  it("gives the same key for the same search however it was typed", () => {
    expect(searchLogText("社保卡")).toBe(searchLogText(" 社保卡 "));
    expect(searchLogText("Social Security")).toBe("social security");
  });
});
