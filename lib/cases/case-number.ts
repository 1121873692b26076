import { createHash, randomInt } from "node:crypto";
import { chinaDate } from "../calendar/china-time";
import type { Prisma } from "../generated/prisma/client";

/**
 * Case numbers `{6-digit region}{yyyyMMdd}{6-digit daily sequence}` (docs/domain.md): readable and sortable, unique
 * through a per-region, per-day counter row that the submitting transaction increments (the row lock serialises
 * concurrent submissions in one region; other regions do not wait). The number alone reveals nothing: status
 * lookup without sign-in also needs the random query code, which is stored only as a hash.
 */

type Tx = Prisma.TransactionClient;

export async function nextCaseNumber(tx: Tx, regionCode: string, at: Date): Promise<string> {
  const region6 = regionCode.slice(0, 6).padEnd(6, "0");
  // The date in China, where the case is filed (a case filed at 00:30 Beijing time is that day's).
  const day = chinaDate(at);
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO case_number_sequence (region_code, day, last) VALUES (${region6}, ${day}::date, 1)
    ON CONFLICT (region_code, day) DO UPDATE SET last = case_number_sequence.last + 1
    RETURNING last`;
  const sequence = rows[0]?.last;
  if (!sequence || sequence > 999_999) throw new Error(`case number sequence exhausted for ${region6} on ${day}`);
  return `${region6}${day.replaceAll("-", "")}${String(sequence).padStart(6, "0")}`;
}

/** 8 characters without look-alikes (no 0/O, 1/I/L), read out over the phone without mistakes. */
const QUERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newQueryCode(): string {
  return Array.from({ length: 8 }, () => QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]).join("");
}

/** Codes are compared case-insensitively and without spaces, as people type them. */
export function hashQueryCode(code: string): string {
  return createHash("sha256").update(code.replace(/\s+/g, "").toUpperCase()).digest("hex");
}

export function isCaseNumber(value: unknown): value is string {
  return typeof value === "string" && /^\d{20}$/.test(value);
}
