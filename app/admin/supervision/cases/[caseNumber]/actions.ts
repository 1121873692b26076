"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import { addSupervisionNote } from "@/lib/supervision/oversight";
import { decideSupplementApproval } from "@/lib/cases/supplement-approval";

export type NoteFormState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
  saved?: boolean;
};

/** A supervisor's comment or request for an explanation (lib/supervision/oversight.ts parses and checks). */
export async function addNoteAction(_previous: NoteFormState, formData: FormData): Promise<NoteFormState> {
  const values = {
    kind: String(formData.get("kind") ?? "").slice(0, 20),
    text: String(formData.get("text") ?? "").slice(0, 4000),
  };
  const caseNumber = String(formData.get("caseNumber") ?? "").slice(0, 40);
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    await addSupervisionNote(actor, { caseNumber, ...values }, { ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "supervision note failed");
    return { formError: "supervision.errors.unexpected", values };
  }
  revalidatePath(`/admin/supervision/cases/${caseNumber}`);
  return { saved: true, values: { kind: values.kind, text: "" } };
}

/**
 * 一次性告知: approve or refuse a clerk's request for a further supplement notice (lib/cases/supplement-approval.ts).
 * The shared note form posts the decision as `kind` and the note as `text`; errors are answered under those names.
 */
export async function decideSupplementAction(_previous: NoteFormState, formData: FormData): Promise<NoteFormState> {
  const values = {
    kind: String(formData.get("kind") ?? "").slice(0, 20),
    text: String(formData.get("text") ?? "").slice(0, 4000),
  };
  const caseNumber = String(formData.get("caseNumber") ?? "").slice(0, 40);
  const approvalId = String(formData.get("approvalId") ?? "").slice(0, 40);
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    await decideSupplementApproval(
      actor,
      caseNumber,
      approvalId,
      { decision: values.kind, note: values.text },
      { ip: clientIpFrom(await headers()) },
    );
  } catch (error) {
    if (isAppError(error)) {
      const fields = error.details.fieldErrors ?? {};
      const fieldErrors = Object.fromEntries(
        Object.entries(fields).map(([field, message]) => [
          field === "decision" ? "kind" : field === "note" ? "text" : field,
          message,
        ]),
      );
      return { fieldErrors, formError: error.messageKey, values };
    }
    logger.error({ err: error }, "supplement approval decision failed");
    return { formError: "supervision.errors.unexpected", values };
  }
  revalidatePath(`/admin/supervision/cases/${caseNumber}`);
  return { saved: true, values };
}
