import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import {
  checkCard,
  httpCardCheckProvider,
  myIdentityVerifications,
  verifyAtCounter,
} from "../../lib/accounts/identity-verification";
import { actorOf } from "../../lib/auth/actor";
import type { Actor } from "../../lib/auth/policy";
import { db } from "../../lib/db/client";
import { createCardCheckService } from "../support/verification-service";
import { expectAppError } from "../support/errors";
import { randomIdNumber, randomPhone } from "../support/identities";
import { actorFor, colleagueOf } from "./cases-fixtures";

/**
 * 实名核验 (issue 15): a card check through the configured HTTP service raises a person to level 3, a clerk's check at
 * the counter to level 4; levels never go down, card numbers are never stored, and every verification is recorded.
 */

// A card check service speaking the documented contract (tests/support/verification-service.ts); it knows the cards
// registered for 钱核验 in newPerson().
const VALID_BANK_CARD = "6222020200112345679"; // Luhn-valid
const OTHER_BANK_CARD = "4111111111111111"; // Luhn-valid, not the person's
const VALID_SOCIAL_SECURITY = "A12345678";
const TOKEN = "test-card-check-token";
const service = createCardCheckService({ token: TOKEN });
const received = service.requests;
let provider: ReturnType<typeof httpCardCheckProvider>;

beforeAll(async () => {
  await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", resolve));
  provider = httpCardCheckProvider({
    url: `http://127.0.0.1:${(service.server.address() as AddressInfo).port}/check`,
    token: TOKEN,
  });
});
afterAll(() => new Promise<void>((resolve) => service.server.close(() => resolve())));

/** A person as self-registration leaves them: a citizen at level 2 with their ID number and phone. */
async function newPerson(realName = "钱核验"): Promise<{ actor: Actor; idNumber: string }> {
  const idNumber = randomIdNumber();
  const user = await db().user.create({
    data: { role: "CITIZEN", realName, passwordHash: "!test", ...toStored({ idNumber, phone: randomPhone() }) },
  });
  service.addCard({ cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD, name: "钱核验", idNumber });
  service.addCard({ cardType: "SOCIAL_SECURITY_CARD", cardNumber: VALID_SOCIAL_SECURITY, name: "钱核验", idNumber });
  return { actor: await actorOf({ ...user, role: "CITIZEN" }), idNumber };
}

