import { translate } from "../../lib/i18n/translate";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { Prisma } from "../../lib/generated/prisma/client";
import { listFigureCases } from "../../lib/supervision/cases";
import {
  dashboardFigures,
  departmentBreakdown,
  resolveSlice,
  workingDaysPercentiles,
} from "../../lib/supervision/dashboard";
import { rebuildCaseStats, refreshCaseStats } from "../../lib/statistics/rollup";
import { publicFigures } from "../../lib/statistics/public";
import { statisticsTables } from "../../lib/statistics/analysis";
import { GET as statsApi } from "../../app/api/v1/stats/route";
import { expectAppError } from "../support/errors";
import { expectDocumented } from "./api-support";
import { actorFor, beijing, makeCase, otherDepartmentClerk } from "./cases-fixtures";

/**
 * A small hand-made data set with known answers (2025 National Day: 10-01..10-08 off, Sun 09-28 and Sat 10-11
 * are make-up working days), cases spanning the September/October month end, a special procedure pause.
 *
 *   case  submitted  accepted  completed     status              due    used  notes
 *   A     09-25      09-26     10-10         COMPLETED           10-10  5     on time across the holiday
 *   B     09-26      09-26     10-13         DELIVERED           10-13  5     paused 10-09..10-10, on time
 *   C     09-29      09-30     10-20         COMPLETED           10-14  9     late
 *   D     10-09      10-09     10-10         DENIED              10-16  1     on time
 *   E     10-10      –         10-11         REJECTED_AT_INTAKE              after a supplement request
 *   F     10-13      –         10-13         WITHDRAWN                       after a supplement request
 *   G     10-14      10-14     –             ACCEPTED, RED                   window
 *   H     10-15      10-15     –             IN_REVIEW, YELLOW
 *   I     08-29      08-29     09-01         COMPLETED           09-05  1     received before the range
 *   X     10-09      10-09     10-10         COMPLETED (another department)
 */

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
type Made = Awaited<ReturnType<typeof makeCase>>;
const cases: Record<string, Made> = {};
let departmentId = "";
let otherDepartmentId = "";

async function setCase(made: Made, data: Prisma.CaseUncheckedUpdateInput) {
  await db().case.update({ where: { id: made.id }, data });
}

beforeAll(async () => {
  const clerk = await actorFor({ loginName: "clerk" });
  departmentId = clerk.departmentId ?? "";
  otherDepartmentId = (await otherDepartmentClerk()).departmentId ?? "";
  const make = async (name: string, submitted: string, dept = departmentId) =>
    (cases[name] = await makeCase({
      departmentId: dept,
      submittedAt: beijing(submitted),
      applicantName: `申请人${name}`,
    }));

  await setCase(await make("A", "2025-09-25"), {
    status: "COMPLETED",
    acceptedAt: beijing("2025-09-26"),
    dueDate: date("2025-10-10"),
    decidedAt: beijing("2025-10-10", 9),
    completedAt: beijing("2025-10-10", 16),
    outcomeCode: 0,
  });
  await setCase(await make("B", "2025-09-26"), {
    status: "DELIVERED",
    acceptedAt: beijing("2025-09-26", 15),
    dueDate: date("2025-10-13"),
    completedAt: beijing("2025-10-13", 11),
    outcomeCode: 0,
  });
  await db().casePause.create({
    data: {
      caseId: cases.B!.id,
      kind: "SPECIAL_PROCEDURE",
      reason: "现场核查",
      startedAt: beijing("2025-10-09", 9),
      endedAt: beijing("2025-10-10", 17),
    },
  });
  await setCase(await make("C", "2025-09-29"), {
    status: "COMPLETED",
    acceptedAt: beijing("2025-09-30"),
    dueDate: date("2025-10-14"),
    completedAt: beijing("2025-10-20"),
    outcomeCode: 0,
  });
  await setCase(await make("D", "2025-10-09"), {
    status: "DENIED",
    acceptedAt: beijing("2025-10-09", 11),
    dueDate: date("2025-10-16"),
    decidedAt: beijing("2025-10-10"),
    completedAt: beijing("2025-10-10"),
    outcomeCode: 1,
  });
  await setCase(await make("E", "2025-10-10"), {
    status: "REJECTED_AT_INTAKE",
    completedAt: beijing("2025-10-11"),
    outcomeCode: 6,
  });
  await setCase(await make("F", "2025-10-13"), {
    status: "WITHDRAWN",
    completedAt: beijing("2025-10-13", 15),
    outcomeCode: 5,
  });
  for (const name of ["E", "F"])
    await db().caseEvent.create({
      data: {
        caseId: cases[name]!.id,
        at: beijing("2025-10-13", 9),
        action: "requestSupplement",
        fromStatus: "PRE_REVIEW",
        toStatus: "SUPPLEMENT_REQUESTED",
      },
    });
  await setCase(await make("G", "2025-10-14"), {
    status: "ACCEPTED",
    channel: "WINDOW",
    acceptedAt: beijing("2025-10-14"),
    dueDate: date("2025-10-21"),
    warning: "RED",
  });
  await setCase(await make("H", "2025-10-15"), {
    status: "IN_REVIEW",
    acceptedAt: beijing("2025-10-15"),
    dueDate: date("2025-10-22"),
    warning: "YELLOW",
  });
  await setCase(await make("I", "2025-08-29"), {
    status: "COMPLETED",
    acceptedAt: beijing("2025-08-29"),
    dueDate: date("2025-09-05"),
    completedAt: beijing("2025-09-01"),
    outcomeCode: 0,
  });
  await setCase(await make("X", "2025-10-09", otherDepartmentId), {
    status: "COMPLETED",
    acceptedAt: beijing("2025-10-09"),
    dueDate: date("2025-10-16"),
    completedAt: beijing("2025-10-10"),
    outcomeCode: 0,
  });

  // Ratings: 5, 4, 2 (on A, rectification open and overdue), 1 (on C, rectification accepted).
  const citizen = await actorFor({ phone: "13800138000" });
  const rate = async (name: string, level: number) =>
    db().evaluation.create({
      data: {
        touchpointKind: "CASE",
        touchpointId: cases[name]!.id,
        userId: citizen.userId,
        serviceItemId: cases[name]!.serviceItemId,
        departmentId,
        level,
        tags: [],
        changeableUntil: beijing("2025-10-30"),
        createdAt: beijing("2025-10-21"),
      },
    });
  await rate("B", 5);
  await rate("D", 4);
  const badA = await rate("A", 2);
  const badC = await rate("C", 1);
  await db().rectification.create({
    data: { evaluationId: badA.id, departmentId, status: "OPEN", dueDate: date("2025-10-28") },
  });
  await db().rectification.create({
    data: { evaluationId: badC.id, departmentId, status: "ACCEPTED", dueDate: date("2025-10-28") },
  });
});

