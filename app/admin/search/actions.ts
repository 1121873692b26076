"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { getActor } from "@/lib/auth/session";
import { removeSynonyms, saveSynonyms } from "@/lib/catalogue/search-admin";
import { AppError, type AppErrorCode } from "@/lib/errors";

export async function saveSynonymsAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = {
    terms: String(formData.get("terms") ?? "").slice(0, 1000),
    note: String(formData.get("note") ?? "").slice(0, 1000),
  };
  const result = await runAction(
    "synonyms",
    (actor, ip) => saveSynonyms({ actor, input: { id: String(formData.get("id") ?? ""), ...values }, ip }),
    { values, done: "admin.search.saved" },
  );
  if (!result.ok) return result;
  revalidatePath("/admin/search");
  // A new group's form starts empty again; an edited group keeps its words.
  return { ...result, values: formData.get("id") ? values : { terms: "", note: "" } };
}

export async function deleteSynonymsAction(formData: FormData): Promise<void> {
  if (!(await getActor())) redirect("/login?callbackUrl=%2Fadmin%2Fsearch");
  const result = await runAction("synonym removal", (actor, ip) =>
    removeSynonyms({ actor, id: String(formData.get("id") ?? ""), ip }),
  );
  // Already deleted (another tab, another administrator): the page simply shows the current list. Anything else
  // (refused by the policy) is the error page's business, as for any page the person may not use.
  if (!result.ok && result.code !== "NOT_FOUND") throw new AppError(result.code as AppErrorCode, result.formError);
  revalidatePath("/admin/search");
}