describe("card check (level 3)", () => {
  it("a matching bank card raises the account to 3; the service gets name and ID number; only the last four digits are kept", async () => {
    const { actor, idNumber } = await newPerson();
    const result = await checkCard(
      actor,
      { cardType: "BANK_CARD", cardNumber: "6222 0202 0011 2345 679" },
      { ip: "10.8.0.1", provider },
    );
    expect(result).toEqual({ assuranceLevel: 3 });
    expect(received.at(-1)).toEqual({
      authorization: `Bearer ${TOKEN}`,
      body: { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD, name: "钱核验", idNumber },
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId } });
    expect(user.assuranceLevel).toBe(3);
    const rows = await db().identityVerification.findMany({ where: { userId: actor.userId } });
    expect(rows).toMatchObject([
      { method: "CARD_CHECK", level: 3, detail: { cardType: "BANK_CARD", cardLast4: "5679" }, verifiedById: null },
    ]);
    expect(JSON.stringify(rows)).not.toContain(VALID_BANK_CARD);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { objectId: actor.userId, action: "account.identity.verified" },
    });
    expect(audit.after).toMatchObject({ assuranceLevel: 3, method: "CARD_CHECK", cardLast4: "5679" });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(VALID_BANK_CARD);
    const status = await myIdentityVerifications(actor);
    expect(status).toMatchObject({
      assuranceLevel: 3,
      verifications: [{ method: "CARD_CHECK", level: 3, cardType: "BANK_CARD", cardLast4: "5679" }],
    });
  });

  it("a social security card works the same way", async () => {
    const { actor } = await newPerson();
    expect(
      await checkCard(actor, { cardType: "SOCIAL_SECURITY_CARD", cardNumber: "a12345678" }, { ip: null, provider }),
    ).toEqual({ assuranceLevel: 3 });
  });

  it("a card that does not match is a field error, recorded as refused, and changes nothing", async () => {
    const { actor } = await newPerson();
    const error = await expectAppError(
      checkCard(actor, { cardType: "BANK_CARD", cardNumber: OTHER_BANK_CARD }, { ip: null, provider }),
    );
    expect(error.details.fieldErrors).toEqual({ cardNumber: "account.identity.errors.noMatch" });
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.userId } })).assuranceLevel).toBe(2);
    expect(await db().identityVerification.count({ where: { userId: actor.userId } })).toBe(0);
    expect(
      await db().auditLog.count({ where: { objectId: actor.userId, action: "account.identity.checkRefused" } }),
    ).toBe(1);
  });

  it("malformed numbers are refused before the service is asked", async () => {
    const { actor } = await newPerson();
    const before = received.length;
    for (const [cardType, cardNumber, message] of [
      ["BANK_CARD", "6222020200112345670", "account.identity.errors.bankCardNumber"], // one digit off: Luhn fails
      ["BANK_CARD", "12345", "account.identity.errors.bankCardNumber"],
      ["SOCIAL_SECURITY_CARD", "A1234567", "account.identity.errors.socialSecurityNumber"],
      ["BANK_CARD", "", "errors.required"],
    ] as const) {
      const error = await expectAppError(checkCard(actor, { cardType, cardNumber }, { ip: null, provider }));
      expect(error.details.fieldErrors).toEqual({ cardNumber: message });
    }
    const wrongType = await expectAppError(
      checkCard(actor, { cardType: "PASSPORT", cardNumber: VALID_BANK_CARD }, { ip: null, provider }),
    );
    expect(wrongType.details.fieldErrors).toMatchObject({ cardType: "account.identity.errors.cardType" });
    expect(await expectAppError(checkCard(actor, "nonsense", { ip: null, provider }))).toMatchObject({
      code: "VALIDATION",
    });
    expect(received.length).toBe(before);
  });

  it("without a configured service, or when it cannot answer, the person is told and nothing changes", async () => {
    const { actor } = await newPerson();
    const none = await expectAppError(
      checkCard(actor, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider: null }),
    );
    expect(none).toMatchObject({ code: "UNPROCESSABLE", messageKey: "account.identity.errors.cardCheckUnavailable" });
    service.state.failNext = true;
    const down = await expectAppError(
      checkCard(actor, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider }),
    );
    expect(down).toMatchObject({ code: "UNPROCESSABLE", messageKey: "account.identity.errors.cardCheckFailed" });
    const unreachable = httpCardCheckProvider({ url: "http://127.0.0.1:9/check", timeoutMs: 2000 });
    expect(
      await expectAppError(
        checkCard(actor, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider: unreachable }),
      ),
    ).toMatchObject({
      messageKey: "account.identity.errors.cardCheckFailed",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.userId } })).assuranceLevel).toBe(2);
  });

  it("five checks a day per account, then THROTTLED with a wait", async () => {
    const { actor } = await newPerson("孙限次");
    for (let attempt = 0; attempt < 5; attempt++)
      await expectAppError(
        checkCard(actor, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider }),
      );
    const throttled = await expectAppError(
      checkCard(actor, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider }),
    );
    expect(throttled.code).toBe("THROTTLED");
    expect(throttled.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("a level already higher is kept; staff cannot use the card check", async () => {
    const { actor } = await newPerson();
    await db().user.update({ where: { id: actor.userId }, data: { assuranceLevel: 4 } });
    expect(
      await checkCard(actor, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider }),
    ).toEqual({ assuranceLevel: 4 });
    const clerk = await actorFor({ loginName: "clerk" });
    expect(
      await expectAppError(
        checkCard(clerk, { cardType: "BANK_CARD", cardNumber: VALID_BANK_CARD }, { ip: null, provider }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(await expectAppError(checkCard(null, {}, { ip: null, provider }))).toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});

describe("in person at the counter (level 4)", () => {
  const input = (idNumber: string, extra: Record<string, unknown> = {}) => ({
    realName: "钱核验",
    idNumber,
    identityCheck: "CARD_READER",
    identityConfirmed: true,
    ...extra,
  });

  it("a clerk with the intake duty raises a registered person to 4, recorded with the clerk and department", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const { actor, idNumber } = await newPerson();
    expect(await verifyAtCounter(clerk, input(idNumber), { ip: "10.8.0.2" })).toEqual({
      realName: "钱核验",
      before: 2,
      after: 4,
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.userId } })).assuranceLevel).toBe(4);
    expect(await db().identityVerification.findMany({ where: { userId: actor.userId } })).toMatchObject([
      {
        method: "COUNTER",
        level: 4,
        detail: { identityCheck: "CARD_READER" },
        verifiedById: clerk.userId,
        departmentId: clerk.departmentId,
      },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { objectId: actor.userId, action: "account.identity.verified" },
    });
    expect(audit).toMatchObject({
      actorId: clerk.userId,
      before: { assuranceLevel: 2 },
      after: { assuranceLevel: 4, method: "COUNTER" },
    });
    const status = await myIdentityVerifications(
      await actorOf({ ...(await db().user.findUniqueOrThrow({ where: { id: actor.userId } })), role: "CITIZEN" }),
    );
    expect(status.verifications[0]).toMatchObject({
      method: "COUNTER",
      level: 4,
      department: { name: expect.any(String) },
    });
    // Again: still 4, and recorded.
    expect(await verifyAtCounter(clerk, input(idNumber, { identityCheck: "ORIGINAL_DOCUMENT" }), { ip: null })).toEqual(
      { realName: "钱核验", before: 4, after: 4 },
    );
    expect(await db().identityVerification.count({ where: { userId: actor.userId } })).toBe(2);
  });

  it("refuses a wrong name, an unknown ID number, a staff account, a missing confirmation, and changes nothing", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const { actor, idNumber } = await newPerson();
    expect(
      (await expectAppError(verifyAtCounter(clerk, input(idNumber, { realName: "钱别人" }), { ip: null }))).details
        .fieldErrors,
    ).toEqual({ realName: "cases.counter.errors.nameMismatch" });
    expect(
      (await expectAppError(verifyAtCounter(clerk, input(randomIdNumber()), { ip: null }))).details.fieldErrors,
    ).toEqual({ idNumber: "account.identity.errors.noAccount" });
    expect(
      (await expectAppError(verifyAtCounter(clerk, input(idNumber, { identityConfirmed: false }), { ip: null })))
        .details.fieldErrors,
    ).toEqual({
      identityConfirmed: "cases.counter.errors.identityConfirmed",
    });
    expect(
      (await expectAppError(verifyAtCounter(clerk, input("110101199003071234"), { ip: null }))).details.fieldErrors,
    ).toHaveProperty("idNumber");
    const staffId = randomIdNumber();
    await db().user.create({
      data: {
        role: "CLERK",
        realName: "钱核验",
        loginName: `staff-${staffId}`,
        passwordHash: "!test",
        departmentId: clerk.departmentId,
        ...toStored({ idNumber: staffId }),
      },
    });
    expect((await expectAppError(verifyAtCounter(clerk, input(staffId), { ip: null }))).details.fieldErrors).toEqual({
      idNumber: "cases.counter.errors.notACitizen",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.userId } })).assuranceLevel).toBe(2);
    expect(await db().identityVerification.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it("only staff holding the intake duty may verify", async () => {
    const clerk = await actorFor({ loginName: "clerk" });
    const { actor, idNumber } = await newPerson();
    const reviewer = await colleagueOf(clerk, "周复核", ["REVIEW"]);
    expect(await expectAppError(verifyAtCounter(reviewer, input(idNumber), { ip: null }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await expectAppError(verifyAtCounter(actor, input(idNumber), { ip: null }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(
      await expectAppError(verifyAtCounter(await actorFor({ loginName: "supervisor" }), input(idNumber), { ip: null })),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(await expectAppError(verifyAtCounter(null, input(idNumber), { ip: null }))).toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});
