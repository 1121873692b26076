/**
 * Resident identity numbers (公民身份号码), GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence, and a check character computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "";
}

/** Upper-cases the check character and strips spaces people type. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

export type IdNumberProblem = "format" | "birthDate" | "checksum";

/** Returns why an ID number is invalid, or null when it is valid. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const value = normaliseIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return "format";
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1800 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > today.getTime()
  ) {
    return "birthDate";
  }
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return "checksum";
  return null;
}

/** Masks an ID number for lists: first 3 and last 4 characters shown. */
export function maskIdNumber(value: string): string {
  return value.length < 8
    ? "*".repeat(value.length)
    : `${value.slice(0, 3)}${"*".repeat(value.length - 7)}${value.slice(-4)}`;
}
