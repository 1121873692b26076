"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { resolveReadSubject, runAuditChainCheck } from "@/lib/supervision/audit-search";

export type ChainCheck = Awaited<ReturnType<typeof runAuditChainCheck>>;

/** Runs the hash-chain check now (platform administrators). Reading only: nothing to audit. */
export async function verifyChainAction(): Promise<ActionResult<ChainCheck>> {
  return runAction("audit chain check", (actor) => runAuditChainCheck(actor));
}

/**
 * Finds the reads of one person's data: turns the ID number (or case number) typed into the form into the audit
 * search's `subject` filter and opens it. The ID number itself never appears in an address (issue 15).
 */
export async function findReadSubjectAction(
  _state: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const result = await runAction("read subject", (actor) =>
    resolveReadSubject(actor, { subject: String(formData.get("subject") ?? "") }),
  );
  if (!result.ok) return result;
  redirect(`/admin/audit?reads=1&subject=${encodeURIComponent(result.value.subject)}`);
}
