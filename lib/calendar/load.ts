import "server-only";
import { cache } from "react";
import { db } from "../db/client";
import { chinaToday, dateColumnToIso, isoToDateColumn } from "./china-time";
import { createCalendar, type CalendarRow, type WorkingCalendar } from "./working-days";

/**
 * The working-day calendar from the Holiday table (deadlines read only the table; docs/domain.md "Working days").
 * Cached per request (React `cache`), so a queue of a hundred cases reads the table once.
 */

/** The region's ancestors and itself, from the top (province) down; empty for an unknown code. */
export async function regionPath(regionCode: string): Promise<string[]> {
  const path: string[] = [];
  let code: string | null = regionCode;
  // Regions are at most four levels deep (province, city, county, township); the guard stops a broken cycle.
  for (let depth = 0; code && depth < 8 && !path.includes(code); depth++) {
    const region: { code: string; parentCode: string | null } | null = await db().region.findUnique({
      where: { code },
      select: { code: true, parentCode: true },
    });
    if (!region) break;
    path.unshift(region.code);
    code = region.parentCode;
  }
  return path;
}

/**
 * The calendar of a place: national rows plus the rows of the region and every region above it (a county
 * inherits its city's and its province's rows); the most specific row wins on a date. Null: national only.
 */
export const loadCalendar = cache(async (regionCode: string | null): Promise<WorkingCalendar> => {
  const path = regionCode ? await regionPath(regionCode) : [];
  const rows = await db().holiday.findMany({
    where: { OR: [{ regionCode: null }, ...(path.length > 0 ? [{ regionCode: { in: path } }] : [])] },
    select: { date: true, kind: true, regionCode: true, name: true },
  });
  const calendarRows: CalendarRow[] = rows.map((row) => ({
    date: dateColumnToIso(row.date),
    kind: row.kind,
    regionCode: row.regionCode,
    name: row.name,
  }));
  return createCalendar(calendarRows, path);
});

/**
 * Which of the current and the next year (in China) have no national rows: deadlines there fall back to
 * Monday–Friday, so administrators must be warned to load or enter them.
 */
export async function missingCalendarYears(now: Date = new Date()): Promise<number[]> {
  const year = Number(chinaToday(now).slice(0, 4));
  const years = [year, year + 1];
  const found = await db().holiday.findMany({
    where: {
      regionCode: null,
      date: { gte: isoToDateColumn(`${year}-01-01`), lte: isoToDateColumn(`${year + 1}-12-31`) },
    },
    select: { date: true },
    distinct: ["date"],
  });
  const covered = new Set(found.map((row) => row.date.getUTCFullYear()));
  return years.filter((candidate) => !covered.has(candidate));
}
