"use server";

import { deleteDepartment, saveDepartment } from "@/lib/reference/departments";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

export async function saveDepartmentAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "saving a department", async ({ actor, input, ip }) => {
    const saved = await saveDepartment({ actor, input, ip });
    return `/admin/departments?region=${saved.regionCode}&done=${input.id ? "saved" : "created"}`;
  });
}

export async function deleteDepartmentAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "deleting a department", async ({ actor, input, ip }) => {
    await deleteDepartment({ actor, id: input.id ?? "", ip });
    return "/admin/departments?done=deleted";
  });
}
