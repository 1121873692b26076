import { describe, expect, it } from "vitest";
import { computeDeadline, createCalendar } from "../calendar/working-days";
import { percentileOfHistogram, workingDaysUsed } from "./durations";

// 2025 National Day: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) make-up working days.
const calendar = createCalendar([
  ...[
    "2025-10-01",
    "2025-10-02",
    "2025-10-03",
    "2025-10-04",
    "2025-10-05",
    "2025-10-06",
    "2025-10-07",
    "2025-10-08",
  ].map((date) => ({ date, kind: "HOLIDAY" as const, regionCode: null })),
  { date: "2025-09-28", kind: "MAKEUP_WORKDAY" as const, regionCode: null },
  { date: "2025-10-11", kind: "MAKEUP_WORKDAY" as const, regionCode: null },
]);

describe("working days used", () => {
  it("counts from the day after acceptance through completion, skipping holidays and make-up days correctly", () => {
    // Accepted Fri 09-26; working: Sun 09-28 (make-up), Mon 09-29, Tue 09-30, Thu 10-09, Fri 10-10 → 5.
    expect(workingDaysUsed(calendar, "2025-09-26", "2025-10-10")).toBe(5);
    expect(workingDaysUsed(calendar, "2025-09-26", "2025-09-26")).toBe(0);
    expect(workingDaysUsed(calendar, "2025-09-26", "2025-10-11")).toBe(6);
  });

  it("skips paused days and agrees with the deadline's own count", () => {
    const pauses = [{ from: "2025-10-09", to: "2025-10-10" }];
    expect(workingDaysUsed(calendar, "2025-09-26", "2025-10-13", pauses)).toBe(5);
    const deadline = computeDeadline(calendar, {
      acceptedOn: "2025-09-26",
      limit: { value: 10, unit: "WORKING_DAY" },
      pauses,
      today: "2025-10-13",
    });
    expect(deadline.workingDaysUsed).toBe(5);
  });

  it("takes nearest-rank percentiles from a histogram", () => {
    const histogram = new Map([
      [1, 5],
      [3, 4],
      [9, 1],
    ]);
    expect(percentileOfHistogram(histogram, 0.9)).toBe(3);
    expect(percentileOfHistogram(histogram, 0.91)).toBe(9);
    expect(percentileOfHistogram(histogram, 0.5)).toBe(1);
    expect(percentileOfHistogram(new Map(), 0.9)).toBeNull();
  });
});
