import { describe, expect, it } from "vitest";
import {
  availableActions,
  CASE_ACTION_NAMES,
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseActorKind,
  FINAL_STATUSES,
  planTransition,
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

describe("case state machine", () => {
  // Every action × every state × both actor kinds: allowed exactly where the table says.
  for (const action of CASE_ACTION_NAMES) {
    for (const from of CASE_STATUSES) {
      for (const by of ["applicant", "staff"] as CaseActorKind[]) {
        const spec = CASE_ACTIONS[action];
        const allowed = spec.by === by && (spec.from as readonly string[]).includes(from);
        it(`${action} from ${from} by ${by}: ${allowed ? "allowed" : "refused"}`, () => {
          const plan = planTransition(from, { action, by, ...everything });
          expect(plan.ok).toBe(allowed);
          if (plan.ok) expect(plan.to).toBe(spec.to);
        });
      }
    }
  }

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
