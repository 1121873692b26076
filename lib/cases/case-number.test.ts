import { describe, expect, it } from "vitest";
import { hashQueryCode, isCaseNumber, newQueryCode } from "./case-number";

describe("case numbers and query codes", () => {
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
