import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, applicantKind, assertCan } from "../auth/policy";
import { hashPassword, verifyPassword } from "../auth/password";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createRateLimiter, refundPoint, retryAfterSeconds } from "../http/rate-limit";
import { isCommonPassword } from "./common-passwords";
import { wherePhone } from "./identity-fields";
import { consumePhoneCode, verifyPhoneCode } from "./phone-codes";
import { ChangePassword, ResetPassword } from "./schemas";

/**
 * An applicant's password: changed with the current one (修改密码), or reset with a one-time SMS code sent to the
 * account's phone (找回密码, the same codes and limits as registration: lib/accounts/phone-codes.ts). Both sign the
 * account out everywhere (a password someone else knew must not leave their session alive), both are audited, and
 * both are throttled: resets per address, wrong current passwords per account. Staff passwords are reset by their
 * administrators (with the second factor), never by SMS.
 */

export const RESETS_PER_ADDRESS_PER_HOUR = env().PASSWORD_RESETS_PER_ADDRESS_PER_HOUR;
export const WRONG_CURRENT_PASSWORDS = 5;
const resetsPerAddress = createRateLimiter({
  keyPrefix: "password-reset-address",
  points: RESETS_PER_ADDRESS_PER_HOUR,
  duration: 3600,
});
// Wrong current passwords of one account, whoever holds its session: five per quarter hour, then wait.
const wrongCurrent = createRateLimiter({
  keyPrefix: "password-change-wrong",
  points: WRONG_CURRENT_PASSWORDS,
  duration: 900,
  blockDuration: 900,
});

function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  return fieldErrors;
}

function refuseCommon(password: string) {
  if (isCommonPassword(password))
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: { password: "errors.password.common" } });
}

/** Sets the new hash, ends every session (sessionVersion, user_session) and writes the audit entry, in one transaction. */
async function replacePassword(
  tx: Prisma.TransactionClient,
  user: { id: string; role: string },
  passwordHash: string,
  { action, ip, now }: { action: "account.passwordChange" | "account.passwordReset"; ip: string | null; now: Date },
) {
  const updated = await tx.user.update({
    where: { id: user.id },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
  await recordAudit(tx, {
    actor: { userId: user.id, role: user.role },
    action,
    objectType: "User",
    objectId: user.id,
    after: { sessionVersion: updated.sessionVersion },
    ip,
  });
}

/** 找回密码. VALIDATION with field errors for bad input or a wrong or expired code; THROTTLED over the address limit. */
export async function resetPassword({
  input,
  ip,
  now = new Date(),
}: {
  input: unknown;
  ip: string | null;
  now?: Date;
}): Promise<void> {
  const parsed = ResetPassword.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
  const data = parsed.data;
  refuseCommon(data.password);
  const wait = await retryAfterSeconds(resetsPerAddress, ip ?? "unknown");
  if (wait) throw new AppError("THROTTLED", "identity.errors.resetThrottled", { retryAfterSeconds: wait });
  const { codeId } = await verifyPhoneCode({ phone: data.phone, code: data.smsCode, purpose: "resetPassword", now });
  const user = await db().user.findFirst({
    where: wherePhone(data.phone),
    select: { id: true, role: true, status: true },
  });
  // Codes are sent only to active applicants' numbers; anything else since then (suspended, no account) reads as an
  // expired code, which tells nothing about the number.
  if (!user || user.status !== "ACTIVE" || applicantKind(user) === null)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: { smsCode: "identity.errors.codeExpired" } });
  const passwordHash = await hashPassword(data.password);
  await db().$transaction(async (tx) => {
    await consumePhoneCode(tx, codeId, now);
    await replacePassword(tx, user, passwordHash, { action: "account.passwordReset", ip, now });
  });
}

/** 修改密码 by the signed-in applicant. VALIDATION (wrong current password, weak or unchanged new one), THROTTLED. */
export async function changePassword(
  actor: Actor,
  { input, ip, now = new Date() }: { input: unknown; ip: string | null; now?: Date },
): Promise<void> {
  assertCan(actor, "portal.account");
  const parsed = ChangePassword.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: fieldErrorsOf(parsed.error.issues) });
  const data = parsed.data;
  refuseCommon(data.password);
  // Counted before the check and given back when it was right, so concurrent guesses cannot outrun the limit.
  const wait = await retryAfterSeconds(wrongCurrent, actor.userId);
  if (wait) throw new AppError("THROTTLED", "identity.errors.changeThrottled", { retryAfterSeconds: wait });
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, role: true, passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new AppError("VALIDATION", "errors.form", {
      fieldErrors: { currentPassword: "identity.errors.currentPasswordWrong" },
    });
  }
  await refundPoint(wrongCurrent, actor.userId);
  const passwordHash = await hashPassword(data.password);
  await db().$transaction((tx) =>
    replacePassword(tx, user, passwordHash, { action: "account.passwordChange", ip, now }),
  );
}
