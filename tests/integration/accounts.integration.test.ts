import { describe, expect, it } from "vitest";
import { fromStored } from "../../lib/accounts/identity-fields";
import { CODES_PER_ADDRESS_PER_HOUR, requestPhoneCode } from "../../lib/accounts/phone-codes";
import { registerAccount, REGISTRATIONS_PER_ADDRESS_PER_HOUR } from "../../lib/accounts/register";
import { verifyAuditChain } from "../../lib/audit/audit";
import { wherePhone } from "../../lib/accounts/identity-fields";
import { actorOf } from "../../lib/auth/actor";
import { authenticate } from "../../lib/auth/authenticate";
import { FIRST_DELAY_SECONDS } from "../../lib/auth/throttle";
import { db } from "../../lib/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed/seed";
import { randomIdNumber, randomPhone, withWrongCheckChar } from "../support/identities";
import { totpForStep } from "../support/totp";
import { expectAppError } from "../support/errors";
import { registerWithCode, registrationCode, SmsInbox, testAddress } from "../support/registration";

const PASSWORD = "Secret12345";

function citizenInput(overrides: Record<string, string> = {}) {
  return {
    accountType: "citizen",
    realName: "张伟",
    idNumber: randomIdNumber(),
    phone: randomPhone(),
    password: PASSWORD,
    confirmPassword: PASSWORD,
    ...overrides,
  };
}

describe("registration", () => {
  it("registers a citizen at assurance level 2 with a hashed password and an audit entry", async () => {
    const input = citizenInput();
    const { userId } = await registerWithCode(input, "10.1.1.1");
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } });
    expect(user).toMatchObject({ role: "CITIZEN", realName: "张伟", assuranceLevel: 2 });
    expect(fromStored(user)).toEqual({ idNumber: input.idNumber, phone: input.phone });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await db().auditLog.findFirst({ where: { objectId: userId, action: "account.register" } });
    expect(audit?.ip).toBe("10.1.1.1");
    expect(JSON.stringify([audit?.before, audit?.after])).not.toContain(PASSWORD);
  });

  it("never binds a company agent to a company by its (public) credit code", async () => {
    const demoCompany = await db().company.findUniqueOrThrow({
      where: { creditCode: DEMO_ACCOUNTS.company.creditCode },
    });
    const input = {
      ...citizenInput({ accountType: "company" }),
      companyName: "冒名公司",
      creditCode: demoCompany.creditCode,
    };
    const { userId } = await registerWithCode(input);
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.role).toBe("COMPANY_AGENT");
    expect(await actorOf(user)).toMatchObject({ companyId: null, companyItemIds: null, companyMayAuthorise: false });
    expect(await db().companyAuthorisation.count({ where: { userId } })).toBe(0);
    expect(await db().company.count({ where: { name: "冒名公司" } })).toBe(0);
  });

  it("reports each invalid field with its own message key", async () => {
    const error = await expectAppError(
      registerAccount({
        input: citizenInput({
          idNumber: withWrongCheckChar(randomIdNumber()),
          phone: "12345",
          confirmPassword: "Other12345",
          realName: "",
          smsCode: "12ab",
        }),
        ip: testAddress(),
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.details.fieldErrors).toEqual({
      idNumber: "errors.idNumber.checksum",
      phone: "errors.phone.format",
      confirmPassword: "errors.password.mismatch",
      realName: "errors.required",
      smsCode: "identity.errors.codeFormat",
    });
  });

  it("needs at least 10 characters and refuses common passwords", async () => {
    const short = await expectAppError(
      registerAccount({
        input: citizenInput({ password: "Abc123456", confirmPassword: "Abc123456" }),
        ip: testAddress(),
      }),
    );
    expect(short.details.fieldErrors).toMatchObject({ password: "errors.password.tooShort" });
    for (const common of ["password123", "Qwerty123456", "woaini1314", "1qaz2wsx3edc"]) {
      const error = await expectAppError(registerWithCode(citizenInput({ password: common, confirmPassword: common })));
      expect(error.details.fieldErrors).toEqual({ password: "errors.password.common" });
    }
  });

  it("refuses oversized fields without touching the database", async () => {
    const before = await db().user.count();
    const error = await expectAppError(
      registerAccount({
        input: citizenInput({ realName: "张".repeat(500), password: "a1".repeat(200) }),
        ip: testAddress(),
      }),
    );
    expect(error.details.fieldErrors).toMatchObject({ realName: "errors.tooLong", password: "errors.tooLong" });
    expect(await db().user.count()).toBe(before);
  });

  it("answers a taken ID number or phone generically, without naming the field", async () => {
    const first = citizenInput();
    await registerWithCode(first);
    const sameId = await expectAppError(registerWithCode(citizenInput({ idNumber: first.idNumber.toLowerCase() })));
    expect([sameId.code, sameId.messageKey, sameId.details.fieldErrors]).toEqual([
      "CONFLICT",
      "identity.errors.cannotRegister",
      undefined,
    ]);
    // A taken phone gets no code at all: its holder is told by SMS instead, and the form's answer is the same.
    const inbox = new SmsInbox();
    const taken = DEMO_ACCOUNTS.citizen.phone;
    const answer = await requestPhoneCode({ phone: taken }, { purpose: "register", ip: testAddress(), sms: inbox });
    const fresh = randomPhone();
    expect(await requestPhoneCode({ phone: fresh }, { purpose: "register", ip: testAddress(), sms: inbox })).toEqual(
      answer,
    );
    expect(inbox.lastTo(taken)).toMatchObject({ template: "identity.accountExists", params: {} });
    expect(inbox.lastTo(taken)?.text).not.toMatch(/\d{6}/);
    expect(inbox.lastTo(fresh)).toMatchObject({ template: "identity.code" });
    const samePhone = await expectAppError(
      registerAccount({ input: citizenInput({ phone: taken, smsCode: "123456" }), ip: testAddress() }),
    );
    expect(samePhone.details.fieldErrors).toEqual({ smsCode: "identity.errors.codeExpired" });
  });
});

