import "server-only";
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { applicantKind } from "../auth/policy";
import { type Db, db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { createRateLimiter, retryAfterSeconds } from "../http/rate-limit";
import { DEFAULT_LOCALE, type Locale } from "../i18n/config";
import { messagesFor } from "../i18n/messages";
import { isMainlandMobile, normalisePhone } from "../identity/phone";
import { logger } from "../logger";
import { smsProviderFromEnv, type SmsProvider } from "../notifications/sms";
import { piiKeys } from "../security/pii";
import { wherePhone } from "./identity-fields";

/**
 * One-time SMS codes that prove a person holds a phone number (统一身份认证: the phone is one of the verification
 * factors of self-registration, see README "Identity").
 *
 * - Asking for a code always gets the same answer, whether or not the number already has an account: a number
 *   that does not fit the purpose (registration: one with an account; 找回密码: one without an applicant's
 *   account) gets a message saying so instead of a code, so only the phone's holder learns it.
 * - Limits: per number and purpose (one a minute, five an hour), per number (ten a day), per address
 *   (SMS_CODES_PER_ADDRESS_PER_HOUR) and for the whole platform (a flood of paid SMS is a cost attack), all shared
 *   by every instance (lib/http/rate-limit.ts).
 * - A code lives CODE_MINUTES, is used once, and allows MAX_TRIES wrong tries; a new code replaces the old one.
 *   Only keyed hashes of the number and the code are stored.
 */
export const CODE_MINUTES = 10;
export const MAX_TRIES = 5;
export const CODES_PER_PHONE_PER_HOUR = 5;
export const CODES_PER_ADDRESS_PER_HOUR = env().SMS_CODES_PER_ADDRESS_PER_HOUR;
export const CODES_PER_HOUR_PLATFORM = 3000;

/** `register`: a number without an account; `resetPassword` (找回密码): the number of an applicant's account. */
export type PhoneCodePurpose = "register" | "resetPassword";

const perPhoneMinute = createRateLimiter({ keyPrefix: "sms-code-phone-minute", points: 1, duration: 60 });
const perPhoneHour = createRateLimiter({
  keyPrefix: "sms-code-phone-hour",
  points: CODES_PER_PHONE_PER_HOUR,
  duration: 3600,
});
// All purposes together, per number and day: with five tries a code, guesses at one account's reset codes stay
// few however many addresses ask (and a number is not flooded by asking for each purpose in turn).
export const CODES_PER_PHONE_PER_DAY = 10;
const perPhoneDay = createRateLimiter({
  keyPrefix: "sms-code-phone-day",
  points: CODES_PER_PHONE_PER_DAY,
  duration: 86_400,
});
const perAddress = createRateLimiter({
  keyPrefix: "sms-code-address",
  points: CODES_PER_ADDRESS_PER_HOUR,
  duration: 3600,
});
const platform = createRateLimiter({ keyPrefix: "sms-code-platform", points: CODES_PER_HOUR_PLATFORM, duration: 3600 });

export const PhoneCodeRequest = z.object({
  phone: z
    .string()
    .max(40, "errors.tooLong")
    .refine((value) => isMainlandMobile(value), "errors.phone.format")
    .transform(normalisePhone),
});

function codeHash(phoneKey: string, code: string): string {
  return createHmac("sha256", piiKeys().lookup).update(`phone-code:${phoneKey}:${code}`).digest("hex");
}

function smsText(
  locale: Locale,
  key: "codeText" | "accountExistsText" | "resetCodeText" | "noResetText",
  params: Record<string, string>,
): string {
  const identity = (messagesFor(locale).identity ?? {}) as { sms?: Record<string, string> };
  const template = identity.sms?.[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => params[name] ?? "");
}

/**
 * Sends a code to `input.phone` (or, for a number that already has an account, a notice instead) and returns
 * when the next one may be asked for. Throws VALIDATION for a malformed number and THROTTLED over the limits.
 */
export async function requestPhoneCode(
  input: unknown,
  {
    purpose,
    ip,
    locale = DEFAULT_LOCALE,
    sms = smsProviderFromEnv(),
    now = new Date(),
  }: { purpose: PhoneCodePurpose; ip: string; locale?: Locale; sms?: SmsProvider; now?: Date },
): Promise<{ resendAfterSeconds: number }> {
  const parsed = PhoneCodeRequest.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "errors.form", {
      fieldErrors: { phone: parsed.error.issues[0]?.message ?? "errors.phone.format" },
    });
  const { phone } = parsed.data;
  const { phoneHash } = wherePhone(phone);
  for (const [limiter, key] of [
    [perPhoneMinute, `${purpose}:${phoneHash}`],
    [perPhoneHour, `${purpose}:${phoneHash}`],
    [perPhoneDay, phoneHash],
    [perAddress, ip],
    [platform, "all"],
  ] as const) {
    const wait = await retryAfterSeconds(limiter, key);
    if (wait) throw new AppError("THROTTLED", "identity.errors.codeThrottled", { retryAfterSeconds: wait });
  }
  const holder = await db().user.findFirst({ where: { phoneHash }, select: { id: true, role: true, status: true } });
  // Registration wants a free number, a reset an applicant's active account (staff passwords are reset by their
  // administrators, with the second factor); otherwise the number's holder is told why no code came.
  const codeFits =
    purpose === "register"
      ? holder === null
      : holder !== null && holder.status === "ACTIVE" && applicantKind(holder) !== null;
  if (!codeFits) {
    const notice = purpose === "register" ? "accountExists" : "noReset";
    await send(sms, { phone, template: `identity.${notice}`, params: {}, text: smsText(locale, `${notice}Text`, {}) });
    return { resendAfterSeconds: 60 };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db().$transaction(async (tx) => {
    // A new code replaces any earlier one for the number and purpose.
    await tx.phoneCode.updateMany({ where: { phoneHash, purpose, usedAt: null }, data: { usedAt: now } });
    await tx.phoneCode.create({
      data: {
        phoneHash,
        purpose,
        codeHash: codeHash(phoneHash, code),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
        createdAt: now,
      },
    });
  });
  const text = smsText(locale, purpose === "register" ? "codeText" : "resetCodeText", {
    code,
    minutes: String(CODE_MINUTES),
  });
  await send(sms, {
    phone,
    template: purpose === "register" ? "identity.code" : "identity.resetCode",
    params: { code, minutes: String(CODE_MINUTES) },
    text,
  });
  return { resendAfterSeconds: 60 };
}

async function send(sms: SmsProvider, message: Parameters<SmsProvider["send"]>[0]): Promise<void> {
  try {
    const result = await sms.send(message);
    if (!result.sent)
      logger.warn({ component: "sms", template: message.template, reason: result.skipped }, "one-time code not sent");
  } catch (error) {
    // The answer stays the same (nothing to learn from it); the person can ask again after the minute.
    logger.error(
      { component: "sms", template: message.template, reason: error instanceof Error ? error.message : String(error) },
      "one-time code not sent",
    );
  }
}

/**
 * Checks the code for `phone` and returns its id for `consumePhoneCode`. One try is counted first, in its own
 * statement (committed whatever happens next, so a failing registration cannot hand the try back), and no number of
 * concurrent tries gets past MAX_TRIES. Throws VALIDATION with a field error on `smsCode` when there is no live
 * code, its tries are used up, or it is wrong.
 */
export async function verifyPhoneCode({
  phone,
  code,
  purpose,
  now = new Date(),
}: {
  phone: string;
  code: string;
  purpose: PhoneCodePurpose;
  now?: Date;
}): Promise<{ codeId: string }> {
  const { phoneHash } = wherePhone(normalisePhone(phone));
  const rows = await db().$queryRaw<{ id: string; code_hash: string }[]>`
    UPDATE phone_code SET attempts = attempts + 1
    WHERE id = (
      SELECT id FROM phone_code
      WHERE phone_hash = ${phoneHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
      ORDER BY created_at DESC LIMIT 1
      FOR UPDATE
    ) AND attempts < ${MAX_TRIES}
    RETURNING id::text, code_hash`;
  const row = rows[0];
  const expected = Buffer.from(row?.code_hash ?? "0".repeat(64), "utf8");
  const given = Buffer.from(codeHash(phoneHash, code.trim()), "utf8");
  const matches = expected.length === given.length && timingSafeEqual(expected, given) && row !== undefined;
  if (!row || !matches)
    throw new AppError("VALIDATION", "errors.form", {
      fieldErrors: { smsCode: row ? "identity.errors.codeWrong" : "identity.errors.codeExpired" },
    });
  return { codeId: row.id };
}

/** Marks a verified code used, inside the transaction that creates what it proves; a code is used once. */
export async function consumePhoneCode(tx: Pick<Db, "phoneCode">, codeId: string, now = new Date()): Promise<void> {
  const { count } = await tx.phoneCode.updateMany({ where: { id: codeId, usedAt: null }, data: { usedAt: now } });
  if (count !== 1)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: { smsCode: "identity.errors.codeExpired" } });
}
