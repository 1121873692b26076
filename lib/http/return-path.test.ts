import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safe return paths", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/console?x=1", "gov.test")).toBe("/console?x=1");
    expect(safeReturnPath("https://gov.test/items/A?lang=en", "gov.test")).toBe("/items/A?lang=en");
  });

  it("refuses other sites and tricks", () => {
    for (const bad of ["https://evil.test/", "//evil.test/x", "/\\evil.test", "javascript:alert(1)", "ftp://gov.test/x"]) {
      expect(safeReturnPath(bad, "gov.test")).toBe("/");
    }
    expect(safeReturnPath(null, "gov.test", "/home")).toBe("/home");
  });
});
