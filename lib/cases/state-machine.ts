/**
 * The case lifecycle (docs/domain.md "Cases", reference §2.2) as data: which action moves a case from which states to
 * which state, who may take it, and what it must carry. Everything that changes a case's status goes through
 * `planTransition`; nothing else writes `status`. Plain TypeScript, no database.
 */

export const CASE_STATUSES = [
  "SUBMITTED",
  "PRE_REVIEW",
  "SUPPLEMENT_REQUESTED",
  "REJECTED_AT_INTAKE",
  "ACCEPTED",
  "IN_REVIEW",
  "SPECIAL_PROCEDURE",
  "SUSPENDED",
  "APPROVED",
  "DENIED",
  "COMPLETED",
  "DELIVERED",
  "WITHDRAWN",
  "VOIDED",
  "FORWARDED",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Who takes an action: the applicant (or the company's agent), or staff of the handling department. */
export type CaseActorKind = "applicant" | "staff";

/** What an action must carry besides itself. */
export type Requirement =
  "reason" | "legalBasis" | "supplementList" | "plannedEnd" | "deliveryMethod" | "targetDepartment" | "opinion";

/** A clock pause (lib/cases/deadline.ts) a transition opens or closes. */
export type PauseKind = "SPECIAL_PROCEDURE" | "SUSPENSION";

type ActionSpec = {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: CaseActorKind;
  requires: readonly Requirement[];
  /**
   * 办结结果 (reference §2.1), recorded when the action ends the handling of the case; the case's completion time
   * (办结时间) is set with it.
   */
  outcomeCode?: number;
  /** The case's time stamps this action sets to the moment it is taken. */
  stamps?: readonly ("acceptedAt" | "decidedAt")[];
  /** The deadline clock: started (受理), or paused and resumed by opening and closing a pause of a kind. */
  clock?: "start" | { opensPause: PauseKind } | { closesPause: PauseKind };
};

export const CASE_ACTIONS = {
  /** The clerk opens an online submission for pre-review (预审). */
  startPreReview: { from: ["SUBMITTED"], to: "PRE_REVIEW", by: "staff", requires: [] },
  /** 受理: the clock starts; a receipt is issued. */
  accept: {
    from: ["SUBMITTED", "PRE_REVIEW"],
    to: "ACCEPTED",
    by: "staff",
    requires: [],
    stamps: ["acceptedAt"],
    clock: "start",
  },
  /** 不予受理: reason and legal basis required; a written notice is generated. */
  rejectAtIntake: {
    from: ["SUBMITTED", "PRE_REVIEW"],
    to: "REJECTED_AT_INTAKE",
    by: "staff",
    requires: ["reason", "legalBasis"],
    outcomeCode: 6,
  },
  /** 补齐补正, 一次性告知: everything missing in one list; before acceptance, so no clock runs. */
  requestSupplement: {
    from: ["SUBMITTED", "PRE_REVIEW"],
    to: "SUPPLEMENT_REQUESTED",
    by: "staff",
    requires: ["supplementList"],
  },
  /** The applicant fixes exactly what was listed and submits again. */
  resubmit: { from: ["SUPPLEMENT_REQUESTED"], to: "PRE_REVIEW", by: "applicant", requires: [] },
  /** 审查 begins, on items without sign-off steps (lib/cases/workflow.ts); with them, the first opinion starts it. */
  startReview: { from: ["ACCEPTED"], to: "IN_REVIEW", by: "staff", requires: [] },
  /** 审查意见 / 审核意见: the step's opinion (同意/不同意 with its reasons), handing the case to the next step. */
  signOff: { from: ["ACCEPTED", "IN_REVIEW"], to: "IN_REVIEW", by: "staff", requires: ["opinion"] },
  /** 特别程序 (hearing, inspection, expert review …): the clock pauses until it ends. */
  startSpecialProcedure: {
    from: ["ACCEPTED", "IN_REVIEW"],
    to: "SPECIAL_PROCEDURE",
    by: "staff",
    requires: ["reason", "plannedEnd"],
    clock: { opensPause: "SPECIAL_PROCEDURE" },
  },
  endSpecialProcedure: {
    from: ["SPECIAL_PROCEDURE"],
    to: "IN_REVIEW",
    by: "staff",
    requires: [],
    clock: { closesPause: "SPECIAL_PROCEDURE" },
  },
  /**
   * 中止: handling stops for a reason the law names (waiting for another authority's decision, a court, the
   * applicant's death or dissolution …); the clock pauses until it resumes. Reason and legal basis required.
   */
  suspend: {
    from: ["ACCEPTED", "IN_REVIEW"],
    to: "SUSPENDED",
    by: "staff",
    requires: ["reason", "legalBasis"],
    clock: { opensPause: "SUSPENSION" },
  },
  /** 恢复办理: the cause of the suspension is gone; the clock runs again. */
  resume: {
    from: ["SUSPENDED"],
    to: "IN_REVIEW",
    by: "staff",
    requires: ["reason"],
    clock: { closesPause: "SUSPENSION" },
  },
  /** 准予. */
  approve: { from: ["ACCEPTED", "IN_REVIEW"], to: "APPROVED", by: "staff", requires: [], stamps: ["decidedAt"] },
  /** 不予许可: reason and legal basis required, with appeal routes in the notice. */
  deny: {
    from: ["ACCEPTED", "IN_REVIEW"],
    to: "DENIED",
    by: "staff",
    requires: ["reason", "legalBasis"],
    outcomeCode: 1,
    stamps: ["decidedAt"],
  },
  /** 办结 (出证办结): the result is issued. */
  complete: { from: ["APPROVED"], to: "COMPLETED", by: "staff", requires: [], outcomeCode: 0 },
  /** 送达: download, post (tracking number) or collection at a window. */
  deliver: { from: ["COMPLETED"], to: "DELIVERED", by: "staff", requires: ["deliveryMethod"] },
  /** 撤回: the applicant, until the case is accepted (退件). */
  withdraw: {
    from: ["SUBMITTED", "PRE_REVIEW", "SUPPLEMENT_REQUESTED"],
    to: "WITHDRAWN",
    by: "applicant",
    requires: [],
    outcomeCode: 5,
  },
  /** 作废: staff, with a reason (entered in error, duplicate). */
  void: {
    from: ["SUBMITTED", "PRE_REVIEW", "SUPPLEMENT_REQUESTED", "ACCEPTED", "IN_REVIEW", "SUSPENDED"],
    to: "VOIDED",
    by: "staff",
    requires: ["reason"],
    outcomeCode: 2,
  },
  /**
   * 转报: to another or higher authority that implements the same catalogue item, with a reason. The case moves into
   * that department's queue and starts again there (lib/cases/forwarding.ts); the sender keeps read access. FORWARDED
   * remains only for cases forwarded before cases moved.
   */
  forward: {
    from: ["SUBMITTED", "PRE_REVIEW", "ACCEPTED", "IN_REVIEW"],
    to: "SUBMITTED",
    by: "staff",
    requires: ["reason", "targetDepartment"],
  },
} as const satisfies Record<string, ActionSpec>;

export type CaseAction = keyof typeof CASE_ACTIONS;
export const CASE_ACTION_NAMES = Object.keys(CASE_ACTIONS) as CaseAction[];

export function isCaseAction(value: unknown): value is CaseAction {
  return typeof value === "string" && Object.hasOwn(CASE_ACTIONS, value);
}

/**
 * Status groups. Every query, page and job that asks "which cases are …" uses one of these (in SQL through
 * `statusListSql`), so a new state or a changed transition is decided here once. `state-machine.test.ts` lists
 * each group's members explicitly.
 */

/** States a case never leaves. */
export const FINAL_STATUSES: readonly CaseStatus[] = [
  "REJECTED_AT_INTAKE",
  "DENIED",
  "DELIVERED",
  "WITHDRAWN",
  "VOIDED",
  "FORWARDED",
];

/** Not final: the case still moves (COMPLETED too: its result waits for delivery). */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));

