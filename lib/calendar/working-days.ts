/**
 * The working-day calendar (工作日历) and case deadlines (办理时限). Plain TypeScript, no database: build a
 * calendar from holiday rows with {@link createCalendar} (lib/calendar/load.ts reads them from the Holiday table).
 *
 * Dates are calendar dates in China (Asia/Shanghai) written "YYYY-MM-DD" ({@link IsoDate}). Arithmetic is done
 * on day numbers (days since 1970-01-01 of the proleptic Gregorian calendar), never on instants, so no time-zone
 * conversion can move a day. Instants ("now", a timestamp) become dates through ./china-time.ts (chinaDate,
 * chinaToday), the one place that knows the time zone.
 *
 * Rules:
 * - A date with a row in the calendar is what the row says: HOLIDAY is a day off (also on a weekday), MAKEUP_WORKDAY
 *   (调休上班) is a working day (also on a Saturday or Sunday). Any other date is a working day from Monday to
 *   Friday.
 * - National rows (regionCode null) apply everywhere; a region's own rows add to them, and on the same date the
 *   most specific region wins (county over city over province over national).
 * - A year is covered when the national calendar has at least one row in it. Dates in other years fall back to
 *   Monday–Friday, and every result that touched such a year reports it (`missingYears`), so an administrator can
 *   be warned instead of deadlines silently ignoring the Spring Festival.
 */

export type IsoDate = string;
export type HolidayKind = "HOLIDAY" | "MAKEUP_WORKDAY";
export type TimeUnit = "WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH";

/** One row of the Holiday table, with its date as a calendar date. */
export type CalendarRow = { date: IsoDate; kind: HolidayKind; regionCode: string | null; name?: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a "YYYY-MM-DD" date; throws on anything that is not a real calendar date. */
export function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return Math.round(ms / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 1 Monday … 7 Sunday (ISO 8601). */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The date N calendar months after `date`; a day missing in the target month becomes its last day (民法典 第二百零二条). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const totalMonths = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(match[3]), lastDay);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export type WorkingCalendar = {
  /** True on Monday–Friday unless a row says HOLIDAY, and on any MAKEUP_WORKDAY. */
  isWorkingDay(date: IsoDate): boolean;
  /** The row that decides this date (the most specific region's), if any. */
  entryFor(date: IsoDate): CalendarRow | undefined;
  /** Years with national rows; other years fall back to Monday–Friday. */
  readonly coveredYears: ReadonlySet<number>;
  /** The years from `from` to `to` (inclusive) that have no national rows. */
  missingYears(from: IsoDate, to: IsoDate): number[];
};

/**
 * Builds a calendar for one place. `regionPath` lists the place's regions from the top (province) down to the
 * place itself; rows of regions not on the path are ignored, and on the same date a row of a region further
 * down the path replaces one further up (national rows are at the very top).
 */
export function createCalendar(rows: readonly CalendarRow[], regionPath: readonly string[] = []): WorkingCalendar {
  const rank = (regionCode: string | null) => (regionCode === null ? 0 : regionPath.indexOf(regionCode) + 1);
  const entries = new Map<number, { row: CalendarRow; rank: number }>();
  const coveredYears = new Set<number>();
  for (const row of rows) {
    if (row.regionCode !== null && !regionPath.includes(row.regionCode)) continue;
    const day = toDayNumber(row.date);
    const current = entries.get(day);
    const rowRank = rank(row.regionCode);
    if (!current || rowRank >= current.rank) entries.set(day, { row, rank: rowRank });
    if (row.regionCode === null) coveredYears.add(Number(row.date.slice(0, 4)));
  }
  return {
    coveredYears,
    entryFor: (date) => entries.get(toDayNumber(date))?.row,
    isWorkingDay(date) {
      const entry = entries.get(toDayNumber(date));
      if (entry) return entry.row.kind === "MAKEUP_WORKDAY";
      return isoWeekday(date) <= 5;
    },
    missingYears(from, to) {
      const missing: number[] = [];
      for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
        if (!coveredYears.has(year)) missing.push(year);
      return missing;
    },
  };
}

export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  return calendar.isWorkingDay(date);
}

/** The first working day strictly after `date` (with `{ inclusive: true }`, `date` itself when it is one). */
export function nextWorkingDay(
  calendar: WorkingCalendar,
  date: IsoDate,
  { inclusive = false }: { inclusive?: boolean } = {},
): IsoDate {
  let day = toDayNumber(date) + (inclusive ? 0 : 1);
  // Chinese holidays never run longer than a couple of weeks; a year of days off means broken data.
  for (let guard = 0; guard < 366; guard++, day++)
    if (calendar.isWorkingDay(fromDayNumber(day))) return fromDayNumber(day);
  throw new RangeError(`no working day within a year after ${date}`);
}

