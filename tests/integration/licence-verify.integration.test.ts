import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { VERIFY_LOOKUPS_PER_MINUTE, verifyLicence, WRONG_CODES_PER_LICENCE_PER_HOUR } from "../../lib/results/issue";

/**
 * The public e-licence check (/verify/{number}?code=…) against a real database and the shared rate-limit store
 * (penetration test point 10: 40 guesses in 1.3 s, on licence numbers that follow case numbers). Limited like the
 * case status lookup (tests/integration/tracking.integration.test.ts): per address, and guesses per licence number
 * from every address together, counted before the code is compared.
 */

const CODE = "K7M2Q9XH";

async function licence() {
  const number = `ZZ${Date.now()}${randomBytes(3).readUIntBE(0, 3)}`.slice(0, 22);
  return db().licence.create({
    data: {
      typeCode: "LICENCE",
      name: "食品经营许可证",
      number,
      checkCode: CODE,
      holderName: "上海示例餐饮有限公司",
      issuerName: "上海市市场监督管理局",
      issuerCode: "11310000MB0P03221N",
      issuedAt: new Date("2026-01-05"),
    },
  });
}

let address = 0;
/** Each lookup from its own address unless a test says otherwise, so the per-address limit is not what answers. */
const newAddress = () => `198.51.100.${(++address % 250) + 1}`;

describe("verifying an e-licence", () => {
  it("answers the certificate's facts for the right code, and the same 'not found' for a wrong code, an unknown number or a malformed one", async () => {
    const row = await licence();
    expect(await verifyLicence({ number: row.number, code: CODE.toLowerCase() }, { ip: newAddress() })).toMatchObject({
      found: true,
      status: "VALID",
      number: row.number,
      holderName: "上海示例餐饮有限公司",
      issuedAt: "2026-01-05",
    });
    for (const input of [
      { number: row.number, code: "WRONG234" },
      { number: `${row.number}9`, code: CODE },
      { number: row.number, code: "" },
      { number: `${row.number}\u0000`, code: CODE },
      { number: "\u0000", code: "\u0000" },
      { number: "%ff", code: CODE },
      { number: `${row.number}\u202e`, code: CODE },
      { number: row.number, code: `${CODE}\u0000` },
      { number: "Z".repeat(5000), code: CODE },
    ]) {
      expect(await verifyLicence(input, { ip: newAddress() }), JSON.stringify(input).slice(0, 80)).toEqual({
        found: false,
      });
    }
  });

  it("limits lookups per address, whatever licence they ask about", async () => {
    const row = await licence();
    const ip = newAddress();
    for (let index = 0; index < VERIFY_LOOKUPS_PER_MINUTE; index++)
      expect(await verifyLicence({ number: row.number, code: CODE }, { ip })).toMatchObject({ found: true });
    const limited = await verifyLicence({ number: row.number, code: CODE }, { ip }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ code: "THROTTLED", messageKey: "cases.verify.throttled" });
    expect((limited as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(0);
    // Malformed input counts too (it is checked after the address's budget).
    await expect(verifyLicence({ number: "\u0000", code: "" }, { ip })).rejects.toMatchObject({ code: "THROTTLED" });
    // Another address is not affected.
    expect(await verifyLicence({ number: row.number, code: CODE }, { ip: newAddress() })).toMatchObject({
      found: true,
    });
  });

  it("locks a licence once its wrong codes are used up: then the right code is refused exactly like a wrong one", async () => {
    const row = await licence();
    // Right codes do not use up the budget.
    for (let index = 0; index < WRONG_CODES_PER_LICENCE_PER_HOUR + 5; index++) {
      expect(await verifyLicence({ number: row.number, code: CODE }, { ip: newAddress() })).toMatchObject({
        found: true,
        status: "VALID",
      });
    }
    for (let index = 0; index < WRONG_CODES_PER_LICENCE_PER_HOUR; index++) {
      expect(await verifyLicence({ number: row.number, code: `WRONG${index}` }, { ip: newAddress() })).toEqual({
        found: false,
      });
    }
    const refusals = [];
    for (const code of ["WRONG999", CODE, CODE.toLowerCase(), ` ${CODE} `]) {
      refusals.push(
        await verifyLicence({ number: row.number, code }, { ip: newAddress() }).catch((error: unknown) => error),
      );
    }
    expect(refusals.map((refusal) => (refusal as { code?: string }).code)).toEqual([
      "THROTTLED",
      "THROTTLED",
      "THROTTLED",
      "THROTTLED",
    ]);
    // Identical refusals (same message, a wait of about the hour): nothing tells the right code from a wrong one.
    expect(new Set(refusals.map((refusal) => (refusal as { messageKey: string }).messageKey)).size).toBe(1);
    for (const refusal of refusals)
      expect((refusal as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(3500);
    // Another licence is not locked.
    const other = await licence();
    expect(await verifyLicence({ number: other.number, code: CODE }, { ip: newAddress() })).toMatchObject({
      found: true,
    });
  });

  it("never lets concurrent guesses past the licence's budget", async () => {
    const row = await licence();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) =>
        verifyLicence({ number: row.number, code: `GUESS${String(index).padStart(3, "0")}` }, { ip: newAddress() }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(WRONG_CODES_PER_LICENCE_PER_HOUR);
    expect(
      outcomes
        .filter((outcome) => outcome.status === "rejected")
        .every((outcome) => (outcome.reason as { code?: string }).code === "THROTTLED"),
    ).toBe(true);
    await expect(verifyLicence({ number: row.number, code: CODE }, { ip: newAddress() })).rejects.toMatchObject({
      code: "THROTTLED",
    });
  });
});
