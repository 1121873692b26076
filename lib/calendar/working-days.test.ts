import { describe, expect, it } from "vitest";
import { chineseDaysRows } from "./chinese-days";
import {
  addMonths,
  addWorkingDays,
  computeDeadline,
  createCalendar,
  isoWeekday,
  isWorkingDay,
  nextWorkingDay,
  toDayNumber,
  workingDaysBetween,
  type CalendarRow,
} from "./working-days";

// The real national calendars, as published in the chinese-days package (国务院办公厅放假通知).
const national = [...chineseDaysRows(2025), ...chineseDaysRows(2026)];
const calendar = createCalendar(national);

describe("the 2025 and 2026 calendars in chinese-days", () => {
  it("holds the published Spring Festival and National Day arrangements", () => {
    const kinds = new Map(national.map((row) => [row.date, row.kind]));
    for (const date of [
      "2025-01-28",
      "2025-02-04",
      "2025-10-01",
      "2025-10-08",
      "2026-02-15",
      "2026-02-23",
      "2026-10-01",
      "2026-10-07",
    ]) {
      expect([date, kinds.get(date)]).toEqual([date, "HOLIDAY"]);
    }
    for (const date of [
      "2025-01-26",
      "2025-02-08",
      "2025-09-28",
      "2025-10-11",
      "2026-02-14",
      "2026-02-28",
      "2026-09-20",
      "2026-10-10",
    ]) {
      expect([date, kinds.get(date)]).toEqual([date, "MAKEUP_WORKDAY"]);
    }
  });
});

describe("dates", () => {
  it("are calendar dates, never shifted by a time zone", () => {
    expect(isoWeekday("2025-01-26")).toBe(7);
    expect(isoWeekday("2026-02-14")).toBe(6);
    expect(() => toDayNumber("2025-02-29")).toThrow(RangeError);
    expect(() => toDayNumber("2025-1-2")).toThrow(RangeError);
  });

  it("add months to the same day, or the month's last day when it has none", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-12-15", 2)).toBe("2026-02-15");
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
  });
});

describe("working days around the 2025 Spring Festival", () => {
  it("knows holidays and make-up working days", () => {
    expect(isWorkingDay(calendar, "2025-01-26")).toBe(true); // Sunday, make-up
    expect(isWorkingDay(calendar, "2025-01-27")).toBe(true);
    expect(isWorkingDay(calendar, "2025-01-28")).toBe(false);
    expect(isWorkingDay(calendar, "2025-02-01")).toBe(false);
    expect(isWorkingDay(calendar, "2025-02-05")).toBe(true);
    expect(isWorkingDay(calendar, "2025-02-08")).toBe(true); // Saturday, make-up
    expect(isWorkingDay(calendar, "2025-02-09")).toBe(false);
  });

  it("finds the next working day", () => {
    expect(nextWorkingDay(calendar, "2025-01-24")).toBe("2025-01-26");
    expect(nextWorkingDay(calendar, "2025-01-27")).toBe("2025-02-05");
    expect(nextWorkingDay(calendar, "2025-01-30", { inclusive: true })).toBe("2025-02-05");
    expect(nextWorkingDay(calendar, "2025-02-05", { inclusive: true })).toBe("2025-02-05");
  });

  it("adds working days from the day after the start, or from the start when configured", () => {
    const from = "2025-01-24"; // Friday
    expect([1, 2, 3, 5, 6, 7].map((n) => addWorkingDays(calendar, from, n))).toEqual([
      "2025-01-26",
      "2025-01-27",
      "2025-02-05",
      "2025-02-07",
      "2025-02-08",
      "2025-02-10",
    ]);
    expect(addWorkingDays(calendar, from, 0)).toBe(from);
    expect(addWorkingDays(calendar, from, 1, { countStartDay: true })).toBe("2025-01-24");
    expect(addWorkingDays(calendar, "2025-01-28", 1, { countStartDay: true })).toBe("2025-02-05");
    expect(() => addWorkingDays(calendar, from, -1)).toThrow(RangeError);
  });

  it("counts working days between two dates", () => {
    expect(workingDaysBetween(calendar, "2025-01-24", "2025-02-10")).toBe(7);
    expect(workingDaysBetween(calendar, "2025-02-10", "2025-01-24")).toBe(-7);
    expect(workingDaysBetween(calendar, "2025-01-28", "2025-02-04")).toBe(0);
    expect(workingDaysBetween(calendar, "2025-01-24", "2025-01-24")).toBe(0);
  });
});

