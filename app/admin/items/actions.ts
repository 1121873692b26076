"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { setItemAvailability } from "@/lib/catalogue/availability";

export async function setAvailabilityAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const notice = String(formData.get("notice") ?? "").slice(0, 2000);
  // Taking an item offline stops every application to it at once: confirmed (a required box; checked here too).
  if (formData.get("action") === "suspend" && formData.get("confirmed") !== "yes")
    return {
      ok: false,
      code: "VALIDATION",
      formError: "admin.items.confirmSuspendRequired",
      fieldErrors: { confirmed: "admin.items.confirmSuspendRequired" },
      values: { notice },
    };
  const result = await runAction(
    "item availability",
    (actor, ip) =>
      setItemAvailability({
        actor,
        input: { action: String(formData.get("action") ?? ""), code: String(formData.get("code") ?? ""), notice },
        ip,
      }),
    { values: { notice } },
  );
  if (!result.ok) return result;
  // The item's public pages follow from lib/catalogue/availability.ts (lib/cache/public-cache.ts).
  revalidatePath("/admin/items");
  return { ok: true, value: undefined, done: "admin.items.done" };
}
