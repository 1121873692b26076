import { describe, expect, it } from "vitest";
import { dateColumnToIso, isoToDateColumn } from "../../lib/calendar/china-time";
import { loadCalendar, missingCalendarYears, regionPath } from "../../lib/calendar/load";
import { computeDeadline, isWorkingDay } from "../../lib/calendar/working-days";
import { db } from "../../lib/db/client";
import {
  calendarWarning,
  deleteHoliday,
  findHoliday,
  listHolidays,
  loadHolidayYear,
  saveHoliday,
} from "../../lib/reference/holidays";
import { actorFor } from "../support/actors";
import { expectAppError } from "../support/errors";

const yearRows = (year: number) =>
  db().holiday.findMany({
    where: { regionCode: null, date: { gte: isoToDateColumn(`${year}-01-01`), lte: isoToDateColumn(`${year}-12-31`) } },
    orderBy: { date: "asc" },
  });

describe("the calendar from the Holiday table", () => {
  it("reads the seeded national calendar and a county's inherited regional rows", async () => {
    const national = await loadCalendar(null);
    expect(isWorkingDay(national, "2025-01-26")).toBe(true);
    expect(isWorkingDay(national, "2025-01-28")).toBe(false);
    expect(await regionPath("511602000000")).toEqual(["510000000000", "511600000000", "511602000000"]);
    expect(await regionPath("999999999999")).toEqual([]);

    const admin = await actorFor("admin");
    await saveHoliday({
      actor: admin,
      input: { date: "2025-03-12", kind: "HOLIDAY", name: "市级纪念日", regionCode: "511600000000" },
      ip: null,
    });
    const county = await loadCalendar("511602000000");
    const otherCity = await loadCalendar("510100000000");
    expect(isWorkingDay(county, "2025-03-12")).toBe(false);
    expect(isWorkingDay(otherCity, "2025-03-12")).toBe(true);
    const due = computeDeadline(county, {
      acceptedOn: "2025-03-10",
      limit: { value: 3, unit: "WORKING_DAY" },
      today: "2025-03-10",
    });
    expect(due.dueDate).toBe("2025-03-14");
  });

  it("reports the current or next year missing, in China's time zone", async () => {
    expect(await missingCalendarYears(new Date("2025-06-01T00:00:00+08:00"))).toEqual([]);
    expect(await missingCalendarYears(new Date("2026-06-01T00:00:00+08:00"))).toEqual([2027]);
    // 2024-12-31 16:30 UTC is already 2025-01-01 in Beijing.
    expect(await missingCalendarYears(new Date("2024-12-31T16:30:00Z"))).toEqual([]);
    expect(await missingCalendarYears(new Date("2030-03-01T00:00:00+08:00"))).toEqual([2030, 2031]);
    expect(await calendarWarning(await actorFor("deptadmin"), new Date("2026-06-01T00:00:00+08:00"))).toEqual([2027]);
    expect(await calendarWarning(await actorFor("clerk"), new Date("2026-06-01T00:00:00+08:00"))).toEqual([]);
  });
});

