"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { createServiceItem } from "@/lib/catalogue/versions";

/** Creates the hidden item with its first draft, then opens the editor on it. */
export async function createItemAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = {
    catalogItemCode: String(formData.get("catalogItemCode") ?? "").slice(0, 40),
    departmentId: String(formData.get("departmentId") ?? "").slice(0, 40),
    implementationCode: String(formData.get("implementationCode") ?? "")
      .trim()
      .slice(0, 100),
    name: String(formData.get("name") ?? "").slice(0, 300),
  };
  const result = await runAction("creating an item", (actor, ip) => createServiceItem(actor, values, ip), {
    values,
  });
  if (!result.ok) return result;
  redirect(`/admin/items/${encodeURIComponent(result.value.implementationCode)}/edit`);
}
