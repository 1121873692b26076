"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, formValues, runAction } from "@/app/_lib/action";
import { replyToRectification } from "@/lib/evaluation/rectifications";

export async function replyAction(_previous: ActionState<unknown>, formData: FormData): Promise<ActionResult<unknown>> {
  const values = formValues(formData);
  const result = await runAction("rectification reply", (actor, ip) => replyToRectification(actor, values, { ip }), {
    values,
    done: "feedback.rectify.saved",
  });
  if (result.ok) revalidatePath(`/console/feedback/rectifications/${String(values.id)}`);
  return result;
}
