/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character set
 * (digits and capitals without I, O, Z, S, V); the last is a check character (weights 3^i mod 31).
 */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i] ?? "") * (WEIGHTS[i] ?? 0);
  return CHARSET[(31 - (sum % 31)) % 31] ?? "";
}

export function normaliseCreditCode(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

export type CreditCodeProblem = "format" | "checksum";

export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const value = normaliseCreditCode(raw);
  // Registration authority (1-9, A-G, Y) and organisation category, then 6-digit region code.
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return "format";
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return "checksum";
  return null;
}
