import { createHash } from "node:crypto";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { sm2 } from "sm-crypto-v2";
import { generateKeyMaterial, signBytes, verifyBytes } from "./signature-algorithms";
import {
  checkToken,
  maskCode,
  maskName,
  parseToken,
  signingInput,
  SIGNATURE_ALGORITHMS,
  tokenOf,
  type LicencePayload,
  type PublishedKey,
} from "./signed-payload";

const hexToB64u = (hex: string) => Buffer.from(hex, "hex").toString("base64url");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("known vectors", () => {
  it("SM3 of 'abc' (GB/T 32905 example 1)", () => {
    expect(createHash("sm3").update("abc").digest("hex")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
  });

  it("verifies the SM2 signature example of GM/T 0003.5 (recommended curve, default user ID, 'message digest')", () => {
    const publicKey = sm2.getPublicKeyFromPrivateKey(
      "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8",
    );
    const key = { alg: "SM2-SM3" as const, x: hexToB64u(publicKey.slice(2, 66)), y: hexToB64u(publicKey.slice(66)) };
    const signature = Buffer.from(
      "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa",
      "hex",
    );
    expect(verifyBytes(key, bytes("message digest"), signature)).toBe(true);
    expect(verifyBytes(key, bytes("message digesT"), signature)).toBe(false);
  });

  it("verifies the ECDSA P-256 SHA-256 example of RFC 6979 A.2.5 ('sample')", () => {
    const key = {
      alg: "ES256" as const,
      x: hexToB64u("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"),
      y: hexToB64u("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"),
    };
    const signature = Buffer.from(
      "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
      "hex",
    );
    expect(verifyBytes(key, bytes("sample"), signature)).toBe(true);
    expect(verifyBytes(key, bytes("samplf"), signature)).toBe(false);
  });
});

const payload: LicencePayload = {
  n: "ZZ51160020261207000123",
  t: "食品经营许可证",
  c: "FOOD_BUSINESS",
  h: maskName("广安鑫源餐饮管理有限公司"),
  hc: maskCode("91511602MA6XXXXX1Q"),
  i: "广安区市场监督管理局",
  ic: "511602-SCJG",
  d: "2026-12-07",
  e: "2031-12-06",
};

describe.each(SIGNATURE_ALGORITHMS)("result tokens signed with %s", (algorithm) => {
  const material = generateKeyMaterial(algorithm);
  const key: PublishedKey = {
    kid: `${algorithm}-test`,
    alg: algorithm,
    x: material.x,
    y: material.y,
    createdAt: "2026-12-07",
    retiredAt: null,
  };
  const input = signingInput(key.kid, payload);
  const token = tokenOf(input, signBytes(material, bytes(input)));
  const check = (candidate: string, keys = [key]) =>
    checkToken(candidate, keys, async (published, data, signature) => verifyBytes(published, data, signature));

  it("verifies offline with the published key, and fits a QR code beside the verification address", async () => {
    expect(await check(token)).toMatchObject({ ok: true, payload });
    // The certificate's QR code (lib/results/pdf.ts, level M, printed 160 pt wide): a company holder with long names
    // reaches version 17 here; at most version 18 (89 modules) keeps each module above 0.6 mm on paper.
    const address = `https://zwfw.guang-an.gov.cn/verify/${payload.n}?code=ABCD2345#s=${token}`;
    expect(QRCode.create(address, { errorCorrectionLevel: "M" }).version).toBeLessThanOrEqual(18);
  });

  it("fails for a changed payload, another key, an unknown key id or a malformed token", async () => {
    const [prefix, kid, body, signature] = token.split(".") as [string, string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...payload, e: "2099-12-31" })).toString("base64url");
    expect(await check([prefix, kid, forged, signature].join("."))).toMatchObject({
      ok: false,
      reason: "badSignature",
    });
    const other = generateKeyMaterial(algorithm);
    expect(await check(token, [{ ...key, x: other.x, y: other.y }])).toMatchObject({
      ok: false,
      reason: "badSignature",
    });
    expect(await check(token, [{ ...key, kid: "other" }])).toMatchObject({ ok: false, reason: "unknownKey" });
    for (const bad of [
      "",
      "OW1",
      `OW2.${kid}.${body}.${signature}`,
      `${prefix}.${kid}.${body}.AAAA`,
      `${prefix}.${kid}.!!.${signature}`,
      `${prefix}.${kid}.${Buffer.from("{}").toString("base64url")}.${signature}`,
    ])
      expect(await check(bad)).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("parses back to what was signed", () => {
    expect(parseToken(token)?.payload).toEqual(payload);
  });
});

describe("masking", () => {
  it("keeps the ends of names and codes", () => {
    expect([
      maskName("王小明"),
      maskName("李四"),
      maskName("广安鑫源餐饮管理有限公司"),
      maskCode("91511602MA6XXXXX1Q"),
    ]).toEqual(["王*明", "李*", "广安鑫源******公司", "9151************1Q"]);
  });
});
