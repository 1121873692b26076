import { describe, expect, it } from "vitest";
import { isId, isWellFormedPath, textParam } from "./params";

describe("request parameters", () => {
  it("answers an unsafe text parameter as an absent one", () => {
    expect(textParam("社保", 10)).toBe("社保");
    expect(textParam(["first", "second"], 10)).toBe("first");
    expect(textParam("abcdef", 3)).toBe("abc");
    expect(textParam(undefined, 10)).toBe("");
    for (const hostile of ["\u0000", "a\u0001b", "\u202eexe.txt", "a\nb", "\u0085"])
      expect(textParam(hostile, 100)).toBe("");
  });

  it("checks identifiers for their shape, so malformed ones never reach a query", () => {
    expect(isId("uuid", "0b0c8f0e-3c55-4b7a-9c1e-2d6f3a9b8c7d")).toBe(true);
    expect(isId("caseNumber", "20261123000000000001")).toBe(true);
    expect(isId("itemCode", "11310000MB0P03221N400011700001")).toBe(true);
    expect(isId("regionCode", "310000000000")).toBe(true);
    expect(isId("themeCode", "birth")).toBe(true);
    for (const hostile of ["", "\u0000", "%00", "%ff", "a".repeat(3000), "' OR 1=1 --", "\u202e", "../x", 42, null]) {
      for (const shape of ["uuid", "caseNumber", "itemCode", "departmentCode", "themeCode", "regionCode"] as const) {
        expect(isId(shape, hostile), `${shape} ${JSON.stringify(hostile)}`).toBe(false);
      }
    }
  });

  it("tells a path whose percent-encoding is not UTF-8 from a good one", () => {
    for (const good of [
      "/",
      "/items/A-1",
      "/items/%E4%B8%8A",
      "/verify/ZZ1?code=%ff",
      "/search?q=%E4%B8",
      "/a%2Fb",
      "/items/%00",
    ])
      expect(isWellFormedPath(good), good).toBe(true);
    for (const bad of [
      "/items/%ff",
      "/verify/%ff?code=1",
      "/departments/%E4%B8",
      "/x/%zz",
      "/x/%",
      "/api/v1/items/%C0%AF",
    ])
      expect(isWellFormedPath(bad), bad).toBe(false);
  });
});