describe("holiday administration", () => {
  it("adds, edits and deletes a date as a manual row, audited with before and after", async () => {
    const admin = await actorFor("admin");
    const { id } = await saveHoliday({
      actor: admin,
      input: { date: "2027-01-01", kind: "HOLIDAY", name: "元旦", regionCode: "" },
      ip: "10.9.0.1",
    });
    expect(await db().holiday.findUniqueOrThrow({ where: { id } })).toMatchObject({
      regionCode: null,
      kind: "HOLIDAY",
      name: "元旦",
      source: "manual",
    });
    expect(dateColumnToIso((await db().holiday.findUniqueOrThrow({ where: { id } })).date)).toBe("2027-01-01");

    await saveHoliday({
      actor: admin,
      input: { id, date: "2027-01-02", kind: "MAKEUP_WORKDAY", name: "元旦调休", regionCode: "" },
      ip: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({ where: { objectId: id, action: "calendar.holiday.update" } });
    expect(audit.before).toMatchObject({ date: "2027-01-01", kind: "HOLIDAY" });
    expect(audit.after).toMatchObject({ date: "2027-01-02", kind: "MAKEUP_WORKDAY", source: "manual" });

    expect(await findHoliday(await actorFor("deptadmin"), id)).toMatchObject({
      date: "2027-01-02",
      kind: "MAKEUP_WORKDAY",
      source: "manual",
    });
    expect(await findHoliday(admin, "nope")).toBeNull();
    const listed = await listHolidays(admin, { year: 2027, regionCode: null });
    expect(listed.map((row) => [row.date, row.name, row.manual])).toEqual([["2027-01-02", "元旦调休", true]]);

    await deleteHoliday({ actor: admin, id, ip: null });
    expect(await db().holiday.findUnique({ where: { id } })).toBeNull();
    expect(await db().auditLog.count({ where: { objectId: id, action: "calendar.holiday.delete" } })).toBe(1);
    expect((await expectAppError(deleteHoliday({ actor: admin, id, ip: null }))).code).toBe("NOT_FOUND");
  });

  it("refuses bad dates, a second row on the same date, unknown regions, and keeps the table as it was", async () => {
    const admin = await actorFor("admin");
    const before = await db().holiday.count();
    const badDate = await expectAppError(
      saveHoliday({
        actor: admin,
        input: { date: "2025-02-30", kind: "HOLIDAY", name: "x", regionCode: "" },
        ip: null,
      }),
    );
    expect(badDate.details.fieldErrors).toMatchObject({ date: "reference.errors.date" });
    const noName = await expectAppError(
      saveHoliday({
        actor: admin,
        input: { date: "2025-03-03", kind: "HOLIDAY", name: " ", regionCode: "" },
        ip: null,
      }),
    );
    expect(noName.details.fieldErrors).toMatchObject({ name: "errors.required" });
    const taken = await expectAppError(
      saveHoliday({
        actor: admin,
        input: { date: "2025-01-28", kind: "HOLIDAY", name: "重复", regionCode: "" },
        ip: null,
      }),
    );
    expect(taken).toMatchObject({
      code: "CONFLICT",
      details: { fieldErrors: { date: "reference.errors.holidayTaken" } },
    });
    const region = await expectAppError(
      saveHoliday({
        actor: admin,
        input: { date: "2025-03-03", kind: "HOLIDAY", name: "x", regionCode: "123456000000" },
        ip: null,
      }),
    );
    expect(region.details.fieldErrors).toMatchObject({ regionCode: "reference.errors.noSuchRegion" });
    expect(await db().holiday.count()).toBe(before);
  });

  it("lets department administrators look but not change, and clerks neither", async () => {
    const deptAdmin = await actorFor("deptadmin");
    const clerk = await actorFor("clerk");
    expect((await listHolidays(deptAdmin, { year: 2025, regionCode: null })).length).toBeGreaterThan(20);
    expect((await expectAppError(listHolidays(clerk, { year: 2025, regionCode: null }))).code).toBe("FORBIDDEN");
    const input = { date: "2025-03-03", kind: "HOLIDAY", name: "越权", regionCode: "" };
    expect((await expectAppError(saveHoliday({ actor: deptAdmin, input, ip: null }))).code).toBe("FORBIDDEN");
    expect((await expectAppError(saveHoliday({ actor: clerk, input, ip: null }))).code).toBe("FORBIDDEN");
    expect((await expectAppError(loadHolidayYear({ actor: deptAdmin, year: 2025, ip: null }))).code).toBe("FORBIDDEN");
    const any = await db().holiday.findFirstOrThrow();
    expect((await expectAppError(deleteHoliday({ actor: deptAdmin, id: any.id, ip: null }))).code).toBe("FORBIDDEN");
  });

  it("loads a year from chinese-days idempotently, keeping manual edits", async () => {
    const admin = await actorFor("admin");
    // Start from a year with one manual decision and one package row gone.
    const rows = await yearRows(2024);
    const edited = rows.find((row) => dateColumnToIso(row.date) === "2024-10-01");
    const removed = rows.find((row) => dateColumnToIso(row.date) === "2024-10-02");
    if (!edited || !removed) throw new Error("seed lacks National Day 2024");
    await saveHoliday({
      actor: admin,
      input: { id: edited.id, date: "2024-10-01", kind: "HOLIDAY", name: "国庆节（本平台调整）", regionCode: "" },
      ip: null,
    });
    await db().holiday.delete({ where: { id: removed.id } });

    const first = await loadHolidayYear({ actor: admin, year: "2024", ip: null });
    expect(first).toMatchObject({ year: 2024, created: 1, removed: 0, keptManual: 1 });
    expect(first.unchanged).toBe(rows.length - 2);
    const second = await loadHolidayYear({ actor: admin, year: 2024, ip: null });
    expect(second).toMatchObject({ created: 0, updated: 0, removed: 0, keptManual: 1, unchanged: rows.length - 1 });
    const after = await yearRows(2024);
    expect(after).toHaveLength(rows.length);
    expect(after.find((row) => row.id === edited.id)).toMatchObject({ name: "国庆节（本平台调整）", source: "manual" });
    expect(await db().auditLog.count({ where: { action: "calendar.year.load", objectId: "2024" } })).toBe(2);

    const missing = await expectAppError(loadHolidayYear({ actor: admin, year: 2031, ip: null }));
    expect(missing.details.fieldErrors).toMatchObject({ year: "reference.errors.yearNotInPackage" });
    expect(
      (await expectAppError(loadHolidayYear({ actor: admin, year: "abc", ip: null }))).details.fieldErrors,
    ).toMatchObject({ year: "reference.errors.year" });
  });
});
