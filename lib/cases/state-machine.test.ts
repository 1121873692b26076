import { describe, expect, it } from "vitest";
import {
  availableActions,
  CASE_ACTION_NAMES,
  CASE_STATUSES,
  type CaseActorKind,
  type CaseStatus,
  CONCLUDED_STATUSES,
  DECIDING_STATUSES,
  ENDED_UNDECIDED_STATUSES,
  FINAL_STATUSES,
  INTAKE_STATUSES,
  OPEN_STATUSES,
  PENDING_STATUSES,
  planTransition,
  RATEABLE_STATUSES,
  REFUSED_STATUSES,
  RESULT_STATUSES,
  STAFF_WORK_STATUSES,
  statusListSql,
} from "./state-machine";

const everything = {
  reason: "理由",
  legalBasis: "《中华人民共和国行政许可法》第三十二条",
  supplementList: [{ material: "id-card", note: "不清晰" }],
  plannedEnd: "2026-12-01",
  deliveryMethod: "WINDOW_PICKUP",
  targetDepartment: "dept",
  opinion: "AGREE",
};

/**
 * The lifecycle written out by hand, from docs/domain.md "Cases" and ARCHITECTURE.md's table, independently of
 * CASE_ACTIONS: action → [who, from states, to state]. A change to the table must change this too.
 */
const EXPECTED: Record<string, [CaseActorKind, CaseStatus[], CaseStatus]> = {
  startPreReview: ["staff", ["SUBMITTED"], "PRE_REVIEW"],
  accept: ["staff", ["SUBMITTED", "PRE_REVIEW"], "ACCEPTED"],
  rejectAtIntake: ["staff", ["SUBMITTED", "PRE_REVIEW"], "REJECTED_AT_INTAKE"],
  requestSupplement: ["staff", ["SUBMITTED", "PRE_REVIEW"], "SUPPLEMENT_REQUESTED"],
  resubmit: ["applicant", ["SUPPLEMENT_REQUESTED"], "PRE_REVIEW"],
  startReview: ["staff", ["ACCEPTED"], "IN_REVIEW"],
  signOff: ["staff", ["ACCEPTED", "IN_REVIEW"], "IN_REVIEW"],
  startSpecialProcedure: ["staff", ["ACCEPTED", "IN_REVIEW"], "SPECIAL_PROCEDURE"],
  endSpecialProcedure: ["staff", ["SPECIAL_PROCEDURE"], "IN_REVIEW"],
  suspend: ["staff", ["ACCEPTED", "IN_REVIEW"], "SUSPENDED"],
  resume: ["staff", ["SUSPENDED"], "IN_REVIEW"],
  approve: ["staff", ["ACCEPTED", "IN_REVIEW"], "APPROVED"],
  deny: ["staff", ["ACCEPTED", "IN_REVIEW"], "DENIED"],
  complete: ["staff", ["APPROVED"], "COMPLETED"],
  deliver: ["staff", ["COMPLETED"], "DELIVERED"],
  withdraw: ["applicant", ["SUBMITTED", "PRE_REVIEW", "SUPPLEMENT_REQUESTED"], "WITHDRAWN"],
  void: ["staff", ["SUBMITTED", "PRE_REVIEW", "SUPPLEMENT_REQUESTED", "ACCEPTED", "IN_REVIEW", "SUSPENDED"], "VOIDED"],
  forward: ["staff", ["SUBMITTED", "PRE_REVIEW", "ACCEPTED", "IN_REVIEW"], "SUBMITTED"],
};

/** Every state reachable from SUBMITTED by some sequence of actions (either actor). */
function reachableFrom(start: CaseStatus): Set<CaseStatus> {
  const seen = new Set<CaseStatus>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const by of ["applicant", "staff"] as const)
      for (const action of availableActions(from, by)) {
        const plan = planTransition(from, { action, by, ...everything });
        if (plan.ok && !seen.has(plan.to)) {
          seen.add(plan.to);
          queue.push(plan.to);
        }
      }
  }
  return seen;
}

