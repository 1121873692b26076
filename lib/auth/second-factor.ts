import "server-only";
import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { recordAudit } from "../audit/audit";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { lookupHash } from "../security/pii";
import { type Actor, assertCan, assertRecentSecondFactor, isStaffRole } from "./policy";
import { reserveSignInAttempt } from "./throttle";
import { readTotpSecret, storeTotpSecret } from "./totp-secret";

/**
 * The staff second factor (issue 15): TOTP (RFC 6238: 6 digits, 30-second steps, HMAC-SHA1, as every authenticator
 * app expects) with one-time recovery codes for a lost phone. Staff sign in with password and code; a staff session
 * without a proven second factor may only enrol one (lib/auth/session.ts). The unified identity provider counts as
 * the second factor too (lib/auth/options.ts).
 *
 * - Enrolment: a secret is generated and kept (encrypted) until the first code from the app confirms it; reloading
 *   the page shows the same secret, so a QR code already scanned stays valid.
 * - Each code is accepted once: the accepted time step is stored and only later steps pass, by one conditional
 *   UPDATE, so two concurrent sign-ins with one observed code cannot both succeed (RFC 6238 §5.2).
 * - One step either side is accepted: phone clocks drift (RFC 6238 §6).
 */
export const TOTP_ISSUER = "OneWindow 一网通办";
export const RECOVERY_CODE_COUNT = 10;
const TOLERANCE_SECONDS = 30;
const RECOVERY_FIELD = "user.recoveryCode";
/** Recovery codes: 10 characters of the RFC 4648 base32 alphabet (no 0/1/8/9 to confuse with O/I/B/g), shown as XXXXX-XXXXX. */
const RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export type EnrolmentStart = { secret: string; uri: string };

function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** The authenticator's URI (otpauth://totp/…) for a QR code; the label names the platform and the login name. */
export function totpUri(secret: string, loginName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: loginName, secret });
}

/** Starts (or shows again) a staff member's enrolment: a new secret, kept until a code confirms it. */
export async function beginTotpEnrolment(userId: string): Promise<EnrolmentStart> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { role: true, loginName: true, totpSecretEncrypted: true, totpEnabledAt: true },
  });
  if (!user || !isStaffRole(user.role)) throw new AppError("FORBIDDEN", "auth.forbidden");
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "auth.secondFactor.alreadyEnrolled");
  const label = user.loginName ?? userId;
  if (user.totpSecretEncrypted) {
    const secret = readTotpSecret(user.totpSecretEncrypted);
    return { secret, uri: totpUri(secret, label) };
  }
  const secret = generateSecret();
  // Two tabs starting at once: the first secret stays, the second tab shows it after its reload.
  const stored = await db().user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpSecretEncrypted: null },
    data: { totpSecretEncrypted: storeTotpSecret(secret) },
  });
  if (stored.count === 0) return beginTotpEnrolment(userId);
  return { secret, uri: totpUri(secret, label) };
}

