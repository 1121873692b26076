"use server";

import { saveLicenceType } from "@/lib/results/licence-types";
import type { ActionResult, ActionState } from "@/app/_lib/action";
import { runForm } from "../_reference/run-form";

/** 证照类型: create or change one (lib/results/licence-types.ts parses, asks the policy and audits). */
export async function saveLicenceTypeAction(
  previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  return runForm(previous, formData, "saving a licence type", async ({ actor, input, ip }) => {
    const existing = input.mode === "update";
    await saveLicenceType(actor, { ...input, active: input.active !== "false" }, { existing, ip });
    return `/admin/licence-types?done=${existing ? "saved" : "created"}`;
  });
}