describe("deadlines", () => {
  const workingDays = (value: number) => ({ value, unit: "WORKING_DAY" as const });

  it("run over National Day 2025 with its make-up days", () => {
    const due = (value: number) =>
      computeDeadline(calendar, { acceptedOn: "2025-09-26", limit: workingDays(value), today: "2025-09-26" }).dueDate;
    expect(due(1)).toBe("2025-09-28");
    expect(due(3)).toBe("2025-09-30");
    expect(due(4)).toBe("2025-10-09");
    expect(due(5)).toBe("2025-10-10");
    expect(due(6)).toBe("2025-10-11");
    expect(due(7)).toBe("2025-10-13");
  });

  it("run over the 2026 Spring Festival and National Day", () => {
    const due = (acceptedOn: string, value: number) =>
      computeDeadline(calendar, { acceptedOn, limit: workingDays(value), today: acceptedOn }).dueDate;
    expect(due("2026-02-12", 1)).toBe("2026-02-13");
    expect(due("2026-02-12", 2)).toBe("2026-02-14");
    expect(due("2026-02-12", 3)).toBe("2026-02-24");
    expect(due("2026-02-24", 4)).toBe("2026-02-28");
    expect(due("2026-09-24", 1)).toBe("2026-09-28");
    expect(due("2026-09-24", 3)).toBe("2026-09-30");
    expect(due("2026-09-24", 4)).toBe("2026-10-08");
    expect(due("2026-09-24", 6)).toBe("2026-10-10");
    expect(due("2026-09-18", 1)).toBe("2026-09-20");
  });

  it("skip paused days, counting a day that is both paused and a holiday once", () => {
    const plain = computeDeadline(calendar, { acceptedOn: "2025-01-20", limit: workingDays(10), today: "2025-01-20" });
    expect(plain.dueDate).toBe("2025-02-08");
    const withPause = computeDeadline(calendar, {
      acceptedOn: "2025-01-20",
      limit: workingDays(10),
      pauses: [{ from: "2025-01-27", to: "2025-02-06" }],
      today: "2025-02-10",
    });
    expect(withPause.dueDate).toBe("2025-02-12");
    expect(withPause.workingDaysUsed).toBe(8);
    expect(withPause.workingDaysRemaining).toBe(2);
    expect(withPause.level).toBe("yellow");
    // A supplement before acceptance happens before the clock starts.
    const before = computeDeadline(calendar, {
      acceptedOn: "2025-01-20",
      limit: workingDays(10),
      pauses: [{ from: "2025-01-10", to: "2025-01-20" }],
      today: "2025-01-20",
    });
    expect(before.dueDate).toBe("2025-02-08");
  });

  it("stop the clock during an open pause and project the due date from tomorrow", () => {
    const open = computeDeadline(calendar, {
      acceptedOn: "2025-03-03",
      limit: workingDays(5),
      pauses: [{ from: "2025-03-05" }],
      today: "2025-03-10",
    });
    expect(open).toMatchObject({
      dueDate: null,
      projectedDueDate: "2025-03-14",
      workingDaysUsed: 1,
      workingDaysRemaining: 4,
      paused: true,
      level: "green",
    });
    // A pause that begins later has not stopped anything yet.
    const future = computeDeadline(calendar, {
      acceptedOn: "2025-03-03",
      limit: workingDays(5),
      pauses: [{ from: "2025-03-20" }],
      today: "2025-03-04",
    });
    expect(future).toMatchObject({ dueDate: "2025-03-10", paused: false });
    expect(() =>
      computeDeadline(calendar, {
        acceptedOn: "2025-03-03",
        limit: workingDays(5),
        pauses: [{ from: "2025-03-05", to: "2025-03-04" }],
        today: "2025-03-04",
      }),
    ).toThrow(RangeError);
  });

  it("warn yellow near the end and red once overdue, with configurable thresholds", () => {
    // Accepted Monday 2025-03-03, 10 working days: due Monday 2025-03-17.
    const at = (today: string, options = {}) =>
      computeDeadline(calendar, { acceptedOn: "2025-03-03", limit: workingDays(10), today }, options);
    expect(at("2025-03-10")).toMatchObject({
      dueDate: "2025-03-17",
      workingDaysUsed: 5,
      workingDaysRemaining: 5,
      level: "green",
    });
    expect(at("2025-03-12")).toMatchObject({ workingDaysUsed: 7, workingDaysRemaining: 3, level: "green" });
    expect(at("2025-03-12", { yellowWhenRemainingAtMost: 3 }).level).toBe("yellow");
    expect(at("2025-03-13")).toMatchObject({ workingDaysUsed: 8, workingDaysRemaining: 2, level: "yellow" }); // 80 % used
    expect(at("2025-03-13", { yellowWhenUsedShare: 0.9 }).level).toBe("green");
    expect(at("2025-03-14")).toMatchObject({ workingDaysRemaining: 1, level: "yellow" });
    expect(at("2025-03-17")).toMatchObject({ workingDaysRemaining: 0, level: "yellow" });
    expect(at("2025-03-18")).toMatchObject({ workingDaysUsed: 11, workingDaysRemaining: -1, level: "red" });
    // Due on a Friday, looked at on the Saturday after: overdue although no working day has passed.
    const weekend = computeDeadline(calendar, { acceptedOn: "2025-03-03", limit: workingDays(9), today: "2025-03-15" });
    expect(weekend).toMatchObject({ dueDate: "2025-03-14", workingDaysRemaining: 0, level: "red" });
  });

  it("do not warn a short limit on the day it is accepted, only on its due date", () => {
    // A 1-working-day promise accepted Monday 2025-03-03 is due Tuesday: green on Monday, yellow on Tuesday.
    const oneDay = (today: string) =>
      computeDeadline(calendar, { acceptedOn: "2025-03-03", limit: workingDays(1), today });
    expect(oneDay("2025-03-03")).toMatchObject({
      dueDate: "2025-03-04",
      workingDaysUsed: 0,
      workingDaysRemaining: 1,
      level: "green",
    });
    expect(oneDay("2025-03-04")).toMatchObject({ workingDaysRemaining: 0, level: "yellow" });
    expect(oneDay("2025-03-05").level).toBe("red");
    // A 2-day promise with "yellow at 2 days left": still green at acceptance, yellow the next working day.
    const twoDays = (today: string) =>
      computeDeadline(
        calendar,
        { acceptedOn: "2025-03-03", limit: workingDays(2), today },
        { yellowWhenRemainingAtMost: 2 },
      );
    expect(twoDays("2025-03-03").level).toBe("green");
    expect(twoDays("2025-03-04").level).toBe("yellow");
  });

  it("treat a limit of 0 as handled on the spot", () => {
    const spot = computeDeadline(calendar, { acceptedOn: "2025-02-10", limit: workingDays(0), today: "2025-02-10" });
    expect(spot).toMatchObject({
      dueDate: "2025-02-10",
      onTheSpot: true,
      workingDaysUsed: 0,
      workingDaysRemaining: 0,
      level: "yellow",
    });
    expect(
      computeDeadline(calendar, { acceptedOn: "2025-02-10", limit: { value: 0, unit: "MONTH" }, today: "2025-02-11" })
        .level,
    ).toBe("red");
  });

  it("count the start day when configured", () => {
    expect(
      computeDeadline(
        calendar,
        { acceptedOn: "2025-03-03", limit: workingDays(1), today: "2025-03-03" },
        { countStartDay: true },
      ).dueDate,
    ).toBe("2025-03-03");
  });

  it("count calendar days and months, moving a last day off to the next working day", () => {
    const calendarDays = (value: number, pauses = [] as { from: string; to: string }[]) =>
      computeDeadline(calendar, {
        acceptedOn: "2025-01-20",
        limit: { value, unit: "CALENDAR_DAY" },
        pauses,
        today: "2025-01-20",
      }).dueDate;
    expect(calendarDays(7)).toBe("2025-01-27");
    expect(calendarDays(10)).toBe("2025-02-05");
    expect(calendarDays(5, [{ from: "2025-01-22", to: "2025-01-23" }])).toBe("2025-01-27");
    const months = (acceptedOn: string, value: number, options = {}) =>
      computeDeadline(calendar, { acceptedOn, limit: { value, unit: "MONTH" }, today: acceptedOn }, options).dueDate;
    expect(months("2025-01-31", 1)).toBe("2025-02-28");
    expect(months("2025-09-01", 1)).toBe("2025-10-09");
    expect(months("2025-09-01", 1, { rollOffDaysToWorkingDay: false })).toBe("2025-10-01");
    // The month's last day, 2026-02-28, is a Saturday but a make-up working day: it stays.
    expect(months("2025-08-31", 6)).toBe("2026-02-28");
    // Three paused days push the end of a month out by three days.
    const paused = computeDeadline(calendar, {
      acceptedOn: "2025-01-31",
      limit: { value: 1, unit: "MONTH" },
      pauses: [{ from: "2025-02-10", to: "2025-02-12" }],
      today: "2025-02-13",
    });
    expect(paused.dueDate).toBe("2025-03-03");
  });

  it("count hours as working days that include the acceptance day", () => {
    const hours = (acceptedOn: string, value: number) =>
      computeDeadline(calendar, { acceptedOn, limit: { value, unit: "HOUR" }, today: acceptedOn }).dueDate;
    expect(hours("2025-01-27", 2)).toBe("2025-01-27");
    expect(hours("2025-01-27", 16)).toBe("2025-02-05");
    expect(hours("2025-01-28", 2)).toBe("2025-02-05");
  });
});

