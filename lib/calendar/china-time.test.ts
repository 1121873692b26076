import { describe, expect, it, vi } from "vitest";
import {
  CHINA_TIME_ZONE,
  chinaDate,
  chinaDateSql,
  chinaDayEnd,
  chinaDayStart,
  chinaTime,
  chinaTimestamp,
  chinaTimestampSql,
  chinaToday,
  dateColumnToIso,
  isoToDateColumn,
} from "./china-time";

describe("the date in China at an instant", () => {
  it("turns over at 16:00 UTC, not at midnight UTC", () => {
    expect(chinaDate(new Date("2025-01-27T15:59:59.999Z"))).toBe("2025-01-27");
    expect(chinaDate(new Date("2025-01-27T16:00:00.000Z"))).toBe("2025-01-28");
    expect(chinaDate(new Date("2025-01-27T16:30:00Z"))).toBe("2025-01-28");
    // 01:00 in China is 17:00 UTC the day before: the UTC date is still yesterday.
    const oneAm = new Date("2025-11-03T17:00:00Z");
    expect(oneAm.getUTCDate()).toBe(3);
    expect(chinaToday(oneAm)).toBe("2025-11-04");
  });

  it("crosses month and year ends and 29 February", () => {
    expect(chinaDate(new Date("2026-01-31T15:59:59Z"))).toBe("2026-01-31");
    expect(chinaDate(new Date("2026-01-31T16:30:00Z"))).toBe("2026-02-01");
    expect(chinaDate(new Date("2025-12-31T15:59:59Z"))).toBe("2025-12-31");
    expect(chinaDate(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
    expect(chinaDate(new Date("2024-02-28T16:00:00Z"))).toBe("2024-02-29");
    expect(chinaDate(new Date("2024-02-29T16:00:00Z"))).toBe("2024-03-01");
    expect(chinaDate(new Date("2025-02-28T16:00:00Z"))).toBe("2025-03-01");
  });

  it("agrees with the time zone database every half hour over two years", () => {
    const reference = new Intl.DateTimeFormat("en-CA", {
      timeZone: CHINA_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    const parts = (at: Date) => Object.fromEntries(reference.formatToParts(at).map((part) => [part.type, part.value]));
    const disagreements: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2026, 0, 1); t += 1_800_000) {
      const at = new Date(t);
      const { year, month, day } = parts(at);
      if (chinaDate(at) !== `${year}-${month}-${day}`) disagreements.push(`${at.toISOString()}: ${chinaDate(at)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it("is today at the current moment when no moment is given", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2025-11-03T17:00:00Z"));
      expect(chinaToday()).toBe("2025-11-04");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("instants of a date in China", () => {
  it("start at 16:00 UTC the day before and end at the next day's start", () => {
    expect(chinaDayStart("2025-11-04").toISOString()).toBe("2025-11-03T16:00:00.000Z");
    expect(chinaDayEnd("2025-11-04").toISOString()).toBe("2025-11-04T16:00:00.000Z");
    expect(chinaDayEnd("2025-12-31").toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(chinaDayStart("2026-01-01")).toEqual(chinaDayEnd("2025-12-31"));
    expect(chinaDayEnd("2024-02-28")).toEqual(chinaDayStart("2024-02-29"));
    expect(chinaDayEnd("2025-02-28")).toEqual(chinaDayStart("2025-03-01"));
  });

  it("round-trip: every instant of the day has that date, the end does not", () => {
    for (const date of ["2025-01-27", "2025-12-31", "2024-02-29"]) {
      const start = chinaDayStart(date);
      const end = chinaDayEnd(date);
      expect([chinaDate(start), chinaDate(new Date(end.getTime() - 1)), chinaDate(end) > date]).toEqual([
        date,
        date,
        true,
      ]);
    }
  });

  it("give a wall-clock time on a date, and refuse impossible dates and times", () => {
    expect(chinaTime("2025-10-09", "09:30").toISOString()).toBe("2025-10-09T01:30:00.000Z");
    expect(chinaTime("2025-10-09", "12:00").toISOString()).toBe("2025-10-09T04:00:00.000Z");
    expect(chinaTime("2025-10-09").toISOString()).toBe("2025-10-08T16:00:00.000Z");
    expect(() => chinaTime("2025-02-29")).toThrow(RangeError);
    expect(() => chinaTime("2025-02-30", "09:00")).toThrow(RangeError);
    expect(() => chinaTime("2025-10-09", "24:00")).toThrow(RangeError);
    expect(() => chinaTime("2025-10-09", "9:00")).toThrow(RangeError);
  });
});

describe("@db.Date columns", () => {
  it("hold the date itself at midnight UTC, whatever the hour in China", () => {
    const column = isoToDateColumn("2025-11-04");
    expect(column.toISOString()).toBe("2025-11-04T00:00:00.000Z");
    expect(dateColumnToIso(column)).toBe("2025-11-04");
    expect(dateColumnToIso(isoToDateColumn("2024-02-29"))).toBe("2024-02-29");
    expect(dateColumnToIso(null)).toBeNull();
    expect(isoToDateColumn(null)).toBeNull();
  });
});

describe("SQL", () => {
  it("spells the conversion of a timestamp column once", () => {
    expect(chinaTimestampSql("c.submitted_at")).toBe("(c.submitted_at AT TIME ZONE 'Asia/Shanghai')");
    expect(chinaDateSql("c.completed_at")).toBe("(c.completed_at AT TIME ZONE 'Asia/Shanghai')::date");
  });

  it("writes an instant as China's wall-clock time with its offset", () => {
    expect(chinaTimestamp(new Date("2025-10-09T01:30:00.000Z"))).toBe("2025-10-09T09:30:00+08:00");
    expect(chinaTimestamp(new Date("2025-12-31T17:05:09.123Z"))).toBe("2026-01-01T01:05:09+08:00");
  });
});
