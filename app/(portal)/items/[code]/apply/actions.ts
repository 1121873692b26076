"use server";

import { redirect } from "next/navigation";
import { type ActionResult, runAction } from "@/app/_lib/action";
import { discardDraft, isDraftConflict, saveDraft, startApplication } from "@/lib/applications/drafts";
import { attachFromLocker, detachFile } from "@/lib/applications/files";
import { reissueQueryCode, submitApplication } from "@/lib/applications/submit";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Starts (or resumes) the application for an item, then shows its form. */
export async function startApplicationAction(itemCode: string): Promise<ActionResult<{ applicationId: string }>> {
  const result = await runAction("application.start", (actor, ip) => startApplication(actor, itemCode, ip));
  if (result.ok) redirect(`/items/${encodeURIComponent(itemCode)}/apply`);
  return result;
}

export type SaveOutcome =
  | { ok: true; revision: number }
  | {
      ok: false;
      code: string;
      formError: string;
      fieldErrors?: Record<string, string>;
      current?: { revision: number; answers: Record<string, unknown>; currentStep: string | null };
    };

/** Saves a draft (every step, and periodically); a stale save answers with the fresh draft. */
export async function saveDraftAction(input: unknown): Promise<SaveOutcome> {
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, code: "UNAUTHENTICATED", formError: "auth.signInRequired" };
    const saved = await saveDraft(actor, input);
    return { ok: true, revision: saved.revision };
  } catch (error) {
    if (isDraftConflict(error))
      return {
        ok: false,
        code: "CONFLICT",
        formError: error.messageKey,
        current: {
          revision: error.current.revision,
          answers: error.current.answers,
          currentStep: error.current.currentStep,
        },
      };
    if (isAppError(error))
      return { ok: false, code: error.code, formError: error.messageKey, fieldErrors: error.details.fieldErrors };
    logger.error({ err: error }, "draft save failed");
    return { ok: false, code: "UNEXPECTED", formError: "errors.unexpected" };
  }
}

export async function attachFromLockerAction(input: unknown) {
  return runAction("application.attach", (actor) => attachFromLocker(actor, input));
}

export async function detachFileAction(input: unknown) {
  return runAction("application.detach", (actor) => detachFile(actor, input));
}

export async function submitApplicationAction(input: unknown) {
  return runAction("application.submit", async (actor, ip) => {
    const result = await submitApplication(actor, input, ip);
    return { ...result, submittedAt: result.submittedAt.toISOString() };
  });
}

export async function reissueQueryCodeAction(caseNumber: string) {
  return runAction("application.reissueQueryCode", (actor, ip) => reissueQueryCode(actor, caseNumber, ip));
}

export async function discardDraftAction(applicationId: string, returnTo: string) {
  const result = await runAction("application.discard", (actor, ip) => discardDraft(actor, applicationId, ip));
  if (result.ok) redirect(returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/account/applications");
  return result;
}
