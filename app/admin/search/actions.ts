"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { removeSynonyms, saveSynonyms } from "@/lib/catalogue/search-admin";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type SynonymFormState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: { terms: string; note: string };
  saved?: boolean;
};

export async function saveSynonymsAction(_previous: SynonymFormState, formData: FormData): Promise<SynonymFormState> {
  const values = {
    terms: String(formData.get("terms") ?? "").slice(0, 1000),
    note: String(formData.get("note") ?? "").slice(0, 1000),
  };
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    await saveSynonyms({
      actor,
      input: { id: String(formData.get("id") ?? ""), ...values },
      ip: clientIpFrom(await headers()),
    });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "saving synonyms failed");
    return { formError: "errors.unexpected", values };
  }
  revalidatePath("/admin/search");
  return { saved: true, values: formData.get("id") ? values : { terms: "", note: "" } };
}

export async function deleteSynonymsAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect("/login?callbackUrl=%2Fadmin%2Fsearch");
  try {
    await removeSynonyms({ actor, id: String(formData.get("id") ?? ""), ip: clientIpFrom(await headers()) });
  } catch (error) {
    // Already deleted (another tab, another administrator): the page simply shows the current list.
    if (!(isAppError(error) && error.code === "NOT_FOUND")) throw error;
  }
  revalidatePath("/admin/search");
}
