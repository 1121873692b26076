"use server";

import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { resolveReadSubject, runAuditChainCheck } from "@/lib/supervision/audit-search";

export type ChainState = { result?: { ok: boolean; checked: number; firstBrokenId?: string }; formError?: string };

/** Runs the hash-chain check now (platform administrators). Reading only: nothing to audit. */
export async function verifyChainAction(): Promise<ChainState> {
  try {
    const actor = await getActor();
    if (!actor) return { formError: "auth.signInRequired" };
    return { result: await runAuditChainCheck(actor) };
  } catch (error) {
    if (isAppError(error)) return { formError: error.messageKey };
    throw error;
  }
}

export type SubjectState = { formError?: string };

/**
 * Finds the reads of one person's data: turns the ID number (or case number) typed into the form into the audit
 * search's `subject` filter and opens it. The ID number itself never appears in an address (issue 15).
 */
export async function findReadSubjectAction(_state: SubjectState, formData: FormData): Promise<SubjectState> {
  let subject: string;
  try {
    ({ subject } = await resolveReadSubject(await getActor(), { subject: String(formData.get("subject") ?? "") }));
  } catch (error) {
    if (isAppError(error)) return { formError: error.messageKey };
    throw error;
  }
  redirect(`/admin/audit?reads=1&subject=${encodeURIComponent(subject)}`);
}
