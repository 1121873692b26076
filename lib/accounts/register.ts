import "server-only";
import { recordAudit } from "../audit/audit";
import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { env } from "../env";
import { AppError, isUniqueViolation } from "../errors";
import { createRateLimiter, retryAfterSeconds } from "../http/rate-limit";
import { isCommonPassword } from "./common-passwords";
import { toStored, whereIdNumber, wherePhone } from "./identity-fields";
import { consumePhoneCode, verifyPhoneCode } from "./phone-codes";
import { RegisterAccount } from "./schemas";

/** Assurance level of a self-registered account whose data was only format-checked (docs/domain.md "People"). */
export const SELF_REGISTERED_LEVEL = 2;

/** Registrations per address per hour, beside the SMS code limits (lib/accounts/phone-codes.ts). */
export const REGISTRATIONS_PER_ADDRESS_PER_HOUR = env().REGISTRATIONS_PER_ADDRESS_PER_HOUR;
const perAddress = createRateLimiter({
  keyPrefix: "register-address",
  points: REGISTRATIONS_PER_ADDRESS_PER_HOUR,
  duration: 3600,
});

/**
 * Registers a citizen, or a company's agent (经办人). Self-registration proves the phone (a one-time SMS code) and
 * checks the rest for format only, so the account gets SELF_REGISTERED_LEVEL.
 *
 * It never makes anyone a company's agent: a credit code is public, so typing one proves nothing. A company
 * agent's account starts with no company; the company's verified representative authorises agents
 * (lib/accounts/companies.ts).
 *
 * Answers do not tell whether a phone or ID number has an account: a taken phone never gets a code (its holder is
 * told by SMS instead), and a taken ID number gets the same generic answer as a taken phone, only to someone
 * who proved a phone, at most a few times an hour.
 */
export async function registerAccount({
  input,
  ip,
}: {
  input: unknown;
  ip: string | null;
}): Promise<{ userId: string }> {
  const parsed = RegisterAccount.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    throw new AppError("VALIDATION", "errors.form", { fieldErrors });
  }
  const data = parsed.data;
  if (isCommonPassword(data.password))
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: { password: "errors.password.common" } });
  const wait = await retryAfterSeconds(perAddress, ip ?? "unknown");
  if (wait) throw new AppError("THROTTLED", "identity.errors.registerThrottled", { retryAfterSeconds: wait });
  const { codeId } = await verifyPhoneCode({ phone: data.phone, code: data.smsCode, purpose: "register" });
  // Found through the keyed hashes (the columns hold ciphertext): lib/accounts/identity-fields.ts.
  const identity = toStored({ idNumber: data.idNumber, phone: data.phone });
  const taken = await db().user.findFirst({
    where: { OR: [whereIdNumber(data.idNumber), wherePhone(data.phone)] },
    select: { id: true },
  });
  if (taken) throw new AppError("CONFLICT", "identity.errors.cannotRegister");
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      await consumePhoneCode(tx, codeId);
      const user = await tx.user.create({
        data: {
          role: data.accountType === "company" ? "COMPANY_AGENT" : "CITIZEN",
          realName: data.realName,
          ...identity,
          passwordHash,
          assuranceLevel: SELF_REGISTERED_LEVEL,
        },
        select: { id: true, role: true },
      });
      await recordAudit(tx, {
        actor: { userId: user.id, role: user.role },
        action: "account.register",
        objectType: "User",
        objectId: user.id,
        after: { role: user.role, phoneVerified: true },
        ip,
      });
      return { userId: user.id };
    });
  } catch (error) {
    // Two registrations racing for the same number: the loser gets the same answer as above.
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "identity.errors.cannotRegister");
    throw error;
  }
}
