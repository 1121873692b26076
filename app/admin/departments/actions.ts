"use server";

import { deleteDepartment, saveDepartment } from "@/lib/reference/departments";
import type { FormState } from "../_reference/form-state";
import { runForm } from "../_reference/run-form";

export async function saveDepartmentAction(previous: FormState, formData: FormData): Promise<FormState> {
  return runForm(previous, formData, "saving a department", async ({ actor, input, ip }) => {
    const saved = await saveDepartment({ actor, input, ip });
    return `/admin/departments?region=${saved.regionCode}&done=${input.id ? "saved" : "created"}`;
  });
}

export async function deleteDepartmentAction(previous: FormState, formData: FormData): Promise<FormState> {
  return runForm(previous, formData, "deleting a department", async ({ actor, input, ip }) => {
    await deleteDepartment({ actor, id: input.id ?? "", ip });
    return "/admin/departments?done=deleted";
  });
}
