/**
 * Personal data that reaches a log line inside free text — typically an error message, such as Prisma's
 * validation errors, which print the arguments of the failed query — is masked before the line is written
 * (lib/logger.ts runs every logged error through `scrubError`). Keyed fields are redacted by pino's paths.
 *
 * Masked: mainland mobile numbers (11 digits starting 13–19) and resident ID numbers (17 digits + digit or X),
 * each standing alone (not part of a longer number: case numbers have 20 digits, item codes 31).
 */
const MOBILE = /(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])/g;
const ID_NUMBER = /(?<![0-9A-Za-z])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])/g;

export function scrubText(text: string): string {
  return text.replace(ID_NUMBER, "$1********$2").replace(MOBILE, "$1****$2");
}

/** A serialized error (pino's err serializer output) with personal data masked in every string field. */
export function scrubError<T>(value: T, depth = 0): T {
  if (typeof value === "string") return scrubText(value) as T;
  if (!value || typeof value !== "object" || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => scrubError(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = scrubError(inner, depth + 1);
  return out as T;
}

/** Keys whose values never reach a log (pino redact paths; `*` is one level). */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "idNumber",
  "*.idNumber",
  "*.*.idNumber",
  "phone",
  "*.phone",
  "*.*.phone",
  "token",
  "*.token",
  "access_token",
  "refresh_token",
  "*.access_token",
  "*.refresh_token",
  "secret",
  "*.secret",
  "req.headers.cookie",
  "req.headers.authorization",
  "headers.cookie",
  "headers.authorization",
];
