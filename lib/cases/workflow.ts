import { defaultWorkflow, type StaffDuty, Workflow, type WorkflowStepKind } from "../catalogue/guide-content";
import type { CaseAction, CaseStatus } from "./state-machine";

/**
 * A case runs the workflow of the item version it was filed under (issue 19): which step each action belongs to, the
 * duty that takes it, the order of the sign-offs (审查 → 审核 → 决定) and the separation of duties. Plain TypeScript:
 * lib/cases/transition.ts asks it inside the case's lock, lib/auth/policy.ts decides whether the actor holds the
 * step's duty, and the console lists what a person's duties let them do from the step it stores on the case.
 */

/** The steps that record an opinion (同意/不同意) before the decision, in order. */
export const SIGN_OFF_STEPS = ["EXAMINATION", "REVIEW"] as const satisfies readonly WorkflowStepKind[];
export type SignOffStep = (typeof SIGN_OFF_STEPS)[number];
export const OPINIONS = ["AGREE", "DISAGREE"] as const;
export type Opinion = (typeof OPINIONS)[number];

/** A sign-off already recorded on the case (a `signOff` event): the step and who signed. */
export type RecordedSignOff = { step: string; userId: string | null };

/** A step as a case meets it: its kind, the duty that takes it and the department it is taken in (null: the item's). */
export type CaseStep = {
  kind: WorkflowStepKind;
  duty: StaffDuty;
  departmentCode: string | null;
  limitDays: number | null;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The workflow stored in an item version's content; a version without one (or an unreadable one) gets its type's default. */
export function workflowOfVersion(content: unknown, itemType: string): Workflow {
  const parsed = Workflow.safeParse(isRecord(content) ? content.workflow : undefined);
  return parsed.success ? parsed.data : defaultWorkflow(itemType);
}

function stepOf(workflow: Workflow, kind: WorkflowStepKind): CaseStep | null {
  const step = workflow.steps.find((candidate) => candidate.kind === kind && candidate.enabled);
  if (!step) return null;
  // Only a limit in working days is a step limit the clock can count; other units count as none.
  const limitDays = step.limit && step.limit.unit === "WORKING_DAY" ? step.limit.limit : null;
  return { kind, duty: step.duty, departmentCode: step.departmentCode ?? null, limitDays };
}

/** The first step found among `kinds`, named as `as` (a decision taken at 办结 is still the decision). */
function firstOf(workflow: Workflow, as: WorkflowStepKind, ...kinds: WorkflowStepKind[]): CaseStep {
  for (const kind of kinds) {
    const step = stepOf(workflow, kind);
    if (step) return { ...step, kind: as };
  }
  // Every published workflow has 受理 (lib/catalogue/guide-content.ts checks it); a broken one falls back to intake.
  return { kind: as, duty: "INTAKE", departmentCode: null, limitDays: null };
}

/** 预审 when the item has it, else 受理: who examines a submission before it is accepted. */
const intakeStep = (workflow: Workflow) =>
  firstOf(workflow, stepOf(workflow, "PRE_REVIEW") ? "PRE_REVIEW" : "ACCEPTANCE", "PRE_REVIEW", "ACCEPTANCE");
/** 决定: the decision step, or (simple items without one) whoever completes the case, or whoever accepted it. */
const decisionStep = (workflow: Workflow) => firstOf(workflow, "DECISION", "DECISION", "COMPLETION", "ACCEPTANCE");
const completionStep = (workflow: Workflow) => firstOf(workflow, "COMPLETION", "COMPLETION", "DECISION", "ACCEPTANCE");
const deliveryStep = (workflow: Workflow) =>
  firstOf(workflow, "DELIVERY", "DELIVERY", "COMPLETION", "DECISION", "ACCEPTANCE");

/** The enabled sign-off steps not yet signed, in order. */
export function pendingSignOffs(workflow: Workflow, signOffs: readonly RecordedSignOff[]): CaseStep[] {
  const signed = new Set(signOffs.map((signOff) => signOff.step));
  return SIGN_OFF_STEPS.map((kind) => stepOf(workflow, kind)).filter(
    (step): step is CaseStep => step !== null && !signed.has(step.kind),
  );
}

/** The step a case in `status` waits for; null when the applicant has the turn or the case is closed. */
export function currentStep(
  workflow: Workflow,
  status: CaseStatus,
  signOffs: readonly RecordedSignOff[],
): CaseStep | null {
  switch (status) {
    case "SUBMITTED":
      return intakeStep(workflow);
    case "PRE_REVIEW":
      return firstOf(workflow, "ACCEPTANCE", "ACCEPTANCE");
    case "ACCEPTED":
    case "IN_REVIEW":
    case "SPECIAL_PROCEDURE":
    case "SUSPENDED":
      return pendingSignOffs(workflow, signOffs)[0] ?? decisionStep(workflow);
    case "APPROVED":
      return completionStep(workflow);
    case "COMPLETED":
      return deliveryStep(workflow);
    default:
      return null;
  }
}

export type StepPlan = { ok: true; step: CaseStep } | { ok: false; error: "notInWorkflow" | "signOffsPending" };

/**
 * The step an action belongs to on a case in `status`: the intake actions to 预审/受理, an opinion to the first
 * unsigned sign-off step, a decision to 决定 once every sign-off is in, and so on. Applicants' actions belong to no
 * step (the state machine and the policy decide those).
 */
export function stepOfAction(
  workflow: Workflow,
  status: CaseStatus,
  action: CaseAction,
  signOffs: readonly RecordedSignOff[],
): StepPlan {
  const pending = pendingSignOffs(workflow, signOffs);
  const afterAcceptance =
    status === "ACCEPTED" || status === "IN_REVIEW" || status === "SPECIAL_PROCEDURE" || status === "SUSPENDED";
  switch (action) {
    case "startPreReview": {
      const step = stepOf(workflow, "PRE_REVIEW");
      return step ? { ok: true, step } : { ok: false, error: "notInWorkflow" };
    }
    case "requestSupplement":
    case "rejectAtIntake":
      return {
        ok: true,
        step: status === "PRE_REVIEW" ? firstOf(workflow, "ACCEPTANCE", "ACCEPTANCE") : intakeStep(workflow),
      };
    case "accept":
      return { ok: true, step: firstOf(workflow, "ACCEPTANCE", "ACCEPTANCE") };
    case "signOff": {
      const step = pending[0];
      return step ? { ok: true, step } : { ok: false, error: "notInWorkflow" };
    }
    case "startReview":
      // With sign-off steps, examination starts by signing it; startReview is for items without them.
      return pending.length === 0 && SIGN_OFF_STEPS.every((kind) => !stepOf(workflow, kind))
        ? { ok: true, step: decisionStep(workflow) }
        : { ok: false, error: "notInWorkflow" };
    case "startSpecialProcedure":
      // 特别程序 only where the item's guide names them (行政许可法 §45); ending one already started is always possible.
      return workflow.specialProceduresAllowed
        ? { ok: true, step: pending[0] ?? decisionStep(workflow) }
        : { ok: false, error: "notInWorkflow" };
    case "endSpecialProcedure":
    case "suspend":
    case "resume":
      return { ok: true, step: pending[0] ?? decisionStep(workflow) };
    case "approve":
    case "deny":
      return pending.length > 0 ? { ok: false, error: "signOffsPending" } : { ok: true, step: decisionStep(workflow) };
    case "complete":
      return { ok: true, step: completionStep(workflow) };
    case "deliver":
      return { ok: true, step: deliveryStep(workflow) };
    case "void":
    case "forward":
      // Before acceptance whoever takes in the case; after it, ending or sending it away is a decision.
      return { ok: true, step: afterAcceptance ? decisionStep(workflow) : intakeStep(workflow) };
    case "resubmit":
    case "withdraw":
      return { ok: false, error: "notInWorkflow" };
  }
}

/**
 * Separation of duties: on items that want it, the reviewer did not examine, and the decision is not taken by
 * anyone who examined or reviewed. The users who may therefore not take `step` (empty when the item does not separate).
 */
export function excludedSigners(
  workflow: Workflow,
  step: WorkflowStepKind,
  signOffs: readonly RecordedSignOff[],
): string[] {
  if (!workflow.separateDuties) return [];
  const signersOf = (kinds: readonly string[]) =>
    signOffs
      .filter((signOff) => kinds.includes(signOff.step) && signOff.userId)
      .map((signOff) => signOff.userId as string);
  if (step === "REVIEW") return signersOf(["EXAMINATION"]);
  if (step === "DECISION") return signersOf(SIGN_OFF_STEPS);
  return [];
}
