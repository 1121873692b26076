import "server-only";
import { loadCalendar } from "../calendar/load";
import { chinaToday, dateColumnToIso, isoToDateColumn } from "../calendar/china-time";
import { addWorkingDays, workingDaysBetween } from "../calendar/working-days";
import { db } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { OWED_RECTIFICATION_STATUSES } from "./rectification-states";

/**
 * Due dates in working days for rectifications and consultations, and their warning like cases: green, yellow
 * when at most one working day is left (reference §2.5: a reminder one working day before), red when overdue.
 */

export type DueWarning = "GREEN" | "YELLOW" | "RED";

async function calendarOfDepartment(departmentId: string) {
  const department = await db().department.findUnique({ where: { id: departmentId }, select: { regionCode: true } });
  return loadCalendar(department?.regionCode ?? null);
}

/** The date (a @db.Date value) `workingDays` working days after today in China, in the department's calendar. */
export async function dueDateFor(departmentId: string, workingDays: number, now: Date = new Date()): Promise<Date> {
  const calendar = await calendarOfDepartment(departmentId);
  return isoToDateColumn(addWorkingDays(calendar, chinaToday(now), workingDays));
}

/**
 * Overdue: not done, and the due date is before today in China; a task due today is on time until that day ends
 * in China. The warnings below, the supervisors' overdue list and the dashboard figure with its drill-down all
 * compare with `chinaToday(now)` (never the UTC date, which lags China's from 00:00 to 08:00), so they agree at
 * any hour.
 */

/** Rectifications the department still owes a reply on (lib/evaluation/rectification-states.ts); only these can be overdue. */
export function isOpenRectification(status: string): boolean {
  return (OWED_RECTIFICATION_STATUSES as readonly string[]).includes(status);
}

/** Overdue rectifications, for Prisma queries (the supervisors' review page). */
export function overdueRectificationWhere(now: Date): Prisma.RectificationWhereInput {
  return { status: { in: [...OWED_RECTIFICATION_STATUSES] }, dueDate: { lt: isoToDateColumn(chinaToday(now)) } };
}

export async function warningsFor(
  rows: { departmentId: string; dueDate: Date; done: boolean }[],
  now: Date = new Date(),
): Promise<DueWarning[]> {
  const today = chinaToday(now);
  const out: DueWarning[] = [];
  for (const row of rows) {
    if (row.done) {
      out.push("GREEN");
      continue;
    }
    const due = dateColumnToIso(row.dueDate);
    if (due < today) {
      out.push("RED");
      continue;
    }
    const calendar = await calendarOfDepartment(row.departmentId);
    out.push(workingDaysBetween(calendar, today, due) <= 1 ? "YELLOW" : "GREEN");
  }
  return out;
}