describe("case statistics and the supervision dashboard", () => {
  it("computes every figure of a department over a range spanning a month end, with holidays and pauses", async () => {
    await rebuildCaseStats();
    const supervisor = await actorFor({ loginName: "supervisor" });
    const slice = await resolveSlice(
      supervisor,
      { from: "2025-09-01", to: "2025-10-31", department: departmentId },
      beijing("2025-11-03"),
    );
    const figures = await dashboardFigures(slice, beijing("2025-11-03"));
    expect(figures).toMatchObject({
      received: 8,
      accepted: 6,
      completed: 5,
      completedOnTime: 4,
      onTimeRate: 0.8,
      workingDaysUsed: 21,
      averageWorkingDays: 4.2,
      supplementRequested: 2,
      supplementRate: 0.25,
      rejectedAtIntake: 1,
      notAcceptedRate: 0.125,
      denied: 1,
      deniedRate: 0.2,
      withdrawn: 1,
      withdrawnRate: 0.125,
      dueSoon: 1,
      overdue: 1,
      ratings: 4,
      badRatings: 2,
      badRatingRate: 0.5,
    });
    expect(figures.rectifications).toMatchObject({ OPEN: 1, ACCEPTED: 1, overdue: 1 });
    const item = await db().serviceItem.findUniqueOrThrow({ where: { id: cases.A!.serviceItemId } });
    if (item.promisedUnit === "WORKING_DAY") expect(figures.averagePromisedDays).toBe(item.promisedLimit);

    const durations = await workingDaysPercentiles(slice);
    expect(durations).toEqual({ completed: 5, p90: 9, p50: 5, mean: 4.2 });

    // The month end splits the cohort: September received A, B, C and completed only I.
    const september = await dashboardFigures(
      await resolveSlice(supervisor, { from: "2025-09-01", to: "2025-09-30", department: departmentId }),
    );
    expect(september).toMatchObject({ received: 3, accepted: 3, completed: 1, workingDaysUsed: 1 });
    const october = await dashboardFigures(
      await resolveSlice(supervisor, { from: "2025-10-01", to: "2025-10-31", department: departmentId }),
    );
    expect(october).toMatchObject({ received: 5, accepted: 3, completed: 4, completedOnTime: 3, workingDaysUsed: 20 });

    // The platform counts the other department's case too; the breakdown lists both departments.
    const platform = await dashboardFigures(await resolveSlice(supervisor, { from: "2025-09-01", to: "2025-10-31" }));
    expect(platform).toMatchObject({ received: 9, completed: 6, completedOnTime: 5 });
    const rows = await departmentBreakdown(await resolveSlice(supervisor, { from: "2025-09-01", to: "2025-10-31" }));
    expect(rows.find((row) => row.id === departmentId)).toMatchObject({
      received: 8,
      completed: 5,
      onTimeRate: 0.8,
      overdue: 1,
      dueSoon: 1,
    });
    expect(rows.find((row) => row.id === otherDepartmentId)).toMatchObject({
      received: 1,
      completed: 1,
      onTimeRate: 1,
    });

    // A region filter: the department's region contains the cases, a region elsewhere none.
    const region = cases.A!.regionCode;
    expect(
      (
        await dashboardFigures(
          await resolveSlice(supervisor, { from: "2025-09-01", to: "2025-10-31", department: departmentId, region }),
        )
      ).received,
    ).toBe(8);
    const elsewhere = await db().region.findFirstOrThrow({ where: { code: { not: region }, level: "COUNTY" } });
    if (!(await db().serviceItem.count({ where: { regionCode: elsewhere.code, departmentId } }))) {
      expect(
        (
          await dashboardFigures(
            await resolveSlice(supervisor, {
              from: "2025-09-01",
              to: "2025-10-31",
              department: departmentId,
              region: elsewhere.code,
            }),
          )
        ).received,
      ).toBe(0);
    }
  });

  it("drills down from each figure to exactly the cases behind it", async () => {
    const supervisor = await actorFor({ loginName: "supervisor" });
    const base = { from: "2025-09-01", to: "2025-10-31", department: departmentId };
    const names = async (figure: string, extra: Record<string, string> = {}) => {
      const page = await listFigureCases(supervisor, { ...base, figure, ...extra }, { now: beijing("2025-11-03") });
      const byNumber = new Map(Object.entries(cases).map(([name, made]) => [made.caseNumber, name]));
      return page.rows.map((row) => byNumber.get(row.caseNumber)).sort();
    };
    expect(await names("received")).toEqual(["A", "B", "C", "D", "E", "F", "G", "H"]);
    expect(await names("completed")).toEqual(["A", "B", "C", "D", "I"]);
    expect(await names("onTime")).toEqual(["A", "B", "D", "I"]);
    expect(await names("late")).toEqual(["C"]);
    expect(await names("supplement")).toEqual(["E", "F"]);
    expect(await names("rejectedAtIntake")).toEqual(["E"]);
    expect(await names("denied")).toEqual(["D"]);
    expect(await names("withdrawn")).toEqual(["F"]);
    expect(await names("overdue")).toEqual(["G"]);
    expect(await names("dueSoon")).toEqual(["H"]);
    expect(await names("badRating")).toEqual(["A", "C"]);
    expect(await names("rectification", { status: "overdue" })).toEqual(["A"]);
    expect(await names("rectification", { status: "ACCEPTED" })).toEqual(["C"]);

    // Keyset pages: two at a time, no gaps or repeats, newest first.
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page: Awaited<ReturnType<typeof listFigureCases>> = await listFigureCases(
        supervisor,
        { ...base, figure: "received", ...(after ? { after } : {}) },
        { pageSize: 3 },
      );
      seen.push(...page.rows.map((row) => row.caseNumber));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(
      [cases.H, cases.G, cases.F, cases.E, cases.D, cases.C, cases.B, cases.A].map((made) => made!.caseNumber),
    );
  });

  it("scopes department administrators to their department and refuses clerks and bad input", async () => {
    const deptAdmin = await actorFor({ loginName: "deptadmin" });
    const own = await resolveSlice(deptAdmin, { from: "2025-09-01", to: "2025-10-31" });
    expect(own.departmentId).toBe(deptAdmin.departmentId);
    expect((await expectAppError(resolveSlice(deptAdmin, { department: otherDepartmentId }))).code).toBe("FORBIDDEN");
    expect((await expectAppError(resolveSlice(await actorFor({ loginName: "clerk" }), {}))).code).toBe("FORBIDDEN");
    const invalid = await expectAppError(resolveSlice(deptAdmin, { from: "2025-13-01", to: "2025-01-01" }));
    expect(invalid.code).toBe("VALIDATION");
    expect(invalid.details.fieldErrors?.from).toBe("supervision.errors.date");
    expect((await expectAppError(listFigureCases(deptAdmin, { figure: "everything" }))).code).toBe("VALIDATION");
  });

  it("refreshes only the days touched since the last run, idempotently", async () => {
    const supervisor = await actorFor({ loginName: "supervisor" });
    const slice = await resolveSlice(supervisor, { from: "2025-09-01", to: "2025-10-31", department: departmentId });
    const before = await dashboardFigures(slice);
    const rowsBefore = await db().caseStatsDaily.count();
    // H is completed on 10-17 (2 working days after acceptance on 10-15), on time.
    await setCase(cases.H!, {
      status: "COMPLETED",
      completedAt: beijing("2025-10-17"),
      warning: "GREEN",
      outcomeCode: 0,
    });
    const first = await refreshCaseStats();
    expect(first.full).toBe(false);
    expect(first.days).toBeGreaterThanOrEqual(2);
    const after = await dashboardFigures(slice);
    expect(after).toMatchObject({
      completed: before.completed + 1,
      completedOnTime: before.completedOnTime + 1,
      workingDaysUsed: before.workingDaysUsed + 2,
      dueSoon: 0,
    });
    expect(await refreshCaseStats()).toMatchObject({ full: false });
    expect(await dashboardFigures(slice)).toMatchObject({
      completed: after.completed,
      workingDaysUsed: after.workingDaysUsed,
      received: 8,
    });
    expect(await db().caseStatsDaily.count()).toBe(rowsBefore + 1);
    // A full rebuild agrees with the incremental result.
    await rebuildCaseStats();
    expect(await dashboardFigures(slice)).toMatchObject({
      completed: after.completed,
      workingDaysUsed: after.workingDaysUsed,
      received: 8,
      accepted: 6,
    });
  });

  it("publishes aggregate figures per department and item with small counts suppressed, through the API too", async () => {
    await rebuildCaseStats();
    const figures = await publicFigures({ from: "2025-09-01", to: "2025-10-31" });
    const department = await db().department.findUniqueOrThrow({ where: { id: departmentId } });
    const other = await db().department.findUniqueOrThrow({ where: { id: otherDepartmentId } });
    // 8 received, 6 completed (H was completed in the previous test), 5 on time; 4 ratings are too few to publish.
    expect(figures.departments.find((row) => row.code === department.code)).toEqual({
      code: department.code,
      name: department.name,
      nameEn: department.nameEn,
      received: 8,
      completed: 6,
      onTimeRate: 0.833,
      ratings: null,
      satisfaction: null,
      suppressed: ["ratings", "satisfaction"],
    });
    expect(figures.departments.find((row) => row.code === other.code)).toMatchObject({
      received: null,
      completed: null,
      onTimeRate: null,
      suppressed: ["received", "completed", "ratings", "onTimeRate", "satisfaction"],
    });
    const item = await db().serviceItem.findUniqueOrThrow({ where: { id: cases.A!.serviceItemId } });
    expect(figures.items.find((row) => row.code === item.implementationCode)).toMatchObject({
      received: 8,
      completed: 6,
    });
    expect(JSON.stringify(figures)).not.toContain("申请人");

    const response = await statsApi(new Request("http://localhost/api/v1/stats?from=2025-09-01&to=2025-10-31"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    await expectDocumented("GET", "/api/v1/stats", response);
    const body = (await response.json()) as typeof figures;
    expect(body.departments.find((row) => row.code === department.code)?.received).toBe(8);
    expect(body.minCount).toBe(5);
    const bad = await statsApi(new Request("http://localhost/api/v1/stats?from=2025-02-30&lang=en"), {
      params: Promise.resolve({}),
    });
    expect(bad.status).toBe(400);
    await expectDocumented("GET", "/api/v1/stats", bad);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.from).toBe(
      translate("en", "supervision.errors.date"),
    );
  });

  it("tabulates volumes by month, week, channel and hour for the statistics page", async () => {
    await rebuildCaseStats();
    const supervisor = await actorFor({ loginName: "supervisor" });
    const slice = await resolveSlice(supervisor, { from: "2025-09-01", to: "2025-10-31", department: departmentId });
    const tables = new Map((await statisticsTables(slice, "zh-CN")).map((table) => [table.id, table]));
    expect(tables.get("byMonth")?.rows).toEqual([
      ["2025-09", 3, 1],
      ["2025-10", 5, 5],
    ]);
    expect(tables.get("byChannel")?.rows).toEqual([
      ["ONLINE", 7, 6],
      ["WINDOW", 1, 0],
    ]);
    expect(tables.get("byWeek")?.rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(8);
    // Every case was submitted at 10:00 Beijing time.
    expect(tables.get("hours")?.rows.filter((row) => row[1] !== 0)).toEqual([[10, 8]]);
    const online = tables.get("online")?.rows[0] ?? [];
    expect(Number(online[0])).toBeGreaterThan(0);
    expect(Number(online[1])).toBeLessThanOrEqual(Number(online[0]));
  });
});
