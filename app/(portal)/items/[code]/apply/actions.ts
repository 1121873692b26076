"use server";

import { redirect } from "next/navigation";
import { type ActionResult, runAction } from "@/app/_lib/action";
import { discardDraft, isDraftConflict, saveDraft, startApplication } from "@/lib/applications/drafts";
import { attachFromLocker, detachFile } from "@/lib/applications/files";
import { reissueQueryCode, submitApplication } from "@/lib/applications/submit";

/** Starts (or resumes) the application for an item, then shows its form. */
export async function startApplicationAction(itemCode: string): Promise<ActionResult<{ applicationId: string }>> {
  const result = await runAction("application.start", (actor, ip) => startApplication(actor, itemCode, ip));
  if (result.ok) redirect(`/items/${encodeURIComponent(itemCode)}/apply`);
  return result;
}

/** A save's answer: the new revision, or (stale) the fresh draft as the failure's detail. */
export type SaveOutcome = ActionResult<
  { revision: number },
  { revision: number; answers: Record<string, unknown>; currentStep: string | null }
>;

/** Saves a draft (every step, and periodically); a stale save answers with the fresh draft. */
export async function saveDraftAction(input: unknown): Promise<SaveOutcome> {
  let current: { revision: number; answers: Record<string, unknown>; currentStep: string | null } | null = null;
  const result = await runAction("draft save", async (actor) => {
    try {
      return { revision: (await saveDraft(actor, input)).revision };
    } catch (error) {
      if (isDraftConflict(error))
        current = {
          revision: error.current.revision,
          answers: error.current.answers,
          currentStep: error.current.currentStep,
        };
      throw error;
    }
  });
  return !result.ok && current ? { ...result, code: "CONFLICT", detail: current } : result;
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
