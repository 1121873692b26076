/**
 * Masks what in a search query could identify a person before the query is stored: any run of six or more digits
 * (spaces or hyphens between them allowed: ID numbers, phone numbers, case numbers, query codes, credit codes), the
 * letters and digits joined to such a run (the X of an ID number, the letters of a 统一社会信用代码), and e-mail
 * addresses. Each masked part becomes one "＃", so "身份证 33010219900101123X" is stored as "身份证 ＃" and still
 * counts as a search for an ID card. Shorter numbers (a year, "12345", a form number) stay: they name things, not
 * people. The SQL of migration 20261208090013 drops old rows by the same digit-run rule.
 */
import { normalize } from "../search/analyze";

const EMAIL = /[^\s@]+@[^\s@]+/g;
const DIGIT_RUN = /\d(?:[\s-]*\d){5,}/g;
const JOINED_TO_MASK = /[0-9A-Za-z]*＃[0-9A-Za-z＃]*/g;

export const MASK = "＃";

export function maskSearchQuery(query: string): string {
  return query.replace(EMAIL, MASK).replace(DIGIT_RUN, MASK).replace(JOINED_TO_MASK, MASK);
}

/**
 * The text a search is counted under: the query as typed, masked, then normalised as the search normalises it
 * (lib/search/analyze.ts) part by part, so the mask survives and the same search always gets the same key.
 */
export function searchLogText(typed: string): string {
  // Full-width digits and letters become ASCII first, or the masks would not see them.
  return maskSearchQuery(
    String(typed ?? "")
      .slice(0, 400)
      .normalize("NFKC"),
  )
    .split(MASK)
    .map((part) => normalize(part))
    .join(` ${MASK} `)
    .replace(/\s+/g, " ")
    .trim();
}
