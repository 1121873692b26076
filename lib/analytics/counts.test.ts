import { describe, expect, it } from "vitest";
import { LAST_POSITION, UsageCounts } from "./counts";

describe("UsageCounts", () => {
  it("keys counts by China day, item, event, position and channel", () => {
    const counts = new UsageCounts();
    // 16:30 UTC is already the next day in China.
    counts.countUsage("GUIDE_VIEW", "A1", { channel: "WEB", at: new Date("2026-12-07T16:30:00Z") });
    counts.countUsage("GUIDE_VIEW", "A1", { channel: "WEB", at: new Date("2026-12-07T15:30:00Z"), times: 2 });
    counts.countUsage("GUIDE_VIEW", "A1", { channel: "API", at: new Date("2026-12-07T15:30:00Z") });
    counts.countUsage("SEARCH_CLICK", "A1", { channel: "WEB", position: 250, at: new Date("2026-12-07T15:30:00Z") });
    counts.countUsage("SEARCH_CLICK", "A1", { channel: "WEB", position: -3, at: new Date("2026-12-07T15:30:00Z") });
    expect(Object.fromEntries(counts.usage)).toEqual({
      "2026-12-08|A1|GUIDE_VIEW|0|WEB": 1,
      "2026-12-07|A1|GUIDE_VIEW|0|WEB": 2,
      "2026-12-07|A1|GUIDE_VIEW|0|API": 1,
      [`2026-12-07|A1|SEARCH_CLICK|${LAST_POSITION}|WEB`]: 1,
      "2026-12-07|A1|SEARCH_CLICK|1|WEB": 1,
    });
  });

  it("counts searches under their masked text, with results, empty results and clicks apart", () => {
    const counts = new UsageCounts();
    const at = new Date("2026-12-07T02:00:00Z");
    counts.countSearch("社保 13800138000", 3, at);
    counts.countSearch(" 社保 13912345678 ", 0, at);
    counts.countSearchClick("社保 13700000000", at);
    counts.countSearch("！！！", 0, at);
    expect(Object.fromEntries(counts.searches)).toEqual({
      "2026-12-07|社保 ＃": { searches: 2, zeroResults: 1, clicks: 1, lastResultCount: 0 },
    });
  });

  it("hands its counts over, takes failed ones back, and refuses new keys when full", () => {
    const counts = new UsageCounts(2);
    const at = new Date("2026-12-07T02:00:00Z");
    counts.countUsage("GUIDE_VIEW", "A1", { channel: "WEB", at });
    counts.countUsage("GUIDE_VIEW", "A2", { channel: "WEB", at });
    counts.countUsage("GUIDE_VIEW", "A3", { channel: "WEB", at });
    counts.countUsage("GUIDE_VIEW", "A1", { channel: "WEB", at });
    expect(counts.full).toBe(true);
    expect([...counts.usage.values()]).toEqual([2, 1]);
    const taken = counts.take();
    expect(counts.size).toBe(0);
    expect(counts.full).toBe(false);
    counts.countUsage("GUIDE_VIEW", "A1", { channel: "WEB", at });
    counts.merge(taken);
    expect(Object.fromEntries(counts.usage)).toEqual({
      "2026-12-07|A1|GUIDE_VIEW|0|WEB": 3,
      "2026-12-07|A2|GUIDE_VIEW|0|WEB": 1,
    });
  });
});
