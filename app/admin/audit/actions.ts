"use server";

import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { runAuditChainCheck } from "@/lib/supervision/audit-search";

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
