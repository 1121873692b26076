import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/policy";
import { dateColumnToIso } from "../../lib/calendar/china-time";
import { takeCaseAction } from "../../lib/cases/take-action";
import { listQueue, queueCounts } from "../../lib/console/queues";
import { db } from "../../lib/db/client";
import { rateCase } from "../../lib/evaluation/evaluations";
import { listDepartmentRectifications, listForReview } from "../../lib/evaluation/rectifications";
import { sweepDeadlines } from "../../lib/jobs/deadlines";
import { listFigureCases } from "../../lib/supervision/cases";
import { dashboardFigures, resolveSlice } from "../../lib/supervision/dashboard";
import { actorFor, beijing, makeCase } from "./cases-fixtures";

/**
 * "Overdue" at night in China. From 00:00 to 08:00 in China the UTC date is still yesterday's, so a rule that took
 * "today" from the UTC date would call a task due yesterday (in China) on time. Everything here runs with `now`
 * fixed at 01:00 on Tuesday 2025-11-04 in China (17:00 UTC on Monday 11-03), and a moment before midnight.
 *
 * Made through the production paths (5 working days promised, no holiday in these weeks):
 *   case LATE       accepted Mon 10-27              due Mon 11-03 (yesterday in China)
 *   case TODAY      accepted Tue 10-28              due Tue 11-04 (today)
 *   rectification M rated 01:00 Mon 10-27 in China  due Mon 11-03 (yesterday)
 *   rectification T rated 10:00 Tue 10-28           due Tue 11-04 (today)
 */

const ONE_AM = new Date("2025-11-03T17:00:00Z");
const BEFORE_MIDNIGHT = new Date("2025-11-03T15:59:59Z");

let clerk: Actor;
let supervisor: Actor;
let departmentId = "";
const cases: Record<"late" | "today", string> = { late: "", today: "" };
const rated: Record<"monday" | "tuesday", { caseNumber: string; rectificationId: string }> = {
  monday: { caseNumber: "", rectificationId: "" },
  tuesday: { caseNumber: "", rectificationId: "" },
};

async function act(caseNumber: string, action: string, expectedVersion: number, now: Date) {
  return takeCaseAction(clerk, caseNumber, { action, expectedVersion }, { ip: null, now });
}

async function acceptedCase(day: string): Promise<string> {
  const made = await makeCase({ departmentId, submittedAt: beijing(day, 9) });
  await act(made.caseNumber, "accept", 0, beijing(day));
  return made.caseNumber;
}

/** A case accepted, approved and completed (the 办结 that makes it rateable), then rated 非常不满意 at `ratedAt`. */
async function badlyRatedCase(completedOn: string, ratedAt: Date) {
  const citizen = await actorFor({ phone: "13800138000" });
  const made = await makeCase({ departmentId, applicant: citizen, submittedAt: beijing(completedOn, 8) });
  await act(made.caseNumber, "accept", 0, beijing(completedOn, 9));
  await act(made.caseNumber, "approve", 1, beijing(completedOn, 11));
  await act(made.caseNumber, "complete", 2, beijing(completedOn, 15));
  const result = await rateCase(citizen, made.caseNumber, { level: 1, tags: ["slow"] }, { now: ratedAt });
  return { caseNumber: made.caseNumber, rectificationId: result.rectificationId ?? "" };
}

const dueDateOf = async (caseNumber: string) =>
  dateColumnToIso((await db().case.findUniqueOrThrow({ where: { caseNumber } })).dueDate);
const rectificationDue = async (id: string) =>
  dateColumnToIso((await db().rectification.findUniqueOrThrow({ where: { id } })).dueDate);

beforeAll(async () => {
  clerk = await actorFor({ loginName: "clerk" });
  supervisor = await actorFor({ loginName: "supervisor" });
  departmentId = clerk.departmentId ?? "";
  cases.late = await acceptedCase("2025-10-27");
  cases.today = await acceptedCase("2025-10-28");
  // 01:00 on Monday in China is 17:00 on Sunday in UTC: counted from the UTC date the task would be due on Friday.
  rated.monday = await badlyRatedCase("2025-10-24", new Date("2025-10-26T17:00:00Z"));
  rated.tuesday = await badlyRatedCase("2025-10-27", beijing("2025-10-28"));
});