export type CountingOptions = {
  /**
   * Whether the start date itself is day 1 when it is a working day. Default false: the clock starts at
   * acceptance and the day after it is day 1 (docs/domain.md "Clock"; 民法典 第二百零一条: 开始的当日不计入).
   */
  countStartDay?: boolean;
};

/**
 * The n-th working day counted from `start`. With the default options, day 1 is the first working day after
 * `start`; with `countStartDay`, `start` is day 1 when it is a working day. n = 0 returns `start` itself.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  start: IsoDate,
  n: number,
  options: CountingOptions = {},
): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return start;
  return walk(start, n, options.countStartDay ?? false, (date) => calendar.isWorkingDay(date));
}

/**
 * Working days after `a` up to and including `b` (so Friday → next Monday is 1, a date to itself is 0).
 * Negative when `b` is before `a`.
 */
export function workingDaysBetween(calendar: WorkingCalendar, a: IsoDate, b: IsoDate): number {
  return countDays(a, b, (date) => calendar.isWorkingDay(date));
}

/** Days d with from < d ≤ to that pass `counts`; negative when to < from. */
function countDays(from: IsoDate, to: IsoDate, counts: (date: IsoDate) => boolean): number {
  const [start, end] = [toDayNumber(from), toDayNumber(to)];
  const sign = end >= start ? 1 : -1;
  const [low, high] = sign === 1 ? [start, end] : [end, start];
  let total = 0;
  for (let day = low + 1; day <= high; day++) if (counts(fromDayNumber(day))) total++;
  return total === 0 ? 0 : sign * total;
}

/** The date on which the n-th counting day (n ≥ 1) after `start` falls. */
function walk(start: IsoDate, n: number, countStart: boolean, counts: (date: IsoDate) => boolean): IsoDate {
  let day = toDayNumber(start) + (countStart ? 0 : 1);
  let counted = 0;
  // Enough for any real limit (a few hundred days) plus long pauses; beyond that the input is broken.
  for (let guard = 0; guard < 20_000; guard++, day++) {
    if (counts(fromDayNumber(day)) && ++counted === n) return fromDayNumber(day);
  }
  throw new RangeError(`cannot count ${n} days from ${start}`);
}

/** A stretch when the clock stops (补正 after acceptance, 特别程序 such as a hearing or inspection). */
export type Pause = {
  /** First day the clock is stopped. */
  from: IsoDate;
  /** Last day the clock is stopped (the clock runs again the day after); absent while the pause is still open. */
  to?: IsoDate | null;
};

export type DeadlineInput = {
  /** Date of acceptance (受理): the clock starts here. */
  acceptedOn: IsoDate;
  /** The limit; value 0 means handled on the spot (即办件), due on the acceptance date. */
  limit: { value: number; unit: TimeUnit };
  pauses?: readonly Pause[];
  /** "Today" in China; warnings and the days used are measured at this date. */
  today: IsoDate;
};

export type DeadlineOptions = CountingOptions & {
  /** Yellow when this many working days or fewer are left (default 1). */
  yellowWhenRemainingAtMost?: number;
  /** Yellow when this share of the working days has been used (default 0.8). */
  yellowWhenUsedShare?: number;
  /** Working hours in a day for HOUR limits (default 8). */
  hoursPerWorkingDay?: number;
  /**
   * CALENDAR_DAY and MONTH limits whose last day is a day off end on the next working day (default true; 民法典
   * 第二百零三条, 行政许可法 and 民事诉讼法 count periods the same way).
   */
  rollOffDaysToWorkingDay?: boolean;
};

export type WarningLevel = "green" | "yellow" | "red";

export type Deadline = {
  /** The last day to finish; null while an open pause stops the clock (see projectedDueDate). */
  dueDate: IsoDate | null;
  /** The due date if the clock ran again tomorrow; equals dueDate when no pause is open. */
  projectedDueDate: IsoDate;
  /** Working days counted from acceptance up to today, pauses excluded. */
  workingDaysUsed: number;
  /** Working days left after today up to the (projected) due date; negative once overdue. */
  workingDaysRemaining: number;
  level: WarningLevel;
  /** True while an open pause stops the clock today. */
  paused: boolean;
  /** Limit 0: handled on the spot (即办件). */
  onTheSpot: boolean;
  /** Years the computation touched that have no national calendar (Monday–Friday assumed). */
  missingYears: number[];
};

