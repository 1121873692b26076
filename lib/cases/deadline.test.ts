import { describe, expect, it } from "vitest";
import { chineseDaysRows } from "../calendar/chinese-days";
import { createCalendar } from "../calendar/working-days";
import { caseDeadline, isEscalation, pausesAsDays } from "./deadline";

// The real national calendar: National Day 2025 is 10-01..10-08 off, with Sunday 09-28 and Saturday 10-11 worked.
const calendar = createCalendar([...chineseDaysRows(2025), ...chineseDaysRows(2026)]);
/** 10:00 Beijing time on a date. */
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
const promised5 = { limit: 5, unit: "WORKING_DAY" as const };
const statutory20 = { limit: 20, unit: "WORKING_DAY" as const };

describe("a case's deadline", () => {
  it("does not run before acceptance (a supplement before acceptance costs the department nothing)", () => {
    const deadline = caseDeadline(
      calendar,
      { acceptedAt: null, pauses: [], promised: promised5, statutory: statutory20 },
      at("2025-09-30"),
    );
    expect(deadline).toMatchObject({ dueDate: null, statutoryDueDate: null, warning: "GREEN", promised: null });
  });

  it("counts working days from the day after acceptance across National Day, make-up Sunday and Saturday included", () => {
    // Accepted Friday 09-26: 09-28 (make-up Sunday) 1, 09-29 2, 09-30 3, [10-01..10-08 off], 10-09 4, 10-10 5.
    const deadline = caseDeadline(
      calendar,
      { acceptedAt: at("2025-09-26"), pauses: [], promised: promised5, statutory: statutory20 },
      at("2025-09-26"),
    );
    expect(deadline.dueDate).toBe("2025-10-10");
    expect(deadline.promised).toMatchObject({ workingDaysUsed: 0, workingDaysRemaining: 5 });
    expect(deadline.warning).toBe("GREEN");
    // 20 working days: …10-10 5, 10-11 (make-up Saturday) 6, then 14 more weekdays: 10-13..10-30.
    expect(deadline.statutoryDueDate).toBe("2025-10-30");
  });

  it("turns yellow at 1 working day left or 80% used, red the day after the due date", () => {
    const facts = { acceptedAt: at("2025-09-26"), pauses: [], promised: promised5, statutory: statutory20 };
    expect(caseDeadline(calendar, facts, at("2025-09-30")).warning).toBe("GREEN"); // 3 used of 5: 60%
    expect(caseDeadline(calendar, facts, at("2025-10-05")).warning).toBe("GREEN"); // holiday: still 3 used
    const yellow = caseDeadline(calendar, facts, at("2025-10-09"));
    expect(yellow.warning).toBe("YELLOW"); // 4 used, 1 left
    expect(yellow.promised).toMatchObject({ workingDaysUsed: 4, workingDaysRemaining: 1 });
    expect(caseDeadline(calendar, facts, at("2025-10-10")).warning).toBe("YELLOW"); // due today
    expect(caseDeadline(calendar, facts, at("2025-10-11")).warning).toBe("RED"); // the make-up Saturday after
    // Configurable thresholds: yellow only with 0 days left and 100% used.
    expect(caseDeadline(calendar, facts, at("2025-10-09"), { yellowDaysLeft: 0, yellowUsedShare: 1 }).warning).toBe(
      "GREEN",
    );
  });

  it("stops the clock during a special procedure and moves the due date by the paused working days", () => {
    // Accepted Monday 2025-11-03 (due 11-10); a hearing from Wednesday 11-05 to Friday 11-07 pauses 3 working days.
    const base = { acceptedAt: at("2025-11-03"), promised: promised5, statutory: null };
    expect(caseDeadline(calendar, { ...base, pauses: [] }, at("2025-11-03")).dueDate).toBe("2025-11-10");
    const open = caseDeadline(
      calendar,
      { ...base, pauses: [{ startedAt: at("2025-11-05"), endedAt: null }] },
      at("2025-11-06"),
    );
    expect(open.promised).toMatchObject({ paused: true, dueDate: null, workingDaysUsed: 1 });
    // While the pause is open the projected date assumes the clock runs again tomorrow (11-07): 4 days left.
    expect(open.dueDate).toBe("2025-11-12");
    const closed = caseDeadline(
      calendar,
      { ...base, pauses: [{ startedAt: at("2025-11-05"), endedAt: at("2025-11-07", 16) }] },
      at("2025-11-10"),
    );
    // Days: 11-04 1, [11-05..11-07 paused], 11-10 2, 11-11 3, 11-12 4, 11-13 5.
    expect(closed.dueDate).toBe("2025-11-13");
    expect(closed.promised).toMatchObject({ paused: false, workingDaysUsed: 2, workingDaysRemaining: 3 });
    expect(closed.warning).toBe("GREEN");
  });

  it("takes a pause over a holiday once, and takes the stricter of the promised and statutory warnings", () => {
    // Accepted 09-29, paused 09-30..10-09 (over National Day): 09-30 and 10-09 are the only working days lost.
    const deadline = caseDeadline(
      calendar,
      {
        acceptedAt: at("2025-09-29"),
        pauses: [{ startedAt: at("2025-09-30"), endedAt: at("2025-10-09") }],
        promised: promised5,
        statutory: { limit: 6, unit: "WORKING_DAY" },
      },
      at("2025-10-13"),
    );
    // 10-10 1, 10-11 (make-up) 2, 10-13 3, 10-14 4, 10-15 5.
    expect(deadline.dueDate).toBe("2025-10-15");
    expect(deadline.statutoryDueDate).toBe("2025-10-16");
    // Promised: 3 used of 5 (60%), 2 left: green. Statutory: 3 used of 6, 3 left: green.
    expect(deadline.warning).toBe("GREEN");
    const later = caseDeadline(
      calendar,
      {
        acceptedAt: at("2025-09-29"),
        pauses: [],
        promised: { limit: 30, unit: "WORKING_DAY" },
        statutory: { limit: 3, unit: "WORKING_DAY" },
      },
      at("2025-10-11"),
    );
    // Statutory: 09-30 1, 10-09 2, 10-10 3 → overdue on the make-up Saturday, while the promised limit is green.
    expect(later.statutoryDueDate).toBe("2025-10-10");
    expect(later.promised?.level).toBe("green");
    expect(later.warning).toBe("RED");
  });

  it("turns pause instants into Beijing dates and knows which warnings escalate", () => {
    expect(
      pausesAsDays([{ startedAt: new Date("2025-11-04T17:30:00Z"), endedAt: new Date("2025-11-05T01:00:00Z") }]),
    ).toEqual([{ from: "2025-11-05", to: "2025-11-05" }]);
    expect(isEscalation("GREEN", "YELLOW")).toBe(true);
    expect(isEscalation("YELLOW", "RED")).toBe(true);
    expect(isEscalation("GREEN", "RED")).toBe(true);
    expect(isEscalation("RED", "YELLOW")).toBe(false);
    expect(isEscalation("YELLOW", "YELLOW")).toBe(false);
  });
});
