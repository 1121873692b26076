import { describe, expect, it } from "vitest";
import { defaultWorkflow, Workflow } from "../catalogue/guide-content";
import { currentStep, excludedSigners, pendingSignOffs, stepOfAction, workflowOfVersion } from "./workflow";

const licensing = defaultWorkflow("T01_LICENSING");
const simple = defaultWorkflow("T05_BENEFIT");

describe("the workflow a case runs", () => {
  it("reads a version stored before duties: role per step, no 审查 step", () => {
    const stored = {
      workflow: {
        steps: [
          { kind: "DELIVERY", enabled: true, role: "CLERK", departmentCode: null, limit: null },
          { kind: "PRE_REVIEW", enabled: true, role: "CLERK", departmentCode: null, limit: null },
          { kind: "ACCEPTANCE", enabled: true, role: "CLERK", departmentCode: null, limit: null },
          { kind: "REVIEW", enabled: true, role: "CLERK", departmentCode: null, limit: null },
          { kind: "DECISION", enabled: true, role: "DEPT_ADMIN", departmentCode: null, limit: null },
          { kind: "COMPLETION", enabled: true, role: "CLERK", departmentCode: null, limit: null },
        ],
        specialProceduresAllowed: false,
        deliveryOptions: ["DOWNLOAD"],
      },
    };
    const workflow = workflowOfVersion(stored, "T01_LICENSING");
    expect(workflow.steps.map((step) => [step.kind, step.enabled, step.duty])).toEqual([
      ["PRE_REVIEW", true, "INTAKE"],
      ["ACCEPTANCE", true, "INTAKE"],
      ["EXAMINATION", false, "HANDLING"],
      ["REVIEW", true, "REVIEW"],
      ["DECISION", true, "DECISION"],
      ["COMPLETION", true, "HANDLING"],
      ["DELIVERY", true, "INTAKE"],
    ]);
    expect(workflow.separateDuties).toBe(true);
    // Without 审查, the review is the only opinion before the decision.
    expect(currentStep(workflow, "ACCEPTED", [])?.kind).toBe("REVIEW");
  });

  it("falls back to the item type's default when a version has no workflow or an unreadable one", () => {
    expect(workflowOfVersion({}, "T01_LICENSING")).toEqual(licensing);
    expect(workflowOfVersion({ workflow: { steps: "nonsense" } }, "T05_BENEFIT")).toEqual(simple);
    expect(Workflow.safeParse({ ...licensing, steps: [...licensing.steps, licensing.steps[0]] }).success).toBe(false);
  });

  it("asks for the opinions in order before the decision, and the decision's duty after them", () => {
    expect(pendingSignOffs(licensing, []).map((step) => step.kind)).toEqual(["EXAMINATION", "REVIEW"]);
    expect(stepOfAction(licensing, "ACCEPTED", "approve", [])).toEqual({ ok: false, error: "signOffsPending" });
    expect(stepOfAction(licensing, "ACCEPTED", "signOff", [])).toMatchObject({
      ok: true,
      step: { kind: "EXAMINATION", duty: "HANDLING" },
    });
    const examined = [{ step: "EXAMINATION", userId: "a" }];
    expect(stepOfAction(licensing, "IN_REVIEW", "signOff", examined)).toMatchObject({
      ok: true,
      step: { kind: "REVIEW", duty: "REVIEW" },
    });
    const reviewed = [...examined, { step: "REVIEW", userId: "b" }];
    expect(stepOfAction(licensing, "IN_REVIEW", "signOff", reviewed)).toEqual({ ok: false, error: "notInWorkflow" });
    expect(stepOfAction(licensing, "IN_REVIEW", "approve", reviewed)).toMatchObject({
      ok: true,
      step: { kind: "DECISION", duty: "DECISION" },
    });
    expect(stepOfAction(licensing, "IN_REVIEW", "startReview", [])).toEqual({ ok: false, error: "notInWorkflow" });
  });

  it("gives a simple item's decision to whoever completes it, and has no opinions to sign", () => {
    expect(pendingSignOffs(simple, [])).toEqual([]);
    expect(stepOfAction(simple, "ACCEPTED", "approve", [])).toMatchObject({
      ok: true,
      step: { kind: "DECISION", duty: "HANDLING" },
    });
    expect(stepOfAction(simple, "ACCEPTED", "signOff", [])).toEqual({ ok: false, error: "notInWorkflow" });
    expect(stepOfAction(simple, "ACCEPTED", "startReview", [])).toMatchObject({ ok: true });
    expect(currentStep(simple, "APPROVED", [])).toMatchObject({ kind: "COMPLETION", duty: "HANDLING" });
  });

  it("names the step a case waits for in each state", () => {
    expect(currentStep(licensing, "SUBMITTED", [])?.kind).toBe("PRE_REVIEW");
    expect(currentStep(licensing, "PRE_REVIEW", [])?.kind).toBe("ACCEPTANCE");
    expect(currentStep(licensing, "SUPPLEMENT_REQUESTED", [])).toBeNull();
    expect(currentStep(licensing, "SPECIAL_PROCEDURE", [{ step: "EXAMINATION", userId: "a" }])?.kind).toBe("REVIEW");
    expect(currentStep(licensing, "COMPLETED", [])?.kind).toBe("DELIVERY");
    expect(currentStep(licensing, "DENIED", [])).toBeNull();
    const noPreReview = {
      ...licensing,
      steps: licensing.steps.map((step) => (step.kind === "PRE_REVIEW" ? { ...step, enabled: false } : step)),
    };
    expect(currentStep(noPreReview, "SUBMITTED", [])?.kind).toBe("ACCEPTANCE");
    expect(stepOfAction(noPreReview, "SUBMITTED", "startPreReview", [])).toEqual({ ok: false, error: "notInWorkflow" });
  });

  it("excludes the examiner from review and both signers from the decision, only where duties are separated", () => {
    const signed = [
      { step: "EXAMINATION", userId: "a" },
      { step: "REVIEW", userId: "b" },
    ];
    expect(excludedSigners(licensing, "REVIEW", signed)).toEqual(["a"]);
    expect(excludedSigners(licensing, "DECISION", signed)).toEqual(["a", "b"]);
    expect(excludedSigners(licensing, "COMPLETION", signed)).toEqual([]);
    expect(excludedSigners({ ...licensing, separateDuties: false }, "DECISION", signed)).toEqual([]);
  });

  it("starts a special procedure only on items whose guide allows one", () => {
    expect(stepOfAction(licensing, "IN_REVIEW", "startSpecialProcedure", [])).toEqual({
      ok: false,
      error: "notInWorkflow",
    });
    expect(
      stepOfAction({ ...licensing, specialProceduresAllowed: true }, "IN_REVIEW", "startSpecialProcedure", []),
    ).toMatchObject({ ok: true, step: { kind: "EXAMINATION" } });
    expect(stepOfAction(licensing, "SPECIAL_PROCEDURE", "endSpecialProcedure", [])).toMatchObject({ ok: true });
  });

  it("counts only working-day step limits", () => {
    const limited = {
      ...licensing,
      steps: licensing.steps.map((step) =>
        step.kind === "EXAMINATION" ? { ...step, limit: { limit: 2, unit: "WORKING_DAY" as const, note: null } } : step,
      ),
    };
    expect(currentStep(limited, "ACCEPTED", [])).toMatchObject({ kind: "EXAMINATION", limitDays: 2 });
  });
});

describe("the workflow as the item editor sends it", () => {
  it("reads the one number box per step, the comma-separated department codes and an empty limit", () => {
    const raw = {
      ...licensing,
      steps: licensing.steps.map((step) => ({
        ...step,
        limit: step.kind === "EXAMINATION" ? { limit: "2" } : { limit: "" },
      })),
      jointDepartmentCodes: "11511600MB1234567X, 11511600MB7654321Y，11511600MB0000000Z",
      jointLimitDays: "",
    };
    const parsed = Workflow.parse(raw);
    expect(parsed.steps.find((step) => step.kind === "EXAMINATION")?.limit).toEqual({
      limit: 2,
      unit: "WORKING_DAY",
      note: null,
    });
    expect(parsed.steps.filter((step) => step.limit !== null)).toHaveLength(1);
    expect(parsed.jointDepartmentCodes).toEqual(["11511600MB1234567X", "11511600MB7654321Y", "11511600MB0000000Z"]);
    expect(parsed.jointLimitDays).toBeNull();
    expect(Workflow.safeParse({ ...raw, steps: [{ ...raw.steps[2], limit: { limit: "-1" } }] }).success).toBe(false);
  });
});
