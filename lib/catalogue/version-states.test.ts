import { describe, expect, it } from "vitest";
import {
  EDITABLE_VERSION_STATUSES,
  ITEM_VERSION_MOVES,
  ITEM_VERSION_STATUSES,
  itemVersionMove,
  type ItemVersionMove,
  OPEN_VERSION_STATUSES,
  PUBLISHED_VERSION_STATUSES,
} from "./version-states";

/** Written out by hand from docs/domain.md (four-eyes publishing), independently of ITEM_VERSION_MOVES. */
const EXPECTED: Record<ItemVersionMove, Record<string, string | null>> = {
  submit: { DRAFT: "IN_REVIEW", IN_REVIEW: null, PUBLISHED: null, SUPERSEDED: null, DISCARDED: null },
  return: { DRAFT: null, IN_REVIEW: "DRAFT", PUBLISHED: null, SUPERSEDED: null, DISCARDED: null },
  publish: { DRAFT: null, IN_REVIEW: "PUBLISHED", PUBLISHED: null, SUPERSEDED: null, DISCARDED: null },
  supersede: { DRAFT: null, IN_REVIEW: null, PUBLISHED: "SUPERSEDED", SUPERSEDED: null, DISCARDED: null },
  discard: { DRAFT: "DISCARDED", IN_REVIEW: "DISCARDED", PUBLISHED: null, SUPERSEDED: null, DISCARDED: null },
};

describe("item version lifecycle", () => {
  it("moves exactly as the hand-written matrix says; a draft is never published without review", () => {
    expect(Object.keys(ITEM_VERSION_MOVES).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [move, row] of Object.entries(EXPECTED))
      for (const from of ITEM_VERSION_STATUSES)
        expect(itemVersionMove(from, move as ItemVersionMove), `${move} from ${from}`).toBe(row[from]);
  });

  it("names its groups", () => {
    expect(OPEN_VERSION_STATUSES).toEqual(["DRAFT", "IN_REVIEW"]);
    expect(EDITABLE_VERSION_STATUSES).toEqual(["DRAFT"]);
    expect(PUBLISHED_VERSION_STATUSES).toEqual(["PUBLISHED", "SUPERSEDED"]);
  });
});
