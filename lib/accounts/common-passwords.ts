import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Passwords too common to allow (issue 15: "refused when in a list of common passwords shipped with the project").
 * The list is @zxcvbn-ts/language-common's `passwords-common` (about 30,000 passwords ranked by frequency in leaked
 * password sets), installed with the project, so no network is needed; the few below are frequent in Chinese
 * leaks and missing from it. Compared case-insensitively. Server side only: the list would weigh on every form.
 */
const CHINESE_COMMON = [
  "woaini1314",
  "woaini520",
  "woaini123",
  "5201314520",
  "qq123456789",
  "aa123456789",
  "a1234567890",
  "abc1234567",
  "zxcvbnm123",
  "1qaz2wsx3edc",
  "wang123456",
  "zhang123456",
  "li12345678",
  "asd1234567",
  "qwe1234567",
  "password123",
  "passw0rd123",
];

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    [...(dictionary["passwords-common"] as string[]), ...CHINESE_COMMON].map((entry) => entry.toLowerCase()),
  );
  return common.has(password.toLowerCase());
}
