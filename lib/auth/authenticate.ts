import "server-only";
import { whereIdNumber, wherePhone } from "../accounts/identity-fields";
import { SignIn } from "../accounts/schemas";
import { recordAudit } from "../audit/audit";
import { db } from "../db/client";
import { env } from "../env";
import { checkIdNumber, normaliseIdNumber } from "../identity/id-number";
import { isMainlandMobile, normalisePhone } from "../identity/phone";
import { AppError } from "../errors";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { checkSecondFactor } from "./second-factor";
import { accountThrottleKey, reserveSignInAttempt } from "./throttle";
import { isStaffRole, type Role } from "./policy";

export type AuthenticatedUser = {
  id: string;
  role: Role;
  sessionVersion: number;
  /** When this sign-in proved the staff second factor; null for applicants and for staff who have not enrolled one. */
  secondFactorAt: Date | null;
  /** A staff account without a second factor yet: its session may only enrol one (lib/auth/second-factor.ts). */
  secondFactorPending: boolean;
};

/**
 * What a username names: a mobile number, an ID number, or a staff login name. `where` finds the account (phones
 * and ID numbers through their keyed hashes, see lib/accounts/identity-fields.ts); `key` is the throttle's account
 * key, stored in login_attempt: the keyed hash for phones and ID numbers, so no plaintext number is kept there either.
 */
export function usernameLookup(username: string): {
  kind: "phone" | "idNumber" | "loginName";
  key: string;
  where: { phoneHash: string } | { idNumberHash: string } | { loginName: string };
} {
  const trimmed = username.trim();
  if (isMainlandMobile(trimmed)) {
    const phone = normalisePhone(trimmed);
    const where = wherePhone(phone);
    return { kind: "phone", key: `phone:${where.phoneHash}`, where };
  }
  if (checkIdNumber(trimmed) === null) {
    const idNumber = normaliseIdNumber(trimmed);
    const where = whereIdNumber(idNumber);
    return { kind: "idNumber", key: `idNumber:${where.idNumberHash}`, where };
  }
  const loginName = trimmed.toLowerCase();
  return { kind: "loginName", key: loginName, where: { loginName } };
}

/** How long an address that signed in to an account keeps a throttle budget of its own for it. */
const KNOWN_ADDRESS_DAYS = 30;

/**
 * Checks a username and password, throttled per account and per address (lib/auth/throttle.ts). Unknown accounts,
 * wrong passwords and disabled accounts give the same answer, in the same time.
 *
 * Staff with a second factor also need its code (`otp`: TOTP or a recovery code). A right password without one
 * answers SECOND_FACTOR_REQUIRED and gives its own reservation back without clearing the account's earlier
 * failures (only a complete sign-in does that, so the password alone never buys guesses at the code); a wrong code
 * is a failed sign-in.
 */
export async function authenticate({
  input,
  ip,
  now = new Date(),
}: {
  input: unknown;
  ip: string;
  now?: Date;
}): Promise<AuthenticatedUser> {
  const parsed = SignIn.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "auth.invalidCredentials");
  const { username, password, otp } = parsed.data;
  const lookup = usernameLookup(username);
  const config = env();
  const limits = {
    maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: config.LOGIN_THROTTLE_WINDOW_MINUTES,
  };
  const user = await db().user.findFirst({
    where: lookup.where,
    select: { id: true, role: true, status: true, sessionVersion: true, passwordHash: true, totpEnabledAt: true },
  });
  // One budget per account, whichever identifier names it; an identifier of no account has its own.
  const account = user ? `user:${user.id}` : lookup.key;
  const knownAddress =
    user && ip !== "unknown"
      ? await db().loginAttempt.findFirst({
          where: {
            accountKey: account,
            ip,
            success: true,
            at: { gte: new Date(Date.now() - KNOWN_ADDRESS_DAYS * 86_400_000) },
          },
          select: { id: true },
        })
      : null;
  const verdict = await reserveSignInAttempt(db(), {
    accountKey: accountThrottleKey(account, knownAddress ? ip : null),
    ip,
    limits,
  });
  if (verdict.blocked) {
    throw new AppError("THROTTLED", verdict.scope === "account" ? "auth.throttledAccount" : "auth.throttledIp", {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyAgainstDummy(password), false);
  const passwordSuccess = Boolean(user && passwordOk && user.status === "ACTIVE");
  const secondFactorEnrolled = Boolean(passwordSuccess && user && isStaffRole(user.role) && user.totpEnabledAt);
  if (secondFactorEnrolled && !otp) {
    // Not a guess: the password was right and the code is asked for next. The two steps together count once, so an
    // office of staff behind one address is not throttled by signing in; the earlier failures stay counted.
    await verdict.refund();
    throw new AppError("SECOND_FACTOR_REQUIRED", "auth.secondFactorRequired");
  }
  const secondFactorOk =
    secondFactorEnrolled && user
      ? await checkSecondFactor(user.id, otp ?? "", { ip: ip === "unknown" ? null : ip, now })
      : false;
  const success = passwordSuccess && (!secondFactorEnrolled || secondFactorOk);
  await verdict.release(success);
  // The history of attempts (the throttle itself keeps only counts): who tried which account from where.
  await db().loginAttempt.create({ data: { accountKey: account, ip, success } });
  if (!user || !success)
    throw new AppError(
      "UNAUTHENTICATED",
      secondFactorEnrolled ? "auth.invalidSecondFactor" : "auth.invalidCredentials",
    );
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor: { userId: user.id, role: user.role },
      action: "auth.signIn",
      objectType: "User",
      objectId: user.id,
      ip,
    }),
  );
  return {
    id: user.id,
    role: user.role,
    sessionVersion: user.sessionVersion,
    secondFactorAt: secondFactorOk ? now : null,
    secondFactorPending: isStaffRole(user.role) && !secondFactorOk,
  };
}
