import "server-only";
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { dateColumnToIso } from "../calendar/china-time";
import { hashQueryCode } from "../cases/case-number";
import { db } from "../db/client";
import { AppError } from "../errors";
import { createRateLimiter, type RateLimiter, refundPoint, retryAfterSeconds } from "../http/rate-limit";
import type { Locale } from "../i18n/config";
import { messagesFor } from "../i18n/messages";

/**
 * Public status lookup (no sign-in): case number + query code → status, item, department and dates, nothing
 * personal. An unknown number and a wrong code give the same answer (null → the same 404), and the code is
 * always hashed and compared in constant time against the stored hash or a dummy one, so timing tells nothing.
 * Lookups are rate limited per address (and wrong codes per case number, against guessing one case's code from
 * many addresses).
 */

export const LookupInput = z.object({
  caseNumber: z
    .string()
    .trim()
    .regex(/^\d{20}$/, "feedback.track.errors.caseNumber"),
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, "").toUpperCase())
    .pipe(z.string().regex(/^[0-9A-Z]{8}$/, "feedback.track.errors.code")),
});
export type LookupInput = z.infer<typeof LookupInput>;

export type CaseStatusView = {
  caseNumber: string;
  item: string;
  department: string;
  status: string;
  statusLabel: string;
  submittedAt: string;
  acceptedAt: string | null;
  dueDate: string | null;
  completedAt: string | null;
};

/** Lookups per minute from one address, and wrong codes per hour for one case number. */
export const LOOKUPS_PER_MINUTE = 20;
export const WRONG_CODES_PER_CASE_PER_HOUR = 20;
// Shared by all instances (lib/http/rate-limit.ts): N instances must not mean N times the guesses.
const perAddress = createRateLimiter({ points: LOOKUPS_PER_MINUTE, duration: 60, keyPrefix: "track-ip" });
// Once a case's wrong codes are used up, its lookups stay locked for a whole hour: the right code is refused too.
const perCase = createRateLimiter({
  points: WRONG_CODES_PER_CASE_PER_HOUR,
  duration: 3600,
  blockDuration: 3600,
  keyPrefix: "track-case",
});

const DUMMY_HASH = "0".repeat(64);

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a.padEnd(64, "0").slice(0, 64), "utf8");
  const right = Buffer.from(b.padEnd(64, "0").slice(0, 64), "utf8");
  return timingSafeEqual(left, right);
}

async function consume(limiter: RateLimiter, key: string): Promise<void> {
  const wait = await retryAfterSeconds(limiter, key);
  if (wait) throw new AppError("THROTTLED", "feedback.track.errors.throttled", { retryAfterSeconds: wait });
}

function statusLabel(locale: Locale, status: string): string {
  const cases = (messagesFor(locale).cases ?? {}) as { status?: Record<string, string> };
  return cases.status?.[status] ?? status;
}

/**
 * The public view of a case, or null when the number is unknown or the code is wrong (callers answer both the
 * same way). Throws VALIDATION for malformed input and THROTTLED (with retryAfterSeconds) over the limits.
 */
export async function lookupCaseStatus(
  input: unknown,
  { ip, locale = "zh-CN" }: { ip: string; locale?: Locale },
): Promise<CaseStatusView | null> {
  await consume(perAddress, ip);
  const parsed = LookupInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(
      parsed.error.issues.map((issue) => [String(issue.path[0] ?? "caseNumber"), issue.message]),
    );
    throw new AppError("VALIDATION", "feedback.track.errors.form", { fieldErrors });
  }
  const { caseNumber, code } = parsed.data;
  // The guess is counted before the code is compared, and given back only when it was right: a locked case answers
  // "throttled" whatever the code (a 200 after lockout would tell the right code from the wrong ones), and no
  // number of concurrent guesses can pass a check that has not counted them yet.
  await consume(perCase, caseNumber);
  const row = await db().case.findUnique({
    where: { caseNumber },
    select: {
      caseNumber: true,
      queryCodeHash: true,
      status: true,
      submittedAt: true,
      acceptedAt: true,
      dueDate: true,
      completedAt: true,
      serviceItemId: true,
      departmentId: true,
    },
  });
  const matches = sameHash(hashQueryCode(code), row?.queryCodeHash ?? DUMMY_HASH) && row !== null;
  if (!matches || !row) return null;
  await refundPoint(perCase, caseNumber);
  const [item, department] = await Promise.all([
    db().serviceItem.findUnique({ where: { id: row.serviceItemId }, select: { name: true, nameEn: true } }),
    db().department.findUnique({ where: { id: row.departmentId }, select: { name: true, nameEn: true } }),
  ]);
  return {
    caseNumber: row.caseNumber,
    item: (locale === "en" ? item?.nameEn || item?.name : item?.name) ?? "",
    department: (locale === "en" ? department?.nameEn || department?.name : department?.name) ?? "",
    status: row.status,
    statusLabel: statusLabel(locale, row.status),
    submittedAt: row.submittedAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    dueDate: dateColumnToIso(row.dueDate),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