/** Submitted and neither accepted nor refused yet: intake (预审, 受理) is due. */
export const INTAKE_STATUSES: readonly CaseStatus[] = ["SUBMITTED", "PRE_REVIEW"];

/**
 * Accepted and not yet decided: the deadline clock counts (or is paused by a special procedure or a suspension).
 * Deadline warnings exist only here; leaving these states resets the warning to GREEN.
 */
export const DECIDING_STATUSES: readonly CaseStatus[] = ["ACCEPTED", "IN_REVIEW", "SPECIAL_PROCEDURE", "SUSPENDED"];

/** Staff have something to do: open and not waiting for the applicant's supplement. */
export const STAFF_WORK_STATUSES: readonly CaseStatus[] = OPEN_STATUSES.filter(
  (status) => status !== "SUPPLEMENT_REQUESTED",
);

/** A result was issued to the applicant (and perhaps delivered). */
export const RESULT_STATUSES: readonly CaseStatus[] = ["COMPLETED", "DELIVERED"];

/** Refused: at intake (不予受理) or on the merits (不予许可). */
export const REFUSED_STATUSES: readonly CaseStatus[] = ["REJECTED_AT_INTAKE", "DENIED"];

/** Ended without a decision: withdrawn by the applicant, voided by staff, or forwarded (before cases moved). */
export const ENDED_UNDECIDED_STATUSES: readonly CaseStatus[] = ["WITHDRAWN", "VOIDED", "FORWARDED"];

