import { describe, expect, it } from "vitest";
import { changePassword, resetPassword, WRONG_CURRENT_PASSWORDS } from "../../lib/accounts/passwords";
import { requestPhoneCode } from "../../lib/accounts/phone-codes";
import { actorOf } from "../../lib/auth/actor";
import { authenticate } from "../../lib/auth/authenticate";
import { db } from "../../lib/db/client";
import { DEMO_PASSWORD } from "../../prisma/seed/seed";
import { randomIdNumber, randomPhone } from "../support/identities";
import { expectAppError } from "../support/errors";
import { registerWithCode, SmsInbox, testAddress } from "../support/registration";

/** 找回密码 and 修改密码 (issue 18, point 6): SMS code or current password, sessions ended, audited, throttled. */

const PASSWORD = "Secret12345";
const NEW_PASSWORD = "Renewed67890x";

async function citizen() {
  const phone = randomPhone();
  const { userId } = await registerWithCode({
    accountType: "citizen",
    realName: "周敏",
    idNumber: randomIdNumber(),
    phone,
    password: PASSWORD,
    confirmPassword: PASSWORD,
  });
  return { phone, userId, actor: async () => actorOf(await db().user.findUniqueOrThrow({ where: { id: userId } })) };
}

async function resetCode(phone: string, inbox = new SmsInbox()) {
  await requestPhoneCode({ phone }, { purpose: "resetPassword", ip: testAddress(), sms: inbox });
  return inbox.lastTo(phone);
}

const signIn = (username: string, password: string) =>
  authenticate({ input: { username, password }, ip: testAddress() });

describe("找回密码 by SMS code", () => {
  it("sends a code only to an applicant's number, sets the new password, ends every session, and audits it", async () => {
    const person = await citizen();
    const sent = await resetCode(person.phone);
    expect(sent).toMatchObject({ template: "identity.resetCode" });
    expect(sent?.text).toContain("找回密码");

    const versionBefore = (await db().user.findUniqueOrThrow({ where: { id: person.userId } })).sessionVersion;
    const input = {
      phone: person.phone,
      smsCode: sent!.params.code,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    };
    // Bad input keeps the code usable: a mismatch, a common password, a wrong code.
    expect(
      (await expectAppError(resetPassword({ input: { ...input, confirmPassword: "Other12345x" }, ip: testAddress() })))
        .details.fieldErrors,
    ).toEqual({ confirmPassword: "errors.password.mismatch" });
    expect(
      (
        await expectAppError(
          resetPassword({
            input: { ...input, password: "Password123", confirmPassword: "Password123" },
            ip: testAddress(),
          }),
        )
      ).details.fieldErrors,
    ).toEqual({ password: "errors.password.common" });
    const wrong = String((Number(input.smsCode) + 1) % 1_000_000).padStart(6, "0");
    expect(
      (await expectAppError(resetPassword({ input: { ...input, smsCode: wrong }, ip: testAddress() }))).details
        .fieldErrors,
    ).toEqual({ smsCode: "identity.errors.codeWrong" });

    await resetPassword({ input, ip: "10.18.6.1" });
    const after = await db().user.findUniqueOrThrow({ where: { id: person.userId } });
    expect(after.sessionVersion).toBe(versionBefore + 1);
    await expect(signIn(person.phone, NEW_PASSWORD)).resolves.toMatchObject({ id: person.userId });
    expect((await expectAppError(signIn(person.phone, PASSWORD))).code).toBe("UNAUTHENTICATED");
    expect(
      await db().auditLog.count({
        where: { action: "account.passwordReset", objectId: person.userId, ip: "10.18.6.1" },
      }),
    ).toBe(1);
    // The code was used once.
    expect(
      (
        await expectAppError(
          resetPassword({
            input: { ...input, password: "Third45678x", confirmPassword: "Third45678x" },
            ip: testAddress(),
          }),
        )
      ).details.fieldErrors,
    ).toEqual({ smsCode: "identity.errors.codeExpired" });
  });

  it("sends no code to a number without an account, and says the same to the asker", async () => {
    const nobody = randomPhone();
    const inbox = new SmsInbox();
    await expect(
      requestPhoneCode({ phone: nobody }, { purpose: "resetPassword", ip: testAddress(), sms: inbox }),
    ).resolves.toEqual({ resendAfterSeconds: 60 });
    expect(inbox.lastTo(nobody)?.template).toBe("identity.noReset");
    expect(
      (
        await expectAppError(
          resetPassword({
            input: { phone: nobody, smsCode: "123456", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
            ip: testAddress(),
          }),
        )
      ).details.fieldErrors,
    ).toEqual({
      smsCode: "identity.errors.codeExpired",
    });
  });
});

describe("修改密码 with the current password", () => {
  it("changes it, ends every session, refuses a wrong current password or an unchanged one, and throttles guesses", async () => {
    const person = await citizen();
    const actor = await person.actor();
    expect(
      (
        await expectAppError(
          changePassword(actor, {
            input: { currentPassword: PASSWORD, password: PASSWORD, confirmPassword: PASSWORD },
            ip: null,
          }),
        )
      ).details.fieldErrors,
    ).toEqual({
      password: "errors.password.unchanged",
    });
    expect(
      (
        await expectAppError(
          changePassword(actor, {
            input: { currentPassword: "Wrong123456", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
            ip: null,
          }),
        )
      ).details.fieldErrors,
    ).toEqual({
      currentPassword: "identity.errors.currentPasswordWrong",
    });
    await changePassword(actor, {
      input: { currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      ip: "10.18.6.2",
    });
    await expect(signIn(person.phone, NEW_PASSWORD)).resolves.toMatchObject({ id: person.userId });
    expect(
      await db().auditLog.count({
        where: { action: "account.passwordChange", objectId: person.userId, ip: "10.18.6.2" },
      }),
    ).toBe(1);

    // Guessing the current password from a stolen session stops after WRONG_CURRENT_PASSWORDS tries, right one included.
    const guesses = await Promise.allSettled(
      Array.from({ length: WRONG_CURRENT_PASSWORDS + 2 }, (_, index) =>
        changePassword(actor, {
          input: { currentPassword: `Guess${index}12345`, password: "Another12345y", confirmPassword: "Another12345y" },
          ip: null,
        }),
      ),
    );
    const codes = guesses.map((guess) =>
      guess.status === "rejected" ? (guess.reason as { code?: string }).code : "ok",
    );
    expect(codes.filter((code) => code === "THROTTLED").length).toBeGreaterThanOrEqual(2);
    expect(
      (
        await expectAppError(
          changePassword(actor, {
            input: { currentPassword: NEW_PASSWORD, password: "Another12345y", confirmPassword: "Another12345y" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("THROTTLED");
  });

  it("is not for staff, whose passwords their administrators reset", async () => {
    const clerk = actorOf(await db().user.findFirstOrThrow({ where: { loginName: "clerk" } }));
    expect(
      (
        await expectAppError(
          changePassword(await clerk, {
            input: { currentPassword: DEMO_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
            ip: null,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
