"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { takeCaseAction } from "@/lib/cases/actions";
import { isDecision } from "@/lib/cases/state-machine";
import { addCaseNote, assignCase, transferCase } from "@/lib/cases/work";
import { revokeLicence } from "@/lib/results/issue";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

/**
 * The case page's server actions: read the posted form, call lib/ (which parses with the shared zod schema and
 * asks the policy), and answer the form: done, or message keys per field with the user's values kept; a stale
 * version is a conflict (the page then shows the fresh state, since every answer revalidates the page).
 */
export type CaseFormState = {
  done?: string;
  formError?: string;
  conflict?: boolean;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string | string[]>;
};

const TEXT_FIELDS = ["action", "reason", "legalBasis", "plannedEnd", "deliveryMethod", "trackingNumber", "targetDepartment", "assigneeId", "departmentId", "kind", "text", "confirmed"] as const;

/**
 * A decision (lib/cases/state-machine.ts DECISIONS) or a revocation is taken only with its confirmation ticked: the
 * checkbox is `required` in the form (so browsers ask even without JavaScript), and checked again here.
 */
function unconfirmed(formData: FormData): CaseFormState | null {
  return formData.get("confirmed") === "yes" ? null : { fieldErrors: { confirmed: "cases.errors.confirmRequired" }, values: valuesOf(formData) };
}

function valuesOf(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of TEXT_FIELDS) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 4000);
  }
  values.supplement = formData
    .getAll("supplement")
    .filter((value): value is string => typeof value === "string")
    .slice(0, 100)
    .map((value) => value.slice(0, 1000));
  return values;
}

const optional = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** "M1：营业执照副本不清晰" names material M1; anything else is a plain note. */
function supplementEntry(line: string) {
  const match = /^([A-Za-z][A-Za-z0-9_-]{0,63})\s*[：:]\s*(.+)$/s.exec(line.trim());
  return match ? { materialCode: match[1], note: match[2]?.trim() ?? "" } : { note: line.trim() };
}

async function run(caseNumber: string, formData: FormData, work: (values: Record<string, string | string[]>, expectedVersion: number) => Promise<unknown>, done: string): Promise<CaseFormState> {
  const values = valuesOf(formData);
  try {
    const versionText = formData.get("expectedVersion");
    const expectedVersion = typeof versionText === "string" && /^\d+$/.test(versionText) ? Number(versionText) : -1;
    await work(values, expectedVersion);
  } catch (error) {
    revalidatePath(`/console/cases/${caseNumber}`);
    if (isAppError(error)) return { formError: error.messageKey, fieldErrors: error.details.fieldErrors, values, conflict: error.code === "CONFLICT" };
    logger.error({ err: error }, "case action failed");
    return { formError: "errors.unexpected", values };
  }
  revalidatePath(`/console/cases/${caseNumber}`);
  revalidatePath("/console");
  return { done };
}

async function context() {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
  return { actor, ip: clientIpFrom(await headers()) };
}

export async function transitionAction(caseNumber: string, _previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  const action = String(formData.get("action") ?? "");
  if (isDecision(action)) {
    const refused = unconfirmed(formData);
    if (refused) return refused;
  }
  return run(
    caseNumber,
    formData,
    async (values, expectedVersion) => {
      const { actor, ip } = await context();
      const supplement = (values.supplement as string[]).filter((line) => line.trim() !== "");
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
          supplementList: action === "requestSupplement" ? supplement.map(supplementEntry) : undefined,
          expectedVersion,
        },
        { ip },
      );
    },
    action,
  );
}

export async function assignAction(caseNumber: string, _previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return run(
    caseNumber,
    formData,
    async (values, expectedVersion) => {
      const { actor, ip } = await context();
      await assignCase(actor, caseNumber, { assigneeId: optional(values.assigneeId) ?? null, expectedVersion }, { ip });
    },
    // The claim button posts no assignee (lib/cases/work.ts: the clerk takes the case themself).
    optional(valuesOf(formData).assigneeId) ? "assign" : "claim",
  );
}

export async function transferAction(caseNumber: string, _previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return run(
    caseNumber,
    formData,
    async (values, expectedVersion) => {
      const { actor, ip } = await context();
      await transferCase(actor, caseNumber, { departmentId: optional(values.departmentId), reason: values.reason ?? "", expectedVersion }, { ip });
    },
    "transfer",
  );
}

export async function noteAction(caseNumber: string, _previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  return run(
    caseNumber,
    formData,
    async (values) => {
      const { actor, ip } = await context();
      await addCaseNote(actor, caseNumber, { kind: values.kind, text: values.text ?? "" }, { ip });
    },
    "note",
  );
}

export async function revokeAction(caseNumber: string, licenceNumber: string, _previous: CaseFormState, formData: FormData): Promise<CaseFormState> {
  const refused = unconfirmed(formData);
  if (refused) return refused;
  return run(
    caseNumber,
    formData,
    async (values) => {
      const { actor, ip } = await context();
      await revokeLicence(actor, licenceNumber, { reason: values.reason ?? "" }, { ip });
    },
    "revokeLicence",
  );
}
