import { chinaDate, chinaToday } from "../calendar/china-time";
import {
  computeDeadline,
  type Deadline,
  type Pause,
  type TimeUnit,
  type WorkingCalendar,
} from "../calendar/working-days";

/**
 * A case's deadline in case terms (docs/domain.md "Clock"): the clock starts at acceptance (受理), counts working days
 * from the working-day calendar, and stops during pauses (a special procedure, a supplement after acceptance).
 * Supplements before acceptance never touch it: there is no acceptance yet. Plain TypeScript, no database; the
 * facts come from the case row, its pauses and the limits of the item version it was filed under.
 */

export type CaseLimit = { limit: number; unit: TimeUnit } | null;

export type CaseClockFacts = {
  acceptedAt: Date | null;
  pauses: readonly { startedAt: Date; endedAt: Date | null }[];
  promised: CaseLimit;
  statutory: CaseLimit;
};

export type WarningThresholds = { yellowDaysLeft: number; yellowUsedShare: number };

export const DEFAULT_THRESHOLDS: WarningThresholds = { yellowDaysLeft: 1, yellowUsedShare: 0.8 };

export type CaseWarning = "GREEN" | "YELLOW" | "RED";

export type CaseDeadline = {
  /** Promised deadline (承诺时限), or null before acceptance / without a limit. */
  promised: Deadline | null;
  /** Statutory deadline (法定时限). */
  statutory: Deadline | null;
  /** The due date to store on the case (the projected one while a pause is open). */
  dueDate: string | null;
  statutoryDueDate: string | null;
  warning: CaseWarning;
};

/** Pauses as calendar days: a pause started and ended on the same day stops the clock on that day. */
export function pausesAsDays(pauses: CaseClockFacts["pauses"]): Pause[] {
  return [...pauses]
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
    .map((pause) => ({ from: chinaDate(pause.startedAt), to: pause.endedAt ? chinaDate(pause.endedAt) : null }));
}

export function caseDeadline(
  calendar: WorkingCalendar,
  facts: CaseClockFacts,
  now: Date,
  thresholds: WarningThresholds = DEFAULT_THRESHOLDS,
): CaseDeadline {
  if (!facts.acceptedAt)
    return { promised: null, statutory: null, dueDate: null, statutoryDueDate: null, warning: "GREEN" };
  const acceptedOn = chinaDate(facts.acceptedAt);
  const today = chinaToday(now);
  const pauses = pausesAsDays(facts.pauses);
  const options = {
    yellowWhenRemainingAtMost: thresholds.yellowDaysLeft,
    yellowWhenUsedShare: thresholds.yellowUsedShare,
  };
  const compute = (limit: CaseLimit) =>
    limit
      ? computeDeadline(
          calendar,
          { acceptedOn, limit: { value: limit.limit, unit: limit.unit }, pauses, today },
          options,
        )
      : null;
  const promised = compute(facts.promised);
  const statutory = compute(facts.statutory);
  // The stricter of the two warnings: a promised limit within the statutory one normally decides.
  const levels = [promised?.level, statutory?.level];
  const warning: CaseWarning = levels.includes("red") ? "RED" : levels.includes("yellow") ? "YELLOW" : "GREEN";
  return {
    promised,
    statutory,
    dueDate: promised?.projectedDueDate ?? null,
    statutoryDueDate: statutory?.projectedDueDate ?? null,
    warning,
  };
}

const RANK: Record<CaseWarning, number> = { GREEN: 0, YELLOW: 1, RED: 2 };

/** True when `next` is a worse warning than `previous` (an escalation to record). */
export function isEscalation(previous: string, next: CaseWarning): boolean {
  return RANK[next] > (RANK[previous as CaseWarning] ?? 0);
}
