import { describe, expect, it, vi } from "vitest";

// The search itself runs against PostgreSQL (tests/integration/search.integration.test.ts); only the rule is here.
vi.mock("../db/client", () => ({ db: () => ({}) }));
const { preferredRegion } = await import("./search");

describe("preferredRegion: whose implementation a search result shows first", () => {
  it("is the chosen region, or the filter when nothing was chosen", () => {
    expect(preferredRegion("511602000000", undefined)).toBe("511602000000");
    expect(preferredRegion(null, "511600000000")).toBe("511600000000");
    expect(preferredRegion(undefined, undefined)).toBeUndefined();
  });

  it("keeps the chosen region while the filter covers it (a province or city containing it)", () => {
    expect(preferredRegion("511602000000", "510000000000")).toBe("511602000000");
    expect(preferredRegion("511602000000", "511600000000")).toBe("511602000000");
    expect(preferredRegion("511602000000", "511602000000")).toBe("511602000000");
  });

  it("follows the filter when the visitor looks at another region", () => {
    expect(preferredRegion("511602000000", "510100000000")).toBe("510100000000");
    expect(preferredRegion("511602000000", "511621000000")).toBe("511621000000");
    // A city chosen, one of its counties filtered: the county is where the visitor looks.
    expect(preferredRegion("511600000000", "511602000000")).toBe("511602000000");
  });
});
