import "server-only";
import { loadCalendar } from "../calendar/load";
import { addWorkingDays, shanghaiDate, workingDaysBetween } from "../calendar/working-days";
import { db } from "../db/client";

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
  return new Date(`${addWorkingDays(calendar, shanghaiDate(now), workingDays)}T00:00:00.000Z`);
}

export async function warningsFor(rows: { departmentId: string; dueDate: Date; done: boolean }[], now: Date = new Date()): Promise<DueWarning[]> {
  const today = shanghaiDate(now);
  const out: DueWarning[] = [];
  for (const row of rows) {
    if (row.done) {
      out.push("GREEN");
      continue;
    }
    const due = row.dueDate.toISOString().slice(0, 10);
    if (due < today) {
      out.push("RED");
      continue;
    }
    const calendar = await calendarOfDepartment(row.departmentId);
    out.push(workingDaysBetween(calendar, today, due) <= 1 ? "YELLOW" : "GREEN");
  }
  return out;
}
