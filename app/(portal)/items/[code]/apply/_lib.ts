import "server-only";
import { notFound } from "next/navigation";
import { requirePermission } from "@/app/_lib/guard";
import { findDraftForItem, getApplication } from "@/lib/applications/drafts";

/** The signed-in applicant's open draft for the item of this address, or null; pages of the apply flow share it. */
export async function loadDraft(code: string, returnTo: string) {
  const actor = await requirePermission("portal.account", returnTo);
  const id = await findDraftForItem(actor, code);
  if (!id) return { actor, draft: null };
  const draft = await getApplication(actor, id).catch(() => notFound());
  return { actor, draft };
}
