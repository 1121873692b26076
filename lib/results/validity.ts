/**
 * The last day a licence issued on `issuedOn` is valid (YYYY-MM-DD): the day before the same date `months` later
 * (a 5-year licence issued 2026-12-07 is valid to 2031-12-06); when that month has no such day, its last day
 * (民法典 §203: a period without a corresponding date ends on the month's last day).
 */
export function validUntil(issuedOn: string, months: number | null): string | null {
  if (months === null) return null;
  const [year, month, day] = issuedOn.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const end =
    day > lastDay
      ? new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), lastDay))
      : new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day) - 86_400_000);
  return `${end.getUTCFullYear()}-${String(end.getUTCMonth() + 1).padStart(2, "0")}-${String(end.getUTCDate()).padStart(2, "0")}`;
}
