import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

const host = "gov.test";

describe("safe return paths", () => {
  it("keeps same-origin paths, in the URL parser's own encoding", () => {
    expect(safeReturnPath("/console?x=1", host)).toBe("/console?x=1");
    expect(safeReturnPath("https://gov.test/items/A?lang=en", host)).toBe("/items/A?lang=en");
    expect(safeReturnPath("http://gov.test/account#top", host)).toBe("/account#top");
    expect(safeReturnPath("/search?q=身份证", host)).toBe("/search?q=%E8%BA%AB%E4%BB%BD%E8%AF%81");
    expect(safeReturnPath("/items/A/apply", null)).toBe("/items/A/apply");
    expect(safeReturnPath("account", host)).toBe("/account");
  });

  // Known open-redirect bypasses (OWASP cheat sheet, browser URL-parsing quirks): each one resolves to another
  // host somewhere (browser, proxy, a later decode) or is not a web path at all.
  const bypasses = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/x",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%255C%255Cevil.example",
    "/%252F%252Fevil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://gov.test/x",
    "https:evil.example",
    "https:/evil.example",
    "https://gov.test@evil.example/",
    "https://evil.example\\@gov.test/",
    "https://gov.test.evil.example/",
    "https://evil。example/",
    "https://ｅｖｉｌ.example/",
    "//evil%E3%80%82example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/\u0085/evil.example",
  ];
  it.each(bypasses)("refuses %j", (bad) => {
    expect(safeReturnPath(bad, host)).toBe("/");
    expect(safeReturnPath(bad, host, "")).toBe("");
  });

  it("keeps Unicode lookalike slashes as plain characters of a path on this site", () => {
    for (const lookalike of ["／／evil.example", "/∕evil.example", "/⁄evil.example", "/﹨evil.example"]) {
      const path = safeReturnPath(lookalike, host);
      expect(path.startsWith("/")).toBe(true);
      expect(path.startsWith("//")).toBe(false);
      expect(new URL(path, "https://gov.test").host).toBe("gov.test");
    }
  });

  it("falls back on nothing", () => {
    expect(safeReturnPath(null, host, "/home")).toBe("/home");
    expect(safeReturnPath("", host, "/home")).toBe("/home");
    expect(safeReturnPath("https://gov.test/x", null)).toBe("/");
  });
});