describe("SMS codes", () => {
  it("are used once, expire, and allow five tries, counted even when registration then fails", async () => {
    const input = citizenInput();
    const code = await registrationCode(input.phone);
    const wrong = code === "000000" ? "000001" : "000000";
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(
        (await expectAppError(registerAccount({ input: { ...input, smsCode: wrong }, ip: testAddress() }))).details
          .fieldErrors,
      ).toEqual({ smsCode: "identity.errors.codeWrong" });
    }
    // The fifth try, right code but a failing registration (taken ID number): the try stays counted.
    const other = citizenInput();
    await registerWithCode(other);
    await expectAppError(
      registerAccount({ input: { ...input, idNumber: other.idNumber, smsCode: code }, ip: testAddress() }),
    );
    expect(
      (await expectAppError(registerAccount({ input: { ...input, smsCode: code }, ip: testAddress() }))).details
        .fieldErrors,
    ).toEqual({ smsCode: "identity.errors.codeExpired" });

    // A new code works once; the same code a second time does not.
    const second = citizenInput();
    const secondCode = await registrationCode(second.phone);
    await registerAccount({ input: { ...second, smsCode: secondCode }, ip: testAddress() });
    const reuse = await expectAppError(
      registerAccount({ input: { ...citizenInput({ phone: second.phone }), smsCode: secondCode }, ip: testAddress() }),
    );
    expect(reuse.details.fieldErrors).toEqual({ smsCode: "identity.errors.codeExpired" });

    // An expired code is refused.
    const late = citizenInput();
    const lateCode = await registrationCode(late.phone);
    await db().phoneCode.updateMany({
      where: { phoneHash: wherePhone(late.phone).phoneHash },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await expectAppError(registerAccount({ input: { ...late, smsCode: lateCode }, ip: testAddress() }))).details
        .fieldErrors,
    ).toEqual({ smsCode: "identity.errors.codeExpired" });
  });

  it("never lets concurrent tries past five", async () => {
    const input = citizenInput();
    const code = await registrationCode(input.phone);
    const wrongCodes = Array.from({ length: 30 }, (_, index) =>
      String((Number(code) + index + 1) % 1_000_000).padStart(6, "0"),
    );
    const outcomes = await Promise.all(
      wrongCodes.map((smsCode) => expectAppError(registerAccount({ input: { ...input, smsCode }, ip: testAddress() }))),
    );
    expect(outcomes.filter((error) => error.details.fieldErrors?.smsCode === "identity.errors.codeWrong")).toHaveLength(
      5,
    );
    expect(
      (await expectAppError(registerAccount({ input: { ...input, smsCode: code }, ip: testAddress() }))).details
        .fieldErrors,
    ).toEqual({ smsCode: "identity.errors.codeExpired" });
  });

  it("are limited per number, per address, and keep only hashes", async () => {
    const phone = randomPhone();
    const inbox = new SmsInbox();
    await requestPhoneCode({ phone }, { purpose: "register", ip: testAddress(), sms: inbox });
    const again = await expectAppError(
      requestPhoneCode({ phone }, { purpose: "register", ip: testAddress(), sms: inbox }),
    );
    expect([again.code, again.messageKey]).toEqual(["THROTTLED", "identity.errors.codeThrottled"]);
    expect(again.details.retryAfterSeconds).toBeGreaterThan(50);
    const address = testAddress();
    for (let index = 0; index < CODES_PER_ADDRESS_PER_HOUR; index++)
      await requestPhoneCode({ phone: randomPhone() }, { purpose: "register", ip: address, sms: inbox });
    expect(
      (
        await expectAppError(
          requestPhoneCode({ phone: randomPhone() }, { purpose: "register", ip: address, sms: inbox }),
        )
      ).code,
    ).toBe("THROTTLED");
    const stored = JSON.stringify(await db().phoneCode.findMany());
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(inbox.lastTo(phone)?.params.code);
    expect(
      (
        await expectAppError(
          requestPhoneCode({ phone: "12345" }, { purpose: "register", ip: testAddress(), sms: inbox }),
        )
      ).details.fieldErrors,
    ).toEqual({ phone: "errors.phone.format" });
  });

  it("limits registrations per address", async () => {
    const address = testAddress();
    for (let index = 0; index < REGISTRATIONS_PER_ADDRESS_PER_HOUR; index++)
      await registerWithCode(citizenInput(), address);
    const limited = await expectAppError(registerWithCode(citizenInput(), address));
    expect([limited.code, limited.messageKey]).toEqual(["THROTTLED", "identity.errors.registerThrottled"]);
  });
});

