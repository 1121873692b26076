"use server";

import { createRegion, updateRegion } from "@/lib/reference/regions";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

export async function createRegionAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "creating a region", async ({ actor, input, ip }) => {
    await createRegion({ actor, input, ip });
    return "/admin/regions?done=created";
  });
}

export async function updateRegionAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "updating a region", async ({ actor, input, ip }) => {
    await updateRegion({ actor, input, ip });
    return "/admin/regions?done=saved";
  });
}
