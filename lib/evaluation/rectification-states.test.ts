import { describe, expect, it } from "vitest";
import {
  ANSWERED_RECTIFICATION_STATUSES,
  OWED_RECTIFICATION_STATUSES,
  RECTIFICATION_MOVES,
  RECTIFICATION_STATUSES,
  rectificationMove,
  REVIEWABLE_RECTIFICATION_STATUSES,
  type RectificationMove,
} from "./rectification-states";

/** Written out by hand from docs/domain.md (好差评 整改), independently of RECTIFICATION_MOVES. */
const EXPECTED: Record<RectificationMove, Record<string, string | null>> = {
  reply: { OPEN: "REPLIED", REPLIED: null, ACCEPTED: null, REOPENED: "REPLIED", APPEALED: null },
  accept: { OPEN: null, REPLIED: "ACCEPTED", ACCEPTED: null, REOPENED: null, APPEALED: "ACCEPTED" },
  reopen: { OPEN: null, REPLIED: "REOPENED", ACCEPTED: null, REOPENED: null, APPEALED: "REOPENED" },
  appeal: { OPEN: null, REPLIED: "APPEALED", ACCEPTED: "APPEALED", REOPENED: null, APPEALED: null },
};

describe("rectification lifecycle", () => {
  it("moves exactly as the hand-written matrix says", () => {
    expect(Object.keys(RECTIFICATION_MOVES).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [move, row] of Object.entries(EXPECTED))
      for (const from of RECTIFICATION_STATUSES)
        expect(rectificationMove(from, move as RectificationMove), `${move} from ${from}`).toBe(row[from]);
    expect(rectificationMove("NONSENSE", "reply")).toBeNull();
  });

  it("names its groups", () => {
    expect(OWED_RECTIFICATION_STATUSES).toEqual(["OPEN", "REOPENED"]);
    expect(REVIEWABLE_RECTIFICATION_STATUSES).toEqual(["REPLIED", "APPEALED"]);
    expect(ANSWERED_RECTIFICATION_STATUSES).toEqual(["REPLIED", "ACCEPTED"]);
  });

  it("reaches every state from OPEN", () => {
    const seen = new Set<string>(["OPEN"]);
    const queue = ["OPEN"];
    while (queue.length) {
      const from = queue.shift()!;
      for (const move of Object.keys(RECTIFICATION_MOVES) as RectificationMove[]) {
        const to = rectificationMove(from, move);
        if (to && !seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...RECTIFICATION_STATUSES].sort());
  });
});
