import "server-only";
import { z } from "zod";
import { text } from "../validation/text";
import { chinaToday } from "../calendar/china-time";
import { addDays, isIsoDate } from "../calendar/working-days";
import { db } from "../db/client";

/**
 * The filters every supervision and statistics view shares (dashboard, drill-down lists, statistics, the public
 * figures): a date range of calendar days in China and a region (with everything below it). One schema for pages,
 * exports and the public API.
 */

const isoDate = text()
  .refine((value) => value === "" || isIsoDate(value), "supervision.errors.date")
  .optional()
  .transform((value) => (value ? value : undefined));

export const RangeFilters = z
  .object({
    from: isoDate,
    to: isoDate,
    /** A region code (12 digits); cases of the region and of every region below it. */
    region: text()
      .regex(/^(\d{12})?$/, "supervision.errors.region")
      .optional()
      .transform((value) => (value ? value : undefined)),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    message: "supervision.errors.range",
    path: ["to"],
  });

export type RangeFilters = z.infer<typeof RangeFilters>;

/** Default: the last 30 days up to today (in China). Ranges are capped at 5 years. */
export function resolveRange(filters: RangeFilters, now: Date = new Date()): { from: string; to: string } {
  const to = filters.to ?? chinaToday(now);
  let from = filters.from ?? addDays(to, -29);
  if (from < addDays(to, -366 * 5)) from = addDays(to, -366 * 5);
  return { from, to };
}

/** A region and all its descendants (codes), or null for "every region". Unknown codes give an empty list. */
export async function regionScope(regionCode: string | undefined): Promise<string[] | null> {
  if (!regionCode) return null;
  const regions = await db().region.findMany({ select: { code: true, parentCode: true } });
  if (!regions.some((region) => region.code === regionCode)) return [];
  const children = new Map<string, string[]>();
  for (const region of regions)
    if (region.parentCode) children.set(region.parentCode, [...(children.get(region.parentCode) ?? []), region.code]);
  const scope: string[] = [];
  const stack = [regionCode];
  while (stack.length > 0) {
    const code = stack.pop() as string;
    scope.push(code);
    stack.push(...(children.get(code) ?? []));
  }
  return scope;
}

/** Search parameters of a page as plain strings (first value of each). */
export function firstValues(
  raw: Record<string, string | string[] | undefined>,
  keys: readonly string[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of keys) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first !== "") values[key] = first.slice(0, 200);
  }
  return values;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return fieldErrors;
}