describe("regional rows and missing years", () => {
  const province = "510000000000";
  const city = "511600000000";
  const county = "511602000000";
  const regional: CalendarRow[] = [
    ...national,
    { date: "2025-02-08", kind: "HOLIDAY", regionCode: province, name: "本省调整" },
    { date: "2025-03-03", kind: "HOLIDAY", regionCode: city, name: "本市纪念日" },
    { date: "2025-03-03", kind: "MAKEUP_WORKDAY", regionCode: county, name: "本县照常上班" },
    { date: "2025-03-04", kind: "HOLIDAY", regionCode: "440000000000", name: "别省" },
  ];

  it("let a region's own rows win, a county inheriting its city's and province's", () => {
    const inCity = createCalendar(regional, [province, city]);
    const inCounty = createCalendar(regional, [province, city, county]);
    expect(isWorkingDay(calendar, "2025-02-08")).toBe(true);
    expect(isWorkingDay(inCity, "2025-02-08")).toBe(false);
    expect(isWorkingDay(inCounty, "2025-02-08")).toBe(false);
    expect(isWorkingDay(inCity, "2025-03-03")).toBe(false);
    expect(isWorkingDay(inCounty, "2025-03-03")).toBe(true);
    expect(isWorkingDay(inCity, "2025-03-04")).toBe(true);
    expect(inCity.entryFor("2025-03-03")?.name).toBe("本市纪念日");
  });

  it("fall back to Monday–Friday in a year without rows, and report the gap", () => {
    expect(calendar.coveredYears).toEqual(new Set([2025, 2026]));
    expect(isWorkingDay(calendar, "2027-01-01")).toBe(true); // a Friday: really New Year's Day, but unknown
    expect(isWorkingDay(calendar, "2027-01-02")).toBe(false);
    expect(calendar.missingYears("2025-06-01", "2027-03-01")).toEqual([2027]);
    const deadline = computeDeadline(calendar, {
      acceptedOn: "2026-12-28",
      limit: { value: 10, unit: "WORKING_DAY" },
      today: "2026-12-28",
    });
    expect(deadline.dueDate).toBe("2027-01-11");
    expect(deadline.missingYears).toEqual([2027]);
    expect(
      computeDeadline(calendar, {
        acceptedOn: "2025-03-03",
        limit: { value: 10, unit: "WORKING_DAY" },
        today: "2025-03-03",
      }).missingYears,
    ).toEqual([]);
    expect(createCalendar([]).missingYears("2025-01-01", "2025-12-31")).toEqual([2025]);
  });
});
