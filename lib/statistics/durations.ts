import { type IsoDate, toDayNumber, fromDayNumber, type WorkingCalendar } from "../calendar/working-days";

/**
 * Working days a case used against its promised limit (办结用时), counted like the deadline (lib/calendar
 * computeDeadline with WORKING_DAY limits): from the day after acceptance up to and including the completion day,
 * skipping days off and every day inside a pause (special procedure, supplement after acceptance). A case completed
 * on the day it was accepted used 0 days. Plain TypeScript, no database.
 */
export function workingDaysUsed(
  calendar: WorkingCalendar,
  acceptedOn: IsoDate,
  completedOn: IsoDate,
  pauses: readonly { from: IsoDate; to?: IsoDate | null }[] = [],
): number {
  const start = toDayNumber(acceptedOn);
  const end = toDayNumber(completedOn);
  if (end <= start) return 0;
  const ranges = pauses.map((pause) => [toDayNumber(pause.from), pause.to ? toDayNumber(pause.to) : end] as const);
  let used = 0;
  for (let day = start + 1; day <= end; day++) {
    if (ranges.some(([from, to]) => day >= from && day <= to)) continue;
    if (calendar.isWorkingDay(fromDayNumber(day))) used++;
  }
  return used;
}

/** The smallest value v with at least p of the observations ≤ v (nearest-rank percentile) from a histogram. */
export function percentileOfHistogram(histogram: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}