async function figuresAt(now: Date) {
  return dashboardFigures(await resolveSlice(supervisor, { department: departmentId }, now), now);
}

async function drillDown(now: Date, input: Record<string, string>) {
  const page = await listFigureCases(supervisor, { department: departmentId, ...input }, { now, pageSize: 500 });
  expect(page.next).toBeNull();
  return page.rows.map((row) => row.caseNumber);
}

describe("overdue by the date in China, at 01:00 in China", () => {
  it("sets up the due dates the scenario needs", async () => {
    expect([await dueDateOf(cases.late), await dueDateOf(cases.today)]).toEqual(["2025-11-03", "2025-11-04"]);
    expect([
      await rectificationDue(rated.monday.rectificationId),
      await rectificationDue(rated.tuesday.rectificationId),
    ]).toEqual(["2025-11-03", "2025-11-04"]);
  });

  it("cases: the deadline job turns a case due yesterday red at 01:00, the dashboard count, its drill-down and the console agree", async () => {
    await sweepDeadlines({ now: BEFORE_MIDNIGHT });
    const warning = async (caseNumber: string) =>
      (await db().case.findUniqueOrThrow({ where: { caseNumber } })).warning;
    // 23:59:59 on Monday in China: LATE is due today, not yet overdue.
    expect([await warning(cases.late), await warning(cases.today)]).toEqual(["YELLOW", "YELLOW"]);

    await sweepDeadlines({ now: ONE_AM });
    expect([await warning(cases.late), await warning(cases.today)]).toEqual(["RED", "YELLOW"]);

    const figures = await figuresAt(ONE_AM);
    const overdue = await drillDown(ONE_AM, { figure: "overdue" });
    const dueSoon = await drillDown(ONE_AM, { figure: "dueSoon" });
    expect(overdue).toContain(cases.late);
    expect(overdue).not.toContain(cases.today);
    expect(dueSoon).toContain(cases.today);
    expect([figures.overdue, figures.dueSoon]).toEqual([overdue.length, dueSoon.length]);

    const counts = await queueCounts(clerk);
    const queue = (await listQueue(clerk, { view: "overdue", pageSize: 100 })).rows.map((row) => row.caseNumber);
    expect(queue).toContain(cases.late);
    expect(queue).not.toContain(cases.today);
    expect(counts.overdue).toBe(queue.length);
  });

  it("rectifications: due yesterday in China is overdue, due today is not, in every count and list", async () => {
    const figures = await figuresAt(ONE_AM);
    const drilled = await drillDown(ONE_AM, { figure: "rectification", status: "overdue" });
    expect(drilled).toEqual([rated.monday.caseNumber]);
    expect(figures.rectifications.overdue).toBe(drilled.length);

    const review = await listForReview(supervisor, ONE_AM);
    expect(review.overdue.map((row) => row.id)).toEqual([rated.monday.rectificationId]);

    const tasks = await listDepartmentRectifications(clerk, { now: ONE_AM, status: "open" });
    const warningOf = (id: string) => tasks.find((task) => task.id === id)?.warning;
    expect([warningOf(rated.monday.rectificationId), warningOf(rated.tuesday.rectificationId)]).toEqual([
      "RED",
      "YELLOW",
    ]);
    expect(tasks.filter((task) => task.warning === "RED")).toHaveLength(figures.rectifications.overdue);
  });

  it("rectifications: one second before midnight in China nothing is overdue yet", async () => {
    const figures = await figuresAt(BEFORE_MIDNIGHT);
    expect(figures.rectifications.overdue).toBe(0);
    expect(await drillDown(BEFORE_MIDNIGHT, { figure: "rectification", status: "overdue" })).toEqual([]);
    expect((await listForReview(supervisor, BEFORE_MIDNIGHT)).overdue).toEqual([]);
    const tasks = await listDepartmentRectifications(clerk, { now: BEFORE_MIDNIGHT, status: "open" });
    expect(tasks.filter((task) => task.warning === "RED")).toEqual([]);
  });
});