describe("case state machine", () => {
  it("has exactly the expected actions", () => {
    expect([...CASE_ACTION_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Every action × every state × both actor kinds: allowed exactly where the hand-written matrix says.
  for (const [action, [actor, fromStates, to]] of Object.entries(EXPECTED)) {
    for (const from of CASE_STATUSES) {
      for (const by of ["applicant", "staff"] as CaseActorKind[]) {
        const allowed = by === actor && fromStates.includes(from);
        it(`${action} from ${from} by ${by}: ${allowed ? `to ${to}` : "refused"}`, () => {
          const plan = planTransition(from, { action, by, ...everything });
          expect(plan.ok).toBe(allowed);
          if (plan.ok) expect(plan.to).toBe(to);
        });
      }
    }
  }

  it("reaches every state from submission except the old FORWARDED, and every open state can still end", () => {
    const reachable = reachableFrom("SUBMITTED");
    expect(CASE_STATUSES.filter((status) => !reachable.has(status))).toEqual(["FORWARDED"]);
    for (const status of OPEN_STATUSES) {
      const ends = [...reachableFrom(status)].filter((next) => FINAL_STATUSES.includes(next));
      expect(ends.length, `${status} can reach a final state`).toBeGreaterThan(0);
    }
  });

  it("sets the clock and the time stamps where the law does", () => {
    const plan = (from: CaseStatus, action: string) => planTransition(from, { action, by: "staff", ...everything });
    expect(plan("PRE_REVIEW", "accept")).toMatchObject({ stamps: ["acceptedAt"], clock: "start" });
    expect(plan("IN_REVIEW", "approve")).toMatchObject({ stamps: ["decidedAt"], clock: null, outcomeCode: null });
    expect(plan("IN_REVIEW", "deny")).toMatchObject({ stamps: ["decidedAt"], outcomeCode: 1 });
    expect(plan("IN_REVIEW", "startSpecialProcedure")).toMatchObject({ clock: { opensPause: "SPECIAL_PROCEDURE" } });
    expect(plan("SPECIAL_PROCEDURE", "endSpecialProcedure")).toMatchObject({
      clock: { closesPause: "SPECIAL_PROCEDURE" },
    });
    expect(plan("IN_REVIEW", "suspend")).toMatchObject({ clock: { opensPause: "SUSPENSION" } });
    expect(plan("SUSPENDED", "resume")).toMatchObject({ clock: { closesPause: "SUSPENSION" } });
    // An outcome ends the handling (completedAt); delivery and forwarding record none.
    expect(plan("COMPLETED", "deliver")).toMatchObject({ outcomeCode: null, stamps: [], clock: null });
    expect(plan("IN_REVIEW", "forward")).toMatchObject({ outcomeCode: null, stamps: [], clock: null });
    expect(plan("IN_REVIEW", "void")).toMatchObject({ outcomeCode: 2 });
  });

  it("names its status groups", () => {
    expect(OPEN_STATUSES).toEqual([
      "SUBMITTED",
      "PRE_REVIEW",
      "SUPPLEMENT_REQUESTED",
      "ACCEPTED",
      "IN_REVIEW",
      "SPECIAL_PROCEDURE",
      "SUSPENDED",
      "APPROVED",
      "COMPLETED",
    ]);
    expect(STAFF_WORK_STATUSES).toEqual([
      "SUBMITTED",
      "PRE_REVIEW",
      "ACCEPTED",
      "IN_REVIEW",
      "SPECIAL_PROCEDURE",
      "SUSPENDED",
      "APPROVED",
      "COMPLETED",
    ]);
    expect(PENDING_STATUSES).toEqual([
      "SUBMITTED",
      "PRE_REVIEW",
      "SUPPLEMENT_REQUESTED",
      "ACCEPTED",
      "IN_REVIEW",
      "SPECIAL_PROCEDURE",
      "SUSPENDED",
      "APPROVED",
    ]);
    expect(INTAKE_STATUSES).toEqual(["SUBMITTED", "PRE_REVIEW"]);
    expect(DECIDING_STATUSES).toEqual(["ACCEPTED", "IN_REVIEW", "SPECIAL_PROCEDURE", "SUSPENDED"]);
    expect(RESULT_STATUSES).toEqual(["COMPLETED", "DELIVERED"]);
    expect(REFUSED_STATUSES).toEqual(["REJECTED_AT_INTAKE", "DENIED"]);
    expect(ENDED_UNDECIDED_STATUSES).toEqual(["WITHDRAWN", "VOIDED", "FORWARDED"]);
    expect(CONCLUDED_STATUSES).toEqual(["COMPLETED", "DELIVERED", "DENIED"]);
    expect(RATEABLE_STATUSES).toEqual(["COMPLETED", "DELIVERED", "REJECTED_AT_INTAKE", "DENIED"]);
  });

  it("keeps the groups consistent with the table", () => {
    // Final states have no way out, open ones at least one.
    for (const status of OPEN_STATUSES)
      expect([...availableActions(status, "staff"), ...availableActions(status, "applicant")].length).toBeGreaterThan(
        0,
      );
    // The deadline clock runs from acceptance to a decision: only accept leads into it from outside.
    for (const action of CASE_ACTION_NAMES)
      for (const from of CASE_STATUSES) {
        const plan = planTransition(from, { action, by: EXPECTED[action]![0], ...everything });
        if (plan.ok && DECIDING_STATUSES.includes(plan.to) && !DECIDING_STATUSES.includes(from))
          expect(action).toBe("accept");
      }
  });

  it("writes a group as SQL literals, and nothing else", () => {
    expect(statusListSql(DECIDING_STATUSES)).toBe("('ACCEPTED', 'IN_REVIEW', 'SPECIAL_PROCEDURE', 'SUSPENDED')");
    expect(() => statusListSql([])).toThrow();
    expect(() => statusListSql(["ACCEPTED', 'x" as CaseStatus])).toThrow();
  });

  it("never leaves a final state", () => {
    for (const from of FINAL_STATUSES) {
      expect(availableActions(from, "staff")).toEqual([]);
      expect(availableActions(from, "applicant")).toEqual([]);
    }
  });

  it("wants reasons, legal bases, the supplement list and end dates where the law does", () => {
    expect(planTransition("PRE_REVIEW", { action: "rejectAtIntake", by: "staff", reason: "材料不全" })).toEqual({
      ok: false,
      error: "missingFields",
      missing: ["legalBasis"],
    });
    expect(planTransition("PRE_REVIEW", { action: "requestSupplement", by: "staff", supplementList: [] })).toEqual({
      ok: false,
      error: "missingFields",
      missing: ["supplementList"],
    });
    expect(planTransition("IN_REVIEW", { action: "deny", by: "staff", reason: "  ", legalBasis: "x" })).toEqual({
      ok: false,
      error: "missingFields",
      missing: ["reason"],
    });
    expect(planTransition("IN_REVIEW", { action: "startSpecialProcedure", by: "staff", reason: "专家评审" })).toEqual({
      ok: false,
      error: "missingFields",
      missing: ["plannedEnd"],
    });
    expect(planTransition("IN_REVIEW", { action: "signOff", by: "staff" })).toEqual({
      ok: false,
      error: "missingFields",
      missing: ["opinion"],
    });
    expect(planTransition("COMPLETED", { action: "deliver", by: "staff" })).toMatchObject({
      ok: false,
      missing: ["deliveryMethod"],
    });
  });

  it("lets the applicant withdraw only until acceptance", () => {
    expect(planTransition("SUPPLEMENT_REQUESTED", { action: "withdraw", by: "applicant" })).toMatchObject({
      ok: true,
      to: "WITHDRAWN",
      outcomeCode: 5,
    });
    expect(planTransition("ACCEPTED", { action: "withdraw", by: "applicant" })).toEqual({
      ok: false,
      error: "notAllowedFromState",
    });
    expect(planTransition("PRE_REVIEW", { action: "withdraw", by: "staff" })).toEqual({
      ok: false,
      error: "wrongActor",
    });
  });

  it("refuses unknown and prototype actions", () => {
    expect(planTransition("SUBMITTED", { action: "toString", by: "staff" })).toEqual({
      ok: false,
      error: "unknownAction",
    });
    expect(planTransition("SUBMITTED", { action: "__proto__", by: "staff" })).toEqual({
      ok: false,
      error: "unknownAction",
    });
  });

  it("records the national outcome codes", () => {
    expect(planTransition("APPROVED", { action: "complete", by: "staff" })).toMatchObject({ outcomeCode: 0 });
    expect(planTransition("IN_REVIEW", { action: "deny", by: "staff", ...everything })).toMatchObject({
      outcomeCode: 1,
    });
    expect(planTransition("PRE_REVIEW", { action: "rejectAtIntake", by: "staff", ...everything })).toMatchObject({
      outcomeCode: 6,
    });
  });
});
