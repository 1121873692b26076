import { addDays, type IsoDate, toDayNumber } from "./working-days";

/**
 * China time: every date a person sees or a deadline uses is a calendar date in China (Asia/Shanghai), and this
 * module is the one place that turns instants into such dates and back. Plain TypeScript, no Node or server
 * imports, so client components use it too. Date arithmetic (adding days, working days) is in ./working-days.ts.
 *
 * China Standard Time is UTC+8 all year (no daylight saving since 1991), so the date in China is the UTC date of
 * the instant 8 hours later, and a wall-clock time in China is an ISO string ending in "+08:00". From 16:00 to
 * 24:00 UTC (00:00 to 08:00 in China) the date in China is one day ahead of the UTC date, which is why
 * `now.toISOString().slice(0, 10)` is never "today".
 *
 * Three kinds of value, kept apart:
 * - an instant: a `Date`, a `timestamptz` column; {@link chinaDate} gives its date in China;
 * - a date in China, "YYYY-MM-DD" ({@link IsoDate}); {@link chinaDayStart} and {@link chinaDayEnd} bound it as
 *   instants, {@link chinaTime} gives a time of day on it;
 * - a `@db.Date` column, which Prisma reads and writes as midnight UTC of its date: {@link dateColumnToIso} and
 *   {@link isoToDateColumn} convert it, never the instant functions (the column already holds the date in China).
 *
 * SQL: "today" comes from here, `chinaToday(now)` passed as a `::date` parameter, never the database's
 * CURRENT_DATE or now(). The `now` a function receives then decides (tests fix it, as they do for every other
 * rule), and the server's TimeZone setting cannot move the day. A timestamp column becomes a date in China row by
 * row with {@link chinaDateSql}, the one spelling of `AT TIME ZONE 'Asia/Shanghai'`.
 */

/** The IANA name, for `Intl.DateTimeFormat`, next-intl's `timeZone` and SQL `AT TIME ZONE`. */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

const OFFSET_MS = 8 * 3_600_000;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The date in China at an instant (2025-01-27T17:30Z is 01:30 on 01-28 in China). */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as China's wall-clock time with its offset (2025-10-09T09:30:00+08:00): exports people open. */
export function chinaTimestamp(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, "+08:00");
}

/** Today's date in China. Library functions pass their `now`, so a test can fix the moment. */
export function chinaToday(now: Date = new Date()): IsoDate {
  return chinaDate(now);
}

/** The instant of a wall-clock time ("HH:mm", default midnight) on a date in China; throws on an impossible date or time. */
export function chinaTime(date: IsoDate, time = "00:00"): Date {
  toDayNumber(date);
  if (!TIME_OF_DAY.test(time)) throw new RangeError(`not an HH:mm time: ${time}`);
  return new Date(`${date}T${time}:00+08:00`);
}

/** The first instant of a date in China. */
export function chinaDayStart(date: IsoDate): Date {
  return chinaTime(date);
}

/** The first instant after a date in China (the next day's start), so a day is `start <= t < end`. */
export function chinaDayEnd(date: IsoDate): Date {
  return chinaTime(addDays(date, 1));
}

/** A `@db.Date` value (midnight UTC as Prisma returns it) as a date; null stays null. */
export function dateColumnToIso(value: Date): IsoDate;
export function dateColumnToIso(value: Date | null): IsoDate | null;
export function dateColumnToIso(value: Date | null): IsoDate | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/** A date as the value of a `@db.Date` column; null stays null. */
export function isoToDateColumn(date: IsoDate): Date;
export function isoToDateColumn(date: IsoDate | null): Date | null;
export function isoToDateColumn(date: IsoDate | null): Date | null {
  return date === null ? null : new Date(`${date}T00:00:00.000Z`);
}

/**
 * SQL for the wall-clock time in China of a timestamptz column (a `timestamp`), e.g. for `extract(hour FROM …)`.
 * `column` is SQL text: a column reference written in the code, never input.
 */
export function chinaTimestampSql(column: string): string {
  return `(${column} AT TIME ZONE '${CHINA_TIME_ZONE}')`;
}

/** SQL for the date in China of a timestamptz column (see {@link chinaTimestampSql}). */
export function chinaDateSql(column: string): string {
  return `${chinaTimestampSql(column)}::date`;
}