/** Decided on the merits after acceptance: what the statistics and supervision count as 办结 (on time or late). */
export const CONCLUDED_STATUSES: readonly CaseStatus[] = ["COMPLETED", "DELIVERED", "DENIED"];

/** The applicant may rate the service (好差评): a result or a refusal exists. */
export const RATEABLE_STATUSES: readonly CaseStatus[] = [...RESULT_STATUSES, ...REFUSED_STATUSES];

/** Neither a result nor a final state yet: what the applicant sees as 办理中. */
export const PENDING_STATUSES: readonly CaseStatus[] = OPEN_STATUSES.filter(
  (status) => !RESULT_STATUSES.includes(status),
);

export function isStatusIn(group: readonly CaseStatus[], status: string): boolean {
  return (group as readonly string[]).includes(status);
}

/**
 * A group as an SQL list of literals, `('ACCEPTED', 'IN_REVIEW')`, for `status IN …` in raw queries. Literals rather
 * than parameters so the planner can match partial indexes on status. Only names of the table reach the text.
 */
export function statusListSql(group: readonly CaseStatus[]): string {
  if (group.length === 0 || group.some((status) => !(CASE_STATUSES as readonly string[]).includes(status)))
    throw new Error("statusListSql: a non-empty group of case statuses");
  return `(${group.map((status) => `'${status}'`).join(", ")})`;
}

/**
 * Decisions that cannot be taken back: each ends the case or binds the department towards the applicant (a
 * licence granted or refused, a certificate issued). People confirm them, stating what will happen, before they
 * are taken (issue 18: 准予许可, 不予许可 and 办结并出证 were single buttons side by side).
 */
export const DECISIONS: readonly CaseAction[] = ["rejectAtIntake", "approve", "deny", "complete", "void", "forward"];

export function isDecision(action: string): boolean {
  return (DECISIONS as readonly string[]).includes(action);
}

export type TransitionInput = {
  action: string;
  by: CaseActorKind;
  reason?: string | null;
  legalBasis?: string | null;
  supplementList?: readonly unknown[] | null;
  plannedEnd?: string | null;
  deliveryMethod?: string | null;
  targetDepartment?: string | null;
  opinion?: string | null;
};

export type TransitionPlan =
  | {
      ok: true;
      action: CaseAction;
      from: CaseStatus;
      to: CaseStatus;
      outcomeCode: number | null;
      stamps: readonly ("acceptedAt" | "decidedAt")[];
      clock: ActionSpec["clock"] | null;
    }
  | { ok: false; error: TransitionError; missing?: Requirement[] };

export type TransitionError = "unknownAction" | "notAllowedFromState" | "wrongActor" | "missingFields";

function present(input: TransitionInput, requirement: Requirement): boolean {
  const value = input[requirement];
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === "string" && value.trim().length > 0;
}

/** Whether `action` may move a case in `from`, taken by `by`, with what it carries; and where it leads. */
export function planTransition(from: CaseStatus, input: TransitionInput): TransitionPlan {
  if (!isCaseAction(input.action)) return { ok: false, error: "unknownAction" };
  const spec: ActionSpec = CASE_ACTIONS[input.action];
  if (spec.by !== input.by) return { ok: false, error: "wrongActor" };
  if (!spec.from.includes(from)) return { ok: false, error: "notAllowedFromState" };
  const missing = spec.requires.filter((requirement) => !present(input, requirement));
  if (missing.length > 0) return { ok: false, error: "missingFields", missing };
  return {
    ok: true,
    action: input.action,
    from,
    to: spec.to,
    outcomeCode: spec.outcomeCode ?? null,
    stamps: spec.stamps ?? [],
    clock: spec.clock ?? null,
  };
}

/** The actions an actor of this kind can take on a case in `status` (for buttons and the API). */
export function availableActions(status: CaseStatus, by: CaseActorKind): CaseAction[] {
  return CASE_ACTION_NAMES.filter((action) => {
    const spec: ActionSpec = CASE_ACTIONS[action];
    return spec.by === by && spec.from.includes(status);
  });
}
