import { describe, expect, it } from "vitest";
import { checkCreditCode, creditCodeCheckChar } from "./credit-code";
import { checkIdNumber, idNumberCheckChar, maskIdNumber } from "./id-number";
import { isMainlandMobile, maskPhone, normalisePhone } from "./phone";

describe("resident ID numbers (GB 11643)", () => {
  it("accepts the standard's worked example and a lower-case x", () => {
    expect(checkIdNumber("11010519491231002X")).toBeNull();
    expect(checkIdNumber("11010519491231002x")).toBeNull();
    expect(checkIdNumber("440524188001010014")).toBeNull();
  });

  it("computes the MOD 11-2 check character", () => {
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    expect(idNumberCheckChar("44052418800101001")).toBe("4");
  });

  it("names what is wrong", () => {
    expect(checkIdNumber("11010519491231002")).toBe("format");
    expect(checkIdNumber("A1010519491231002X")).toBe("format");
    expect(checkIdNumber("110105194902300023")).toBe("birthDate");
    expect(checkIdNumber("110105209912310028", new Date("2026-01-01"))).toBe("birthDate");
    expect(checkIdNumber("110105194912310021")).toBe("checksum");
  });

  it("masks all but the first three and last four characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110***********002X");
  });
});

describe("unified social credit codes (GB 32100)", () => {
  it("accepts real codes", () => {
    // The code used as the standard's example in most references, and one ending in a letter.
    expect(checkCreditCode("91350100M000100Y43")).toBeNull();
    expect(checkCreditCode("91110000100006082K")).toBeNull();
    expect(checkCreditCode("911100001000060820")).toBe("checksum");
  });

  it("computes the check character", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("rejects a wrong check character, forbidden letters and wrong lengths", () => {
    expect(checkCreditCode("91350100M000100Y44")).toBe("checksum");
    expect(checkCreditCode("91350100M000100I43")).toBe("format");
    expect(checkCreditCode("91350100M000100Y4")).toBe("format");
  });
});

describe("mainland mobile numbers", () => {
  it("accepts 11-digit numbers starting 13–19, with or without +86", () => {
    expect(isMainlandMobile("13800138000")).toBe(true);
    expect(isMainlandMobile("+86 138 0013 8000")).toBe(true);
    expect(normalisePhone("+8613800138000")).toBe("13800138000");
  });

  it("rejects other numbers", () => {
    expect(isMainlandMobile("12800138000")).toBe(false);
    expect(isMainlandMobile("1380013800")).toBe(false);
    expect(isMainlandMobile("028-85551234")).toBe(false);
  });

  it("masks the middle four digits", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
  });
});