/** Normalises what a person typed: spaces and dashes go, letters become capitals. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/** Whether `code` is the right TOTP for `secret` at `now` after `lastStep`; the time step when it is. */
async function totpStep(secret: string, code: string, lastStep: number | null, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: epochSeconds(now),
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Accepts time step `step` for the user unless it (or a later one) was accepted already: one statement. */
async function claimStep(userId: string, step: number): Promise<boolean> {
  const claimed = await db()
    .$executeRaw`UPDATE user_account SET totp_last_step = ${step} WHERE id = ${userId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
  return claimed === 1;
}

function newRecoveryCode(): string {
  let code = "";
  for (let index = 0; index < 10; index += 1) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function recoveryHash(userId: string, code: string): string {
  return lookupHash(RECOVERY_FIELD, `${userId}:${normaliseCode(code)}`);
}

/**
 * Confirms enrolment with the first code from the app: the factor is in use, this session has proven it, and the
 * recovery codes are returned once (only their hashes are kept). A wrong code changes nothing.
 */
export async function confirmTotpEnrolment({
  userId,
  sessionId,
  code,
  ip,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  code: string;
  ip: string | null;
  now?: Date;
}): Promise<string[]> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { role: true, totpSecretEncrypted: true, totpEnabledAt: true },
  });
  if (!user || !isStaffRole(user.role)) throw new AppError("FORBIDDEN", "auth.forbidden");
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "auth.secondFactor.alreadyEnrolled");
  if (!user.totpSecretEncrypted) throw new AppError("CONFLICT", "auth.secondFactor.enrolmentExpired");
  const step = await totpStep(readTotpSecret(user.totpSecretEncrypted), normaliseCode(code), null, now);
  if (step === null)
    throw new AppError("VALIDATION", "auth.secondFactor.wrongCode", {
      fieldErrors: { code: "auth.secondFactor.wrongCode" },
    });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db().$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null },
      data: { totpEnabledAt: now, totpLastStep: step },
    });
    if (enabled.count === 0) throw new AppError("CONFLICT", "auth.secondFactor.alreadyEnrolled");
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((recovery) => ({ userId, codeHash: recoveryHash(userId, recovery), createdAt: now })),
    });
    await tx.userSession.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { secondFactorAt: now },
    });
    await recordAudit(tx, {
      actor: { userId, role: user.role },
      action: "auth.secondFactor.enrol",
      objectType: "User",
      objectId: userId,
      ip,
    });
  });
  return codes;
}

/**
 * Checks a second-factor code of an enrolled account: a TOTP code not used before, or an unused recovery code
 * (which is then spent, audited). False for anything else, including an account without a second factor.
 */
export async function checkSecondFactor(
  userId: string,
  code: string,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<boolean> {
  const typed = normaliseCode(code);
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { role: true, totpSecretEncrypted: true, totpEnabledAt: true, totpLastStep: true },
  });
  if (!user?.totpEnabledAt || !user.totpSecretEncrypted) return false;
  if (/^\d{6}$/.test(typed)) {
    const step = await totpStep(readTotpSecret(user.totpSecretEncrypted), typed, user.totpLastStep, now);
    return step !== null && claimStep(userId, step);
  }
  if (!/^[A-Z2-7]{10}$/.test(typed)) return false;
  return db().$transaction(async (tx) => {
    const spent = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: recoveryHash(userId, typed), usedAt: null },
      data: { usedAt: now },
    });
    if (spent.count !== 1) return false;
    await recordAudit(tx, {
      actor: { userId, role: user.role },
      action: "auth.secondFactor.recoveryCodeUsed",
      objectType: "User",
      objectId: userId,
      ip,
    });
    return true;
  });
}

/** Whether the account uses a second factor, since when, and how many unused recovery codes it has left. */
export async function secondFactorStatus(
  userId: string,
): Promise<{ enabledAt: Date | null; recoveryCodesLeft: number }> {
  const [user, recoveryCodesLeft] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } }),
    db().recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabledAt: user?.totpEnabledAt ?? null, recoveryCodesLeft };
}

/**
 * Step-up: a signed-in staff member proves the second factor again; the session records when. Codes typed here
 * draw on the account's sign-in budget (lib/auth/throttle.ts): a stolen session cookie buys no free guesses.
 */
export async function confirmSessionSecondFactor({
  userId,
  sessionId,
  code,
  ip,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  code: string;
  ip: string | null;
  now?: Date;
}): Promise<void> {
  const config = env();
  const verdict = await reserveSignInAttempt(db(), {
    accountKey: `user:${userId}`,
    ip: ip ?? "unknown",
    limits: {
      maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: config.LOGIN_THROTTLE_WINDOW_MINUTES,
    },
  });
  if (verdict.blocked) {
    throw new AppError("THROTTLED", verdict.scope === "account" ? "auth.throttledAccount" : "auth.throttledIp", {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  const ok = await checkSecondFactor(userId, code, { ip, now });
  await verdict.release(ok);
  if (!ok)
    throw new AppError("VALIDATION", "auth.secondFactor.wrongCode", {
      fieldErrors: { code: "auth.secondFactor.wrongCode" },
    });
  await db().userSession.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { secondFactorAt: now },
  });
}

/**
 * New recovery codes for the actor's own account (the old ones stop working), after a fresh second factor: a
 * person who used several, or fears they were seen.
 */
export async function renewRecoveryCodes(
  actor: Actor,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<string[]> {
  assertCan(actor, "account.secondFactor.manage");
  assertRecentSecondFactor(actor, now);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
    if (!user?.totpEnabledAt) throw new AppError("CONFLICT", "auth.secondFactor.notEnrolled");
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await tx.recoveryCode.createMany({
      data: codes.map((recovery) => ({
        userId: actor.userId,
        codeHash: recoveryHash(actor.userId, recovery),
        createdAt: now,
      })),
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "auth.secondFactor.renewRecoveryCodes",
      objectType: "User",
      objectId: actor.userId,
      ip,
    });
  });
  return codes;
}
