"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, runAction } from "@/app/_lib/action";
import {
  discardDraft,
  publishVersion,
  returnToDraft,
  rollbackToVersion,
  saveDraft,
  startDraft,
  submitForReview,
} from "@/lib/catalogue/versions";

/**
 * The item editor's actions. Each is a thin call into lib/catalogue/versions.ts, which parses the input with the
 * shared content schema, asks the policy, locks the item and audits; revalidation refreshes the pages that show it.
 */

function refresh(code: string) {
  revalidatePath(`/admin/items/${code}/edit`);
  revalidatePath("/admin/items");
  revalidatePath("/admin/reviews");
}

export async function startDraftAction(code: string): Promise<ActionResult<{ versionId: string }>> {
  const result = await runAction("starting a draft", async (actor, ip) => ({
    versionId: (await startDraft(actor, code, ip)).id,
  }));
  refresh(code);
  return result;
}

export async function saveDraftAction(
  code: string,
  input: { versionId: string; revision: number; content: unknown; summary?: string | null },
): Promise<ActionResult<{ revision: number }>> {
  const result = await runAction("saving a draft", async (actor, ip) => ({
    revision: (await saveDraft(actor, input, ip)).revision,
  }));
  if (result.ok) refresh(code);
  return result;
}

export async function submitForReviewAction(
  code: string,
  input: { versionId: string; revision: number },
): Promise<ActionResult<null>> {
  const result = await runAction(
    "submitting for review",
    async (actor, ip) => (await submitForReview(actor, input, ip), null),
  );
  if (result.ok) refresh(code);
  return result;
}

export async function returnToDraftAction(
  code: string,
  input: { versionId: string; note: string },
): Promise<ActionResult<null>> {
  const result = await runAction(
    "returning a version",
    async (actor, ip) => (await returnToDraft(actor, input, ip), null),
  );
  if (result.ok) refresh(code);
  return result;
}

export async function publishAction(
  code: string,
  input: { versionId: string },
): Promise<ActionResult<{ number: number }>> {
  const result = await runAction("publishing a version", async (actor, ip) => ({
    number: (await publishVersion(actor, input, ip)).number,
  }));
  if (result.ok) {
    // The public pages follow from lib/catalogue/versions.ts (lib/cache/public-cache.ts).
    refresh(code);
  }
  return result;
}

export async function discardAction(code: string, input: { versionId: string }): Promise<ActionResult<null>> {
  const result = await runAction(
    "discarding a draft",
    async (actor, ip) => (await discardDraft(actor, input, ip), null),
  );
  if (result.ok) refresh(code);
  return result;
}

export async function rollbackAction(
  code: string,
  input: { number: number; reason: string },
): Promise<ActionResult<{ number: number }>> {
  const result = await runAction(
    "rolling back",
    async (actor, ip) => await rollbackToVersion(actor, { implementationCode: code, ...input }, ip),
  );
  if (result.ok) {
    // The public pages follow from lib/catalogue/versions.ts (lib/cache/public-cache.ts).
    refresh(code);
  }
  return result;
}
