"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import type { Actor } from "@/lib/auth/policy";
import { takeCaseAction } from "@/lib/cases/take-action";
import { isDecision } from "@/lib/cases/state-machine";
import { addCaseNote, assignCase, transferCase } from "@/lib/cases/work";
import { answerJointOpinion } from "@/lib/cases/joint-opinions";
import { requestSupplementApproval } from "@/lib/cases/supplement-approval";
import { revokeLicence } from "@/lib/results/issue";

/**
 * The case page's server actions: read the posted form, call lib/ (which parses with the shared zod schema and
 * asks the policy), and answer the form: done, or message keys per field with the user's values kept; a stale
 * version is a conflict (the page then shows the fresh state, since every answer revalidates the page).
 */
const TEXT_FIELDS = [
  "action",
  "opinion",
  "reason",
  "legalBasis",
  "plannedEnd",
  "deliveryMethod",
  "trackingNumber",
  "targetDepartment",
  "assigneeId",
  "departmentId",
  "kind",
  "text",
  "confirmed",
] as const;

/**
 * A decision (lib/cases/state-machine.ts DECISIONS) or a revocation is taken only with its confirmation ticked: the
 * checkbox is `required` in the form (so browsers ask even without JavaScript), and checked again here.
 */
function unconfirmed(formData: FormData): ActionResult<unknown> | null {
  return formData.get("confirmed") === "yes" ? null : refusal(formData, { confirmed: "cases.errors.confirmRequired" });
}

/** A refusal decided here, before lib is asked (the form's own checks), with the values kept. */
function refusal(formData: FormData, fieldErrors: Record<string, string>): ActionResult<unknown> {
  return { ok: false, code: "VALIDATION", formError: "cases.errors.form", fieldErrors, values: valuesOf(formData) };
}

function valuesOf(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of TEXT_FIELDS) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 4000);
  }
  values.pick = formData
    .getAll("pick")
    .filter(
      (value): value is string => typeof value === "string" && /^(material|field):[A-Za-z0-9_.-]{1,200}$/.test(value),
    )
    .slice(0, 100);
  for (const pick of values.pick) {
    const note = formData.get(`note:${pick}`);
    if (typeof note === "string") values[`note:${pick}`] = note.slice(0, 1000);
  }
  return values;
}

/**
 * The ticked materials and answers with their notes, as the supplement list (lib/cases/supplement.ts checks that
 * each names something of the case); a ticked one without a note is reported on its note box.
 */
function supplementListOf(values: Record<string, string | string[]>): {
  list: { materialCode?: string; field?: string; note: string }[];
  missing: Record<string, string>;
} {
  const list: { materialCode?: string; field?: string; note: string }[] = [];
  const missing: Record<string, string> = {};
  for (const pick of values.pick as string[]) {
    const [kind, key] = [pick.slice(0, pick.indexOf(":")), pick.slice(pick.indexOf(":") + 1)];
    const note = String(values[`note:${pick}`] ?? "").trim();
    if (!note) missing[`${kind}-${key}-note`] = "cases.errors.supplementNote";
    list.push(kind === "material" ? { materialCode: key, note } : { field: key, note });
  }
  return { list, missing };
}

const optional = (value: string | string[] | undefined) =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;

/**
 * Runs one of the page's actions through the one contract (runAction): done with the action's name (the form
 * starts empty again), or the failure with the values kept; a stale version is a conflict. The page is
 * revalidated either way, so a conflict shows the fresh state.
 */
async function run(
  caseNumber: string,
  formData: FormData,
  work: (
    actor: Actor,
    ip: string | null,
    values: Record<string, string | string[]>,
    expectedVersion: number,
  ) => Promise<unknown>,
  done: string,
): Promise<ActionResult<unknown>> {
  const values = valuesOf(formData);
  const versionText = formData.get("expectedVersion");
  const expectedVersion = typeof versionText === "string" && /^\d+$/.test(versionText) ? Number(versionText) : -1;
  const result = await runAction("case action", (actor, ip) => work(actor, ip, values, expectedVersion), { values });
  revalidatePath(`/console/cases/${caseNumber}`);
  if (!result.ok) return result;
  revalidatePath("/console");
  return { ok: true, value: undefined, done };
}

export async function transitionAction(
  caseNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const action = String(formData.get("action") ?? "");
  if (isDecision(action)) {
    const refused = unconfirmed(formData);
    if (refused) return refused;
  }
  const supplement = action === "requestSupplement" ? supplementListOf(valuesOf(formData)) : null;
  if (supplement && supplement.list.length === 0)
    return refusal(formData, { supplementList: "cases.errors.supplementPick" });
  if (supplement && Object.keys(supplement.missing).length > 0) return refusal(formData, supplement.missing);
  return run(
    caseNumber,
    formData,
    async (actor, ip, values, expectedVersion) => {
      await takeCaseAction(
        actor,
        caseNumber,
        {
          action,
          reason: optional(values.reason),
          legalBasis: optional(values.legalBasis),
          plannedEnd: optional(values.plannedEnd),
          deliveryMethod: optional(values.deliveryMethod),
          trackingNumber: optional(values.trackingNumber),
          targetDepartment: optional(values.targetDepartment),
          opinion: optional(values.opinion),
          supplementList: supplement?.list,
          expectedVersion,
        },
        { ip },
      );
    },
    action,
  );
}

/** 并联审批: this department's opinion on another department's case (lib/cases/joint-opinions.ts parses and checks). */
export async function jointOpinionAction(
  caseNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return run(
    caseNumber,
    formData,
    async (actor, ip, values, expectedVersion) => {
      await answerJointOpinion(
        actor,
        caseNumber,
        {
          opinion: optional(values.opinion),
          reason: optional(values.reason),
          legalBasis: optional(values.legalBasis),
          expectedVersion,
        },
        { ip },
      );
    },
    "jointOpinion",
  );
}

/** 一次性告知: ask a supervisor to allow a further supplement request, with the reason (lib/cases/supplement-approval.ts). */
export async function supplementApprovalAction(
  caseNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return run(
    caseNumber,
    formData,
    async (actor, ip, values) => {
      await requestSupplementApproval(actor, caseNumber, { reason: values.reason ?? "" }, { ip });
    },
    "supplementApprovalRequest",
  );
}

export async function assignAction(
  caseNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return run(
    caseNumber,
    formData,
    async (actor, ip, values, expectedVersion) => {
      await assignCase(actor, caseNumber, { assigneeId: optional(values.assigneeId) ?? null, expectedVersion }, { ip });
    },
    // The claim button posts no assignee (lib/cases/work.ts: the clerk takes the case themself).
    optional(valuesOf(formData).assigneeId) ? "assign" : "claim",
  );
}

export async function transferAction(
  caseNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return run(
    caseNumber,
    formData,
    async (actor, ip, values, expectedVersion) => {
      await transferCase(
        actor,
        caseNumber,
        { departmentId: optional(values.departmentId), reason: values.reason ?? "", expectedVersion },
        { ip },
      );
    },
    "transfer",
  );
}

export async function noteAction(
  caseNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return run(
    caseNumber,
    formData,
    async (actor, ip, values) => {
      await addCaseNote(actor, caseNumber, { kind: values.kind, text: values.text ?? "" }, { ip });
    },
    "note",
  );
}

export async function revokeAction(
  caseNumber: string,
  licenceNumber: string,
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const refused = unconfirmed(formData);
  if (refused) return refused;
  return run(
    caseNumber,
    formData,
    async (actor, ip, values) => {
      await revokeLicence(actor, licenceNumber, { reason: values.reason ?? "" }, { ip });
    },
    "revokeLicence",
  );
}
