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
import { checkThrottle, recordAttempt } from "./throttle";
import type { Role } from "./policy";

export type AuthenticatedUser = { id: string; role: Role; sessionVersion: number };

/**
 * What a username names: a mobile number, an ID number, or a staff login name. `where` finds the account (phones
 * and ID numbers through their keyed hashes, see lib/accounts/identity-fields.ts); `key` is the throttle's account
 * key, stored in login_attempt: the keyed hash for phones and ID numbers, so no plaintext number is kept there either.
 */
export function usernameLookup(username: string): { kind: "phone" | "idNumber" | "loginName"; key: string; where: { phoneHash: string } | { idNumberHash: string } | { loginName: string } } {
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

/**
 * Checks a username and password, throttled per account and per IP. Unknown accounts, wrong passwords and
 * disabled accounts give the same answer, in the same time.
 */
export async function authenticate({ input, ip }: { input: unknown; ip: string }): Promise<AuthenticatedUser> {
  const parsed = SignIn.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "auth.invalidCredentials");
  const { username, password } = parsed.data;
  const lookup = usernameLookup(username);
  const accountKey = lookup.key;
  const config = env();
  const limits = {
    maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: config.LOGIN_THROTTLE_WINDOW_MINUTES,
  };
  const verdict = await checkThrottle(db(), { accountKey, ip, limits });
  if (verdict.blocked) {
    throw new AppError("THROTTLED", verdict.scope === "account" ? "auth.throttledAccount" : "auth.throttledIp", {
      retryAfterSeconds: verdict.retryAfterSeconds,
    });
  }
  const user = await db().user.findFirst({
    where: lookup.where,
    select: { id: true, role: true, status: true, sessionVersion: true, passwordHash: true },
  });
  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
  const success = Boolean(user && passwordOk && user.status === "ACTIVE");
  await recordAttempt(db(), { accountKey, ip, success });
  if (!user || !success) throw new AppError("UNAUTHENTICATED", "auth.invalidCredentials");
  await db().$transaction((tx) =>
    recordAudit(tx, { actor: { userId: user.id, role: user.role }, action: "auth.signIn", objectType: "User", objectId: user.id, ip }),
  );
  return { id: user.id, role: user.role, sessionVersion: user.sessionVersion };
}
