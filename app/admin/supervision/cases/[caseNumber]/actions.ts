"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { decideSupplementApproval } from "@/lib/cases/supplement-approval";
import { addSupervisionNote } from "@/lib/supervision/oversight";

function noteValues(formData: FormData) {
  return {
    kind: String(formData.get("kind") ?? "").slice(0, 20),
    text: String(formData.get("text") ?? "").slice(0, 4000),
  };
}

/** A supervisor's comment or request for an explanation (lib/supervision/oversight.ts parses and checks). */
export async function addNoteAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = noteValues(formData);
  const caseNumber = String(formData.get("caseNumber") ?? "").slice(0, 40);
  const result = await runAction(
    "supervision note",
    (actor, ip) => addSupervisionNote(actor, { caseNumber, ...values }, { ip }),
    { values },
  );
  if (!result.ok) return result;
  revalidatePath(`/admin/supervision/cases/${caseNumber}`);
  return { ...result, values: { kind: values.kind, text: "" } };
}

/**
 * 一次性告知: approve or refuse a clerk's request for a further supplement notice (lib/cases/supplement-approval.ts).
 * The shared note form posts the decision as `kind` and the note as `text`; errors are answered under those names.
 */
export async function decideSupplementAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = noteValues(formData);
  const caseNumber = String(formData.get("caseNumber") ?? "").slice(0, 40);
  const approvalId = String(formData.get("approvalId") ?? "").slice(0, 40);
  const result = await runAction(
    "supplement approval decision",
    (actor, ip) =>
      decideSupplementApproval(actor, caseNumber, approvalId, { decision: values.kind, note: values.text }, { ip }),
    { values },
  );
  if (!result.ok) {
    const renamed = Object.entries(result.fieldErrors ?? {}).map(([field, message]) => [
      field === "decision" ? "kind" : field === "note" ? "text" : field,
      message,
    ]);
    return { ...result, fieldErrors: result.fieldErrors && Object.fromEntries(renamed) };
  }
  revalidatePath(`/admin/supervision/cases/${caseNumber}`);
  return result;
}
