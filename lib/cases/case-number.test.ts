import { describe, expect, it } from "vitest";
import { chinaDate, hashQueryCode, isCaseNumber, newQueryCode } from "./case-number";

describe("case numbers and query codes", () => {
  it("dates a case by the China calendar day", () => {
    expect(chinaDate(new Date("2026-01-31T16:30:00Z"))).toBe("2026-02-01");
    expect(chinaDate(new Date("2026-01-31T15:59:59Z"))).toBe("2026-01-31");
  });

  it("makes 8-character codes without look-alike characters, compared as people type them", () => {
    const codes = new Set(Array.from({ length: 500 }, newQueryCode));
    expect(codes.size).toBeGreaterThan(495);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(hashQueryCode("ab cd 2345")).toBe(hashQueryCode("ABCD2345"));
  });

  it("recognises case numbers", () => {
    expect(isCaseNumber("51160220261123000001")).toBe(true);
    expect(isCaseNumber("5116022026112300000")).toBe(false);
    expect(isCaseNumber("51160220261123000001; DROP")).toBe(false);
  });
});