/**
 * The deadline of a case.
 *
 * - WORKING_DAY: the n-th working day after acceptance (the day after acceptance is day 1 unless
 *   `countStartDay`), skipping paused days.
 * - CALENDAR_DAY: the n-th calendar day after acceptance, skipping paused days; a last day that is a day off
 *   moves to the next working day.
 * - MONTH: the same day n months later (the month's last day when it has no such day), then one more day for
 *   each paused day after acceptance, then rolled to a working day like CALENDAR_DAY.
 * - HOUR: ceil(hours / hoursPerWorkingDay) working days, counting the acceptance day itself when it is a working
 *   day (a 2-hour item accepted on a Monday is due that Monday). The result is a date; callers needing the hour
 *   compare instants themselves.
 * - 0 of any unit: due on the acceptance date (即办件).
 *
 * Pauses: every day from `from` to `to` inclusive does not count; an open pause (no `to`) stops the clock from
 * `from` on, `dueDate` is null and `projectedDueDate` assumes the clock runs again tomorrow. Pauses that start
 * after today are ignored until they begin. Days before acceptance never count (a supplement before acceptance
 * happens before the clock starts). A day that is both paused and a holiday is skipped once.
 *
 * Warning: red when today is after the (projected) due date; otherwise yellow when at most
 * `yellowWhenRemainingAtMost` working days are left (once a working day has been used, or on the due date itself)
 * or at least `yellowWhenUsedShare` of the working days from acceptance to the due date have been used; otherwise
 * green.
 */
export function computeDeadline(
  calendar: WorkingCalendar,
  input: DeadlineInput,
  options: DeadlineOptions = {},
): Deadline {
  const { acceptedOn, limit, today } = input;
  if (!Number.isInteger(limit.value) || limit.value < 0)
    throw new RangeError(`a limit must be a whole number ≥ 0, got ${limit.value}`);
  const countStartDay = options.countStartDay ?? false;
  const yellowRemaining = options.yellowWhenRemainingAtMost ?? 1;
  const yellowShare = options.yellowWhenUsedShare ?? 0.8;
  const roll = options.rollOffDaysToWorkingDay ?? true;
  const todayNumber = toDayNumber(today);

  let paused = false;
  const ranges: [number, number][] = [];
  for (const pause of input.pauses ?? []) {
    const from = toDayNumber(pause.from);
    if (pause.to == null) {
      if (from > todayNumber) continue;
      paused = true;
      ranges.push([from, todayNumber]);
    } else {
      const to = toDayNumber(pause.to);
      if (to < from) throw new RangeError(`a pause ends before it starts: ${pause.from}..${pause.to}`);
      ranges.push([from, to]);
    }
  }
  const isPaused = (date: IsoDate) => {
    const day = toDayNumber(date);
    return ranges.some(([from, to]) => day >= from && day <= to);
  };
  const countsAsWorking = (date: IsoDate) => calendar.isWorkingDay(date) && !isPaused(date);
  const onTheSpot = limit.value === 0;

  let due: IsoDate;
  let countsFromStart = countStartDay;
  if (onTheSpot) {
    due = acceptedOn;
  } else if (limit.unit === "WORKING_DAY") {
    due = walk(acceptedOn, limit.value, countStartDay, countsAsWorking);
  } else if (limit.unit === "HOUR") {
    const days = Math.ceil(limit.value / (options.hoursPerWorkingDay ?? 8));
    countsFromStart = true;
    due = walk(acceptedOn, days, true, countsAsWorking);
  } else {
    let end: IsoDate;
    if (limit.unit === "CALENDAR_DAY") {
      end = walk(acceptedOn, limit.value, countStartDay, (date) => !isPaused(date));
    } else {
      end = addMonths(acceptedOn, limit.value);
      // Each paused day after acceptance pushes the end out by a day, including paused days the push reaches.
      for (let day = toDayNumber(acceptedOn) + 1; day <= toDayNumber(end); day++)
        if (isPaused(fromDayNumber(day))) end = addDays(end, 1);
    }
    due = roll ? nextWorkingDay(calendar, end, { inclusive: true }) : end;
  }

  // Used: counting working days from acceptance (or from the acceptance day itself) through today.
  const usedFrom = countsFromStart ? addDays(acceptedOn, -1) : acceptedOn;
  const used = todayNumber <= toDayNumber(usedFrom) ? 0 : countDays(usedFrom, today, countsAsWorking);
  const remaining = countDays(todayNumber < toDayNumber(usedFrom) ? usedFrom : today, due, countsAsWorking);
  const total = used + Math.max(remaining, 0);

  let level: WarningLevel = "green";
  if (todayNumber > toDayNumber(due)) level = "red";
  // The "days left" rule waits until a working day of the limit has passed (or the due date is today): a 1-day
  // promise is not overdue-ish the moment it is accepted (issue 18: it turned yellow at acceptance).
  else if (
    (remaining <= yellowRemaining && (used > 0 || remaining === 0)) ||
    (total > 0 && used / total >= yellowShare)
  )
    level = "yellow";

  const last = toDayNumber(due) > todayNumber ? due : today;
  const first = toDayNumber(acceptedOn) < todayNumber ? acceptedOn : today;
  return {
    dueDate: paused ? null : due,
    projectedDueDate: due,
    workingDaysUsed: used,
    workingDaysRemaining: remaining,
    level,
    paused,
    onTheSpot,
    missingYears: calendar.missingYears(first, last),
  };
}
