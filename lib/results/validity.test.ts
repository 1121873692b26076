import { describe, expect, it } from "vitest";
import { validUntil } from "./validity";

describe("a licence's last valid day", () => {
  it("is the day before the same date the given months later; long-term has none", () => {
    expect(validUntil("2026-12-07", 60)).toBe("2031-12-06");
    expect(validUntil("2026-01-01", 12)).toBe("2026-12-31");
    expect(validUntil("2026-03-01", 1)).toBe("2026-03-31");
    expect(validUntil("2026-12-07", null)).toBeNull();
  });

  it("ends on the month's last day when the month has no such date", () => {
    expect(validUntil("2026-01-31", 1)).toBe("2026-02-28");
    expect(validUntil("2028-02-29", 12)).toBe("2029-02-28");
    expect(validUntil("2026-01-30", 1)).toBe("2026-02-28");
  });
});
