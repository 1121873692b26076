import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { issueTokens, actorFromAccessToken, refreshTokens } from "../../lib/api/tokens";
import { authenticate } from "../../lib/auth/authenticate";
import { assertRecentSecondFactor, STEP_UP_MINUTES } from "../../lib/auth/policy";
import {
  beginTotpEnrolment,
  checkSecondFactor,
  confirmSessionSecondFactor,
  confirmTotpEnrolment,
  renewRecoveryCodes,
  secondFactorStatus,
} from "../../lib/auth/second-factor";
import { liveSessionUser } from "../../lib/auth/session-check";
import { startSession } from "../../lib/auth/user-sessions";
import { db } from "../../lib/db/client";
import { createStaff, resetStaffSecondFactor, resetStaffPassword, updateStaff } from "../../lib/reference/staff";
import { DEMO_PASSWORD } from "../../prisma/seed/seed";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";
import { totpForStep } from "../support/totp";

/**
 * The staff second factor (issue 15, lib/auth/second-factor.ts): TOTP at sign-in, each code once, enrolment with
 * recovery codes, step-up for sensitive actions after 15 minutes, the API's tokens, and an administrator's reset.
 */

const STEP = 30_000;
const stepOf = (at: Date) => Math.floor(at.getTime() / STEP);
let addressCounter = 0;
const address = () => `10.77.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

/** A new clerk created by the platform administrator, with the demo password, no second factor yet. */
async function newClerk(loginName: string) {
  const admin = await actorFor("admin");
  const department = await db().department.findFirstOrThrow({ where: { parentId: null }, orderBy: { code: "asc" } });
  await createStaff({
    actor: admin,
    input: {
      loginName,
      realName: "新同事",
      role: "CLERK",
      departmentId: department.id,
      password: DEMO_PASSWORD,
      confirmPassword: DEMO_PASSWORD,
    },
    ip: null,
  });
  return db().user.findUniqueOrThrow({ where: { loginName } });
}

/** Signs the clerk in with the password (no factor yet) and enrols the authenticator: the secret and the codes. */
async function enrol(userId: string, at: Date) {
  const { secret } = await beginTotpEnrolment(userId);
  const sessionId = await startSession(userId, "10.77.200.1");
  const codes = await confirmTotpEnrolment({
    userId,
    sessionId,
    code: await generate({ secret, epoch: Math.floor(at.getTime() / 1000) }),
    ip: null,
    now: at,
  });
  return { secret, sessionId, codes };
}

describe("staff sign-in with a second factor", () => {
  it("asks for the code after a right password, accepts it once, and refuses a replay or a wrong code", async () => {
    const now = new Date();
    const ip = address();
    const noCode = await expectAppError(
      authenticate({ input: { username: "clerk", password: DEMO_PASSWORD }, ip, now }),
    );
    expect(noCode.code).toBe("SECOND_FACTOR_REQUIRED");
    // A wrong password says nothing about the second factor.
    expect(
      (
        await expectAppError(
          authenticate({ input: { username: "clerk", password: "Wrong-password-1" }, ip: address(), now }),
        )
      ).messageKey,
    ).toBe("auth.invalidCredentials");

    const code = await totpForStep(stepOf(now));
    const user = await authenticate({ input: { username: "clerk", password: DEMO_PASSWORD, otp: code }, ip, now });
    expect(user).toMatchObject({ role: "CLERK", secondFactorPending: false });
    expect(user.secondFactorAt?.getTime()).toBe(now.getTime());

    const replay = await expectAppError(
      authenticate({ input: { username: "clerk", password: DEMO_PASSWORD, otp: code }, ip: address(), now }),
    );
    expect(replay.messageKey).toBe("auth.invalidSecondFactor");
    // An earlier step than the one accepted is refused too; the next one passes.
    expect(
      (
        await expectAppError(
          authenticate({
            input: { username: "clerk", password: DEMO_PASSWORD, otp: await totpForStep(stepOf(now) - 1) },
            ip: address(),
            now,
          }),
        )
      ).code,
    ).toBe("UNAUTHENTICATED");
    expect(
      (
        await authenticate({
          input: { username: "clerk", password: DEMO_PASSWORD, otp: await totpForStep(stepOf(now) + 1) },
          ip: address(),
          now,
        })
      ).secondFactorAt,
    ).not.toBeNull();
    // Two steps ahead is outside the accepted drift.
    expect(
      (
        await expectAppError(
          authenticate({
            input: { username: "clerk", password: DEMO_PASSWORD, otp: await totpForStep(stepOf(now) + 3) },
            ip: address(),
            now,
          }),
        )
      ).code,
    ).toBe("UNAUTHENTICATED");
  });

  it("does not count the password step of a staff sign-in against the address: an office signs in all day", async () => {
    const ip = address();
    for (let attempt = 0; attempt < 25; attempt += 1) {
      expect(
        (await expectAppError(authenticate({ input: { username: "admin", password: DEMO_PASSWORD }, ip }))).code,
      ).toBe("SECOND_FACTOR_REQUIRED");
    }
    const now = new Date();
    expect(
      (
        await authenticate({
          input: { username: "admin", password: DEMO_PASSWORD, otp: await totpForStep(stepOf(now)) },
          ip,
          now,
        })
      ).role,
    ).toBe("PLATFORM_ADMIN");
  });

  it("lets one of two concurrent sign-ins with the same observed code through, never both", async () => {
    const supervisor = await db().user.findUniqueOrThrow({ where: { loginName: "supervisor" } });
    const now = new Date();
    const code = await totpForStep(stepOf(now));
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => checkSecondFactor(supervisor.id, code, { ip: null, now })),
    );
    expect(results.filter((result) => result.status === "fulfilled" && result.value === true)).toHaveLength(1);
  });

  it("counts wrong codes against the account, so the code cannot be guessed with a known password", async () => {
    const now = new Date();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expectAppError(
        authenticate({ input: { username: "deptadmin", password: DEMO_PASSWORD, otp: "000000" }, ip: address(), now }),
      );
    }
    const throttled = await expectAppError(
      authenticate({
        input: { username: "deptadmin", password: DEMO_PASSWORD, otp: await totpForStep(stepOf(now)) },
        ip: address(),
        now,
      }),
    );
    expect(throttled.code).toBe("THROTTLED");
    // Asking again without a code buys no guesses back either.
    expect(
      (
        await expectAppError(
          authenticate({ input: { username: "deptadmin", password: DEMO_PASSWORD }, ip: address(), now }),
        )
      ).code,
    ).toBe("THROTTLED");
  });

  it("lets a staff member without a factor in only to enrol one, and gives such an account no API tokens", async () => {
    const clerk = await newClerk("sf-new-clerk");
    const user = await authenticate({ input: { username: "sf-new-clerk", password: DEMO_PASSWORD }, ip: address() });
    expect(user).toMatchObject({ secondFactorPending: true, secondFactorAt: null });
    const sid = await startSession(clerk.id, null, user.secondFactorAt);
    expect(await liveSessionUser({ sub: clerk.id, sv: clerk.sessionVersion, sid })).toMatchObject({
      secondFactorAt: null,
    });
    expect(
      (await expectAppError(issueTokens({ username: "sf-new-clerk", password: DEMO_PASSWORD }, { ip: address() })))
        .code,
    ).toBe("SECOND_FACTOR_REQUIRED");
  });
});

describe("enrolment and recovery codes", () => {
  it("keeps one secret until a right code confirms it, then issues ten single-use recovery codes", async () => {
    const clerk = await newClerk("sf-enrol");
    const first = await beginTotpEnrolment(clerk.id);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await beginTotpEnrolment(clerk.id)).secret).toBe(first.secret);
    const sessionId = await startSession(clerk.id, null);
    const now = new Date();

    const wrong = await expectAppError(
      confirmTotpEnrolment({ userId: clerk.id, sessionId, code: "123456", ip: null, now }),
    );
    expect(wrong.details.fieldErrors?.code).toBe("auth.secondFactor.wrongCode");
    expect((await secondFactorStatus(clerk.id)).enabledAt).toBeNull();

    const codes = await confirmTotpEnrolment({
      userId: clerk.id,
      sessionId,
      code: await generate({ secret: first.secret, epoch: Math.floor(now.getTime() / 1000) }),
      ip: null,
      now,
    });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(await secondFactorStatus(clerk.id)).toMatchObject({ recoveryCodesLeft: 10 });
    expect((await db().userSession.findUniqueOrThrow({ where: { id: sessionId } })).secondFactorAt?.getTime()).toBe(
      now.getTime(),
    );
    expect((await expectAppError(beginTotpEnrolment(clerk.id))).code).toBe("CONFLICT");
    // Only hashes are stored.
    const stored = await db().recoveryCode.findMany({ where: { userId: clerk.id } });
    expect(stored.some((row) => codes.some((code) => row.codeHash.includes(code.replace("-", ""))))).toBe(false);

    // A recovery code signs in once (typed in lower case with spaces, as people do), then no more.
    const recovery = codes[0] ?? "";
    const typed = recovery.toLowerCase().replace("-", " ");
    expect(
      (await authenticate({ input: { username: "sf-enrol", password: DEMO_PASSWORD, otp: typed }, ip: address() }))
        .secondFactorAt,
    ).not.toBeNull();
    expect(
      (
        await expectAppError(
          authenticate({ input: { username: "sf-enrol", password: DEMO_PASSWORD, otp: recovery }, ip: address() }),
        )
      ).messageKey,
    ).toBe("auth.invalidSecondFactor");
    expect(await secondFactorStatus(clerk.id)).toMatchObject({ recoveryCodesLeft: 9 });
    expect(
      await db().auditLog.count({ where: { objectId: clerk.id, action: "auth.secondFactor.recoveryCodeUsed" } }),
    ).toBe(1);
  });

  it("renews recovery codes only with a recent second factor; the old ones stop working", async () => {
    const clerk = await newClerk("sf-renew");
    const { codes } = await enrol(clerk.id, new Date());
    const actor = await actorFor("sf-renew");
    const stale = { ...actor, secondFactorAt: new Date(Date.now() - (STEP_UP_MINUTES + 1) * 60_000) };
    expect((await expectAppError(renewRecoveryCodes(stale, { ip: null }))).code).toBe("SECOND_FACTOR_REQUIRED");
    const renewed = await renewRecoveryCodes(actor, { ip: null });
    expect(renewed).toHaveLength(10);
    expect(await checkSecondFactor(clerk.id, codes[1] ?? "", { ip: null })).toBe(false);
    expect(await checkSecondFactor(clerk.id, renewed[0] ?? "", { ip: null })).toBe(true);
  });
});

describe("step-up for sensitive actions", () => {
  it("refuses role changes and publishing with a second factor older than 15 minutes, and accepts them after a fresh code", async () => {
    const admin = await actorFor("admin");
    const target = await newClerk("sf-target");
    const stale = { ...admin, secondFactorAt: new Date(Date.now() - (STEP_UP_MINUTES + 1) * 60_000) };
    const never = { ...admin, secondFactorAt: null };
    for (const actor of [stale, never]) {
      expect(() => assertRecentSecondFactor(actor)).toThrow();
      const refused = await expectAppError(
        updateStaff({
          actor,
          input: { id: target.id, role: "DEPT_ADMIN", departmentId: target.departmentId },
          ip: null,
        }),
      );
      expect(refused).toMatchObject({ code: "SECOND_FACTOR_REQUIRED", messageKey: "auth.stepUpRequired" });
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("CLERK");
    // Citizens never need it.
    expect(() => assertRecentSecondFactor({ ...admin, role: "CITIZEN", secondFactorAt: null })).not.toThrow();

    // A fresh code on the session brings the session's actor back within the window.
    const adminUser = await db().user.findUniqueOrThrow({ where: { loginName: "admin" } });
    const sessionId = await startSession(adminUser.id, null, new Date(Date.now() - 60 * 60_000));
    await confirmSessionSecondFactor({
      userId: adminUser.id,
      sessionId,
      code: await totpForStep(stepOf(new Date()) + 1),
      ip: address(),
    });
    const live = await liveSessionUser({ sub: adminUser.id, sv: adminUser.sessionVersion, sid: sessionId });
    expect(Date.now() - (live?.secondFactorAt?.getTime() ?? 0)).toBeLessThan(5_000);
    await updateStaff({
      actor: { ...admin, secondFactorAt: live?.secondFactorAt ?? null },
      input: { id: target.id, role: "DEPT_ADMIN", departmentId: target.departmentId },
      ip: null,
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("DEPT_ADMIN");
  });

  it("carries the sign-in's second factor time in API tokens, unchanged by refreshing", async () => {
    const at = new Date();
    const tokens = await issueTokens(
      { username: "admin2", password: DEMO_PASSWORD, otp: await totpForStep(stepOf(at)) },
      { ip: address(), now: at },
    );
    const actor = await actorFromAccessToken(tokens.access_token);
    expect(actor?.secondFactorAt?.getTime()).toBeGreaterThanOrEqual(at.getTime());
    const refreshed = await refreshTokens(
      { refresh_token: tokens.refresh_token },
      { ip: address(), now: new Date(at.getTime() + 20 * 60_000) },
    );
    const later = await actorFromAccessToken(refreshed.access_token, new Date(at.getTime() + 20 * 60_000));
    expect(later?.secondFactorAt?.getTime()).toBe(actor?.secondFactorAt?.getTime());
    expect(() => assertRecentSecondFactor(later!, new Date(at.getTime() + 20 * 60_000))).toThrow();
    // Without the code: refused, and the error says a code is needed.
    expect(
      (await expectAppError(issueTokens({ username: "admin2", password: DEMO_PASSWORD }, { ip: address() }))).code,
    ).toBe("SECOND_FACTOR_REQUIRED");
  });
});

describe("an administrator resets a lost second factor", () => {
  it("ends the account's sessions, removes the secret and codes, and the next sign-in enrols again", async () => {
    const clerk = await newClerk("sf-lost");
    const { sessionId } = await enrol(clerk.id, new Date());
    const enrolled = await db().user.findUniqueOrThrow({ where: { id: clerk.id } });
    const admin = await actorFor("admin");
    await resetStaffSecondFactor({ actor: admin, input: { id: clerk.id }, ip: "10.77.9.9" });
    const after = await db().user.findUniqueOrThrow({ where: { id: clerk.id } });
    expect(after).toMatchObject({
      totpSecretEncrypted: null,
      totpEnabledAt: null,
      sessionVersion: enrolled.sessionVersion + 1,
    });
    expect(await db().recoveryCode.count({ where: { userId: clerk.id } })).toBe(0);
    expect(await liveSessionUser({ sub: clerk.id, sv: enrolled.sessionVersion, sid: sessionId })).toBeNull();
    expect(await db().auditLog.count({ where: { objectId: clerk.id, action: "staff.secondFactor.reset" } })).toBe(1);
    expect(
      (await authenticate({ input: { username: "sf-lost", password: DEMO_PASSWORD }, ip: address() }))
        .secondFactorPending,
    ).toBe(true);
  });

  it("refuses one's own reset, a reset by someone who may not manage the account, and a stale second factor", async () => {
    const admin = await actorFor("admin");
    expect(
      (await expectAppError(resetStaffSecondFactor({ actor: admin, input: { id: admin.userId }, ip: null }))).code,
    ).toBe("FORBIDDEN");
    const deptAdmin = await actorFor("deptadmin");
    const supervisor = await db().user.findUniqueOrThrow({ where: { loginName: "supervisor" } });
    expect(
      (await expectAppError(resetStaffSecondFactor({ actor: deptAdmin, input: { id: supervisor.id }, ip: null }))).code,
    ).toMatch(/NOT_FOUND|FORBIDDEN/);
    const clerk = await db().user.findUniqueOrThrow({ where: { loginName: "clerk" } });
    const stale = { ...admin, secondFactorAt: new Date(Date.now() - (STEP_UP_MINUTES + 1) * 60_000) };
    expect(
      (await expectAppError(resetStaffSecondFactor({ actor: stale, input: { id: clerk.id }, ip: null }))).code,
    ).toBe("SECOND_FACTOR_REQUIRED");
    expect(
      (
        await expectAppError(
          resetStaffPassword({
            actor: stale,
            input: { id: clerk.id, password: "Another-pass-42", confirmPassword: "Another-pass-42" },
            ip: null,
          }),
        )
      ).code,
    ).toBe("SECOND_FACTOR_REQUIRED");
    expect((await db().user.findUniqueOrThrow({ where: { id: clerk.id } })).totpEnabledAt).not.toBeNull();
  });
});

describe("staff passwords", () => {
  it("refuse common passwords when an account is created or its password reset, as registration does", async () => {
    const admin = await actorFor("admin");
    const department = await db().department.findFirstOrThrow({ where: { parentId: null }, orderBy: { code: "asc" } });
    const common = "password123";
    const created = await expectAppError(
      createStaff({
        actor: admin,
        input: {
          loginName: "sf-common",
          realName: "常见密码",
          role: "CLERK",
          departmentId: department.id,
          password: common,
          confirmPassword: common,
        },
        ip: null,
      }),
    );
    expect(created.details.fieldErrors?.password).toBe("errors.password.common");
    expect(await db().user.count({ where: { loginName: "sf-common" } })).toBe(0);
    const clerk = await db().user.findUniqueOrThrow({ where: { loginName: "clerk" } });
    const reset = await expectAppError(
      resetStaffPassword({
        actor: admin,
        input: { id: clerk.id, password: common, confirmPassword: common },
        ip: null,
      }),
    );
    expect(reset.details.fieldErrors?.password).toBe("errors.password.common");
  });
});
