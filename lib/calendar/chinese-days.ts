import calendarData from "chinese-days/dist/chinese-days.json";
import type { CalendarRow } from "./working-days";

/**
 * The national calendar as published in the npm package `chinese-days` (from the State Council General Office's
 * yearly holiday notices, 国务院办公厅关于部分节假日安排的通知). Entries read "English name,中文名,days".
 */
type ChineseDaysFile = { holidays: Record<string, string>; workdays: Record<string, string> };
const data = calendarData as ChineseDaysFile;

/** The package's rows for one year, national (regionCode null), sorted by date; empty when it does not cover it. */
export function chineseDaysRows(year: number): (CalendarRow & { name: string })[] {
  const prefix = `${year}-`;
  const rows = [
    ...Object.entries(data.holidays).map(([date, detail]) => ({ date, detail, kind: "HOLIDAY" as const })),
    ...Object.entries(data.workdays).map(([date, detail]) => ({ date, detail, kind: "MAKEUP_WORKDAY" as const })),
  ]
    .filter((row) => row.date.startsWith(prefix))
    .map((row) => ({ date: row.date, kind: row.kind, regionCode: null, name: row.detail.split(",")[1] ?? row.detail }));
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The years the package covers. */
export function chineseDaysYears(): number[] {
  return [...new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);
}

/** The source written on rows loaded from the package; manual edits carry {@link MANUAL_SOURCE}. */
export const CHINESE_DAYS_SOURCE = "chinese-days";
export const MANUAL_SOURCE = "manual";
