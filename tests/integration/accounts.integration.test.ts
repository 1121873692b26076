import { describe, expect, it } from "vitest";
import { fromStored } from "../../lib/accounts/identity-fields";
import { registerAccount } from "../../lib/accounts/register";
import { verifyAuditChain } from "../../lib/audit/audit";
import { authenticate } from "../../lib/auth/authenticate";
import { db } from "../../lib/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed/seed";
import { randomCreditCode, randomIdNumber, randomPhone, withWrongCheckChar } from "../support/identities";
import { expectAppError } from "../support/errors";

function citizenInput(overrides: Record<string, string> = {}) {
  return {
    accountType: "citizen",
    realName: "张伟",
    idNumber: randomIdNumber(),
    phone: randomPhone(),
    password: "Secret123",
    confirmPassword: "Secret123",
    ...overrides,
  };
}


describe("registration", () => {
  it("registers a citizen at assurance level 2 with a hashed password and an audit entry", async () => {
    const input = citizenInput();
    const { userId } = await registerAccount({ input, ip: "10.1.1.1" });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } });
    expect(user).toMatchObject({ role: "CITIZEN", realName: "张伟", assuranceLevel: 2 });
    expect(fromStored(user)).toEqual({ idNumber: input.idNumber, phone: input.phone });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await db().auditLog.findFirst({ where: { objectId: userId, action: "account.register" } });
    expect(audit?.ip).toBe("10.1.1.1");
    expect(JSON.stringify([audit?.before, audit?.after])).not.toContain("Secret123");
  });

  it("registers a company agent together with the company", async () => {
    const creditCode = randomCreditCode();
    const { userId } = await registerAccount({
      input: citizenInput({ accountType: "company", companyName: "广安市测试贸易有限公司", creditCode: creditCode.toLowerCase() }),
      ip: null,
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { company: true } });
    expect(user.role).toBe("COMPANY_AGENT");
    expect(user.company?.creditCode).toBe(creditCode);
  });

  it("reports each invalid field with its own message key", async () => {
    const error = await expectAppError(
      registerAccount({
        input: citizenInput({ idNumber: withWrongCheckChar(randomIdNumber()), phone: "12345", confirmPassword: "Other1234", realName: "" }),
        ip: null,
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.details.fieldErrors).toEqual({
      idNumber: "errors.idNumber.checksum",
      phone: "errors.phone.format",
      confirmPassword: "errors.password.mismatch",
      realName: "errors.required",
    });
  });

  it("checks the credit code of company agents", async () => {
    const error = await expectAppError(
      registerAccount({ input: citizenInput({ accountType: "company", companyName: "某公司", creditCode: withWrongCheckChar(randomCreditCode()) }), ip: null }),
    );
    expect(error.details.fieldErrors).toEqual({ creditCode: "errors.creditCode.checksum" });
  });

  it("refuses oversized fields without touching the database", async () => {
    const before = await db().user.count();
    const error = await expectAppError(registerAccount({ input: citizenInput({ realName: "张".repeat(500), password: "a1".repeat(200) }), ip: null }));
    expect(error.details.fieldErrors).toMatchObject({ realName: "errors.tooLong", password: "errors.tooLong" });
    expect(await db().user.count()).toBe(before);
  });

  it("refuses a duplicate ID number or phone with a conflict", async () => {
    const first = citizenInput();
    await registerAccount({ input: first, ip: null });
    const sameId = await expectAppError(registerAccount({ input: citizenInput({ idNumber: first.idNumber }), ip: null }));
    expect(sameId.code).toBe("CONFLICT");
    expect(sameId.details.fieldErrors).toEqual({ idNumber: "errors.idNumber.taken" });
    const samePhone = await expectAppError(registerAccount({ input: citizenInput({ phone: first.phone }), ip: null }));
    expect(samePhone.details.fieldErrors).toEqual({ phone: "errors.phone.taken" });
  });
});

describe("sign-in", () => {
  it("accepts the phone number, the ID number (any case) and staff login names", async () => {
    const input = citizenInput();
    const { userId } = await registerAccount({ input, ip: null });
    expect((await authenticate({ input: { username: input.phone, password: "Secret123" }, ip: "10.2.0.1" })).id).toBe(userId);
    expect((await authenticate({ input: { username: input.idNumber.toLowerCase(), password: "Secret123" }, ip: "10.2.0.1" })).id).toBe(userId);
    const clerk = await authenticate({ input: { username: DEMO_ACCOUNTS.clerk.loginName, password: DEMO_PASSWORD }, ip: "10.2.0.1" });
    expect(clerk.role).toBe("CLERK");
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const unknown = await expectAppError(authenticate({ input: { username: randomPhone(), password: "Whatever1" }, ip: "10.3.0.1" }));
    const wrong = await expectAppError(authenticate({ input: { username: DEMO_ACCOUNTS.citizen.phone, password: "Wrong12345" }, ip: "10.3.0.1" }));
    expect([unknown.code, unknown.messageKey]).toEqual(["UNAUTHENTICATED", "auth.invalidCredentials"]);
    expect([wrong.code, wrong.messageKey]).toEqual(["UNAUTHENTICATED", "auth.invalidCredentials"]);
  });

  it("throttles an account after five failures, even with the right password, and says how long", async () => {
    const input = citizenInput();
    await registerAccount({ input, ip: null });
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectAppError(authenticate({ input: { username: input.phone, password: "Wrong12345" }, ip: `10.4.0.${attempt}` }));
    }
    const blocked = await expectAppError(authenticate({ input: { username: input.phone, password: "Secret123" }, ip: "10.4.1.1" }));
    expect(blocked.code).toBe("THROTTLED");
    expect(blocked.messageKey).toBe("auth.throttledAccount");
    expect(blocked.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("throttles an IP address after twenty failures across accounts", async () => {
    const ip = "10.5.0.1";
    for (let attempt = 0; attempt < 20; attempt++) {
      await expectAppError(authenticate({ input: { username: randomPhone(), password: "Wrong12345" }, ip }));
    }
    const blocked = await expectAppError(authenticate({ input: { username: DEMO_ACCOUNTS.citizen.phone, password: DEMO_PASSWORD }, ip }));
    expect([blocked.code, blocked.messageKey]).toEqual(["THROTTLED", "auth.throttledIp"]);
    // Another address is not affected.
    expect((await authenticate({ input: { username: DEMO_ACCOUNTS.citizen.phone, password: DEMO_PASSWORD }, ip: "10.5.0.2" })).role).toBe("CITIZEN");
  });

  it("refuses disabled accounts", async () => {
    const input = citizenInput();
    const { userId } = await registerAccount({ input, ip: null });
    await db().user.update({ where: { id: userId }, data: { status: "DISABLED" } });
    const error = await expectAppError(authenticate({ input: { username: input.phone, password: "Secret123" }, ip: "10.6.0.1" }));
    expect(error.code).toBe("UNAUTHENTICATED");
  });

  it("keeps the audit chain intact through all of the above", async () => {
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: true });
    expect(result.checked).toBeGreaterThan(1);
  });
});
