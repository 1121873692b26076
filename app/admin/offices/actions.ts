"use server";

import { saveOffice, setOfficeActive } from "@/lib/reference/offices";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

export async function saveOfficeAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "saving an office", async ({ actor, input, ip }) => {
    await saveOffice({ actor, input, ip });
    return `/admin/offices?done=${input.id ? "saved" : "created"}`;
  });
}

export async function setOfficeActiveAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "changing an office", async ({ actor, input, ip }) => {
    const active = input.active === "true";
    await setOfficeActive({ actor, id: input.id ?? "", active, ip });
    return `/admin/offices?done=${active ? "reactivated" : "deactivated"}`;
  });
}