/**
 * The demo clerk's sign-in: password and a fresh authenticator code (each step is accepted once), at the moment of
 * that step (authenticate's `now`), so several sign-ins in one file never reuse one.
 */
let clerkStep = Math.floor(Date.now() / 30_000);
async function clerkSignIn(ip: string) {
  clerkStep += 1;
  return authenticate({
    input: { username: DEMO_ACCOUNTS.clerk.loginName, password: DEMO_PASSWORD, otp: await totpForStep(clerkStep) },
    ip,
    now: new Date(clerkStep * 30_000),
  });
}

describe("sign-in", () => {
  it("accepts the phone number, the ID number (any case) and staff login names", async () => {
    const input = citizenInput();
    const { userId } = await registerWithCode(input);
    expect((await authenticate({ input: { username: input.phone, password: PASSWORD }, ip: "10.2.0.1" })).id).toBe(
      userId,
    );
    expect(
      (await authenticate({ input: { username: input.idNumber.toLowerCase(), password: PASSWORD }, ip: "10.2.0.1" }))
        .id,
    ).toBe(userId);
    const clerk = await clerkSignIn("10.2.0.1");
    expect(clerk.role).toBe("CLERK");
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const unknown = await expectAppError(
      authenticate({ input: { username: randomPhone(), password: "Whatever1" }, ip: "10.3.0.1" }),
    );
    const wrong = await expectAppError(
      authenticate({ input: { username: DEMO_ACCOUNTS.citizen.phone, password: "Wrong12345" }, ip: "10.3.0.1" }),
    );
    expect([unknown.code, unknown.messageKey]).toEqual(["UNAUTHENTICATED", "auth.invalidCredentials"]);
    expect([wrong.code, wrong.messageKey]).toEqual(["UNAUTHENTICATED", "auth.invalidCredentials"]);
  });

  it("throttles an account after five failures, even with the right password, and says how long", async () => {
    const input = citizenInput();
    await registerWithCode(input);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectAppError(
        authenticate({ input: { username: input.phone, password: "Wrong12345" }, ip: `10.4.0.${attempt}` }),
      );
    }
    const blocked = await expectAppError(
      authenticate({ input: { username: input.phone, password: PASSWORD }, ip: "10.4.1.1" }),
    );
    expect(blocked.code).toBe("THROTTLED");
    expect(blocked.messageKey).toBe("auth.throttledAccount");
    expect(blocked.details.retryAfterSeconds).toBeGreaterThan(50);
    expect(blocked.details.retryAfterSeconds).toBeLessThanOrEqual(FIRST_DELAY_SECONDS);
  });

  it("counts every identifier of one account against one budget", async () => {
    const input = citizenInput();
    await registerWithCode(input);
    const identifiers = [input.phone, input.idNumber, input.phone, input.idNumber.toLowerCase(), input.phone];
    for (const [index, username] of identifiers.entries()) {
      await expectAppError(authenticate({ input: { username, password: "Wrong12345" }, ip: `10.4.2.${index}` }));
    }
    for (const username of [input.idNumber, input.phone]) {
      expect(
        (await expectAppError(authenticate({ input: { username, password: PASSWORD }, ip: "10.4.2.99" }))).messageKey,
      ).toBe("auth.throttledAccount");
    }
  });

  it("never lets 50 concurrent guesses past the budget", async () => {
    const input = citizenInput();
    await registerWithCode(input);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        expectAppError(
          authenticate({ input: { username: input.phone, password: `Wrong${index}xyz` }, ip: `10.4.3.${index}` }),
        ),
      ),
    );
    expect(outcomes.filter((error) => error.code === "UNAUTHENTICATED")).toHaveLength(5);
    expect(outcomes.filter((error) => error.code === "THROTTLED")).toHaveLength(45);
    // Nothing was counted that was not a real guess: the history holds exactly the five.
    const user = await db().user.findFirstOrThrow({ where: wherePhone(input.phone) });
    expect(await db().loginAttempt.count({ where: { accountKey: `user:${user.id}` } })).toBe(5);
  });

  it("slows further guesses progressively instead of locking the account", async () => {
    const input = citizenInput();
    const { userId } = await registerWithCode(input);
    const guess = (ip: string, password = "Wrong12345") =>
      expectAppError(authenticate({ input: { username: input.phone, password }, ip }));
    for (let attempt = 0; attempt < 5; attempt++) await guess(`10.4.4.${attempt}`);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const blocked = await guess("10.4.4.50");
      expect(blocked.code).toBe("THROTTLED");
      waits.push(blocked.details.retryAfterSeconds as number);
      // The wait passes (the clock moves on, here by moving the last failure back)…
      await db()
        .$executeRaw`UPDATE login_throttle SET last_failure_at = last_failure_at - make_interval(secs => ${(waits[round] ?? 0) + 1}) WHERE key = ${`user:${userId}`}`;
      // … and one more guess is allowed, then the next wait is twice as long.
      expect((await guess("10.4.4.51")).code).toBe("UNAUTHENTICATED");
    }
    expect(waits.map((seconds) => Math.round(seconds / FIRST_DELAY_SECONDS))).toEqual([1, 2, 4, 8]);
    // After the last wait the right password works.
    await db()
      .$executeRaw`UPDATE login_throttle SET last_failure_at = now() - interval '15 minutes' WHERE key = ${`user:${userId}`}`;
    expect((await authenticate({ input: { username: input.phone, password: PASSWORD }, ip: "10.4.4.52" })).id).toBe(
      userId,
    );
  });

  it("keeps the owner's own address signing in while a stranger guesses at the account, staff included", async () => {
    const citizen = citizenInput();
    await registerWithCode(citizen);
    // Each account with its own complete sign-in: the clerk's includes a fresh authenticator code.
    const accounts = [
      {
        username: DEMO_ACCOUNTS.clerk.loginName,
        role: "CLERK",
        office: "10.4.5.1",
        signIn: (ip: string) => clerkSignIn(ip),
      },
      {
        username: citizen.phone,
        role: "CITIZEN",
        office: "10.4.5.2",
        signIn: (ip: string) => authenticate({ input: { username: citizen.phone, password: citizen.password }, ip }),
      },
    ];
    for (const { username, role, office, signIn } of accounts) {
      expect((await signIn(office)).role).toBe(role);
      for (let attempt = 0; attempt < 12; attempt++) {
        await expectAppError(authenticate({ input: { username, password: "Wrong12345" }, ip: `10.4.6.${attempt}` }));
      }
      expect((await expectAppError(signIn("10.4.7.1"))).code).toBe("THROTTLED");
      expect((await signIn(office)).role).toBe(role);
    }
  });

  it("throttles an IP address after twenty failures across accounts", async () => {
    const ip = "10.5.0.1";
    for (let attempt = 0; attempt < 20; attempt++) {
      await expectAppError(authenticate({ input: { username: randomPhone(), password: "Wrong12345" }, ip }));
    }
    const blocked = await expectAppError(
      authenticate({ input: { username: DEMO_ACCOUNTS.citizen.phone, password: DEMO_PASSWORD }, ip }),
    );
    expect([blocked.code, blocked.messageKey]).toEqual(["THROTTLED", "auth.throttledIp"]);
    // Another address is not affected.
    expect(
      (
        await authenticate({
          input: { username: DEMO_ACCOUNTS.citizen.phone, password: DEMO_PASSWORD },
          ip: "10.5.0.2",
        })
      ).role,
    ).toBe("CITIZEN");
  });

  it("refuses disabled accounts", async () => {
    const input = citizenInput();
    const { userId } = await registerWithCode(input);
    await db().user.update({ where: { id: userId }, data: { status: "DISABLED" } });
    const error = await expectAppError(
      authenticate({ input: { username: input.phone, password: PASSWORD }, ip: "10.6.0.1" }),
    );
    expect(error.code).toBe("UNAUTHENTICATED");
  });

  it("keeps the audit chain intact through all of the above", async () => {
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: true });
    expect(result.checked).toBeGreaterThan(1);
  });
});
