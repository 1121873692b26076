import { describe, expect, it } from "vitest";
import { eventTitle } from "./event-title";

const labels = {
  action: (action: string) => ({ approve: "准予许可", accept: "受理", claim: "认领" })[action] ?? null,
  status: (status: string) => ({ APPROVED: "准予许可", ACCEPTED: "已受理" })[status] ?? status,
  fallback: "办件状态变更",
};

describe("timeline entry titles", () => {
  it("names the step and the state it led to, once when they read the same, and never shows a code", () => {
    expect(eventTitle({ action: "approve", toStatus: "APPROVED" }, labels)).toBe("准予许可");
    expect(eventTitle({ action: "accept", toStatus: "ACCEPTED" }, labels)).toBe("受理 → 已受理");
    expect(eventTitle({ action: "claim", toStatus: null }, labels)).toBe("认领");
    expect(eventTitle({ action: "startSomethingNew", toStatus: "ACCEPTED" }, labels)).toBe("办件状态变更 → 已受理");
    expect(eventTitle({ action: "startSomethingNew", toStatus: null }, labels)).toBe("办件状态变更");
  });
});
