"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, formValues, runAction } from "@/app/_lib/action";
import { reviewRectification } from "@/lib/evaluation/rectifications";

export async function reviewAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = formValues(formData);
  const result = await runAction("rectification review", (actor, ip) => reviewRectification(actor, values, { ip }), {
    values,
    done: "feedback.review.saved",
  });
  if (!result.ok) return result;
  revalidatePath("/admin/supervision/rectifications");
  return { ...result, values: {} };
}
