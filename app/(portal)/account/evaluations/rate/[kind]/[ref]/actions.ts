"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, formValues, runAction } from "@/app/_lib/action";
import { appealRectification, rateTouchpoint } from "@/lib/evaluation/evaluations";

export async function rateAction(_previous: ActionState<unknown>, formData: FormData): Promise<ActionResult<unknown>> {
  const values = formValues(formData, ["tags"]);
  const kind = String(formData.get("kind") ?? "");
  const ref = String(formData.get("ref") ?? "");
  const result = await runAction(
    "rating",
    (actor, ip) =>
      rateTouchpoint(
        actor,
        { kind, ref },
        { level: values.level, tags: formData.getAll("tags").map(String), comment: values.comment },
        { ip },
      ),
    { values, done: "feedback.rate.saved" },
  );
  if (result.ok) revalidatePath(`/account/evaluations/rate/${kind.toLowerCase()}/${encodeURIComponent(ref)}`);
  return result;
}

export async function appealAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = formValues(formData);
  const result = await runAction(
    "appeal",
    (actor, ip) => appealRectification(actor, { id: values.id, reason: values.reason }, { ip }),
    { values, done: "feedback.appeal.sent" },
  );
  if (!result.ok) return result;
  revalidatePath("/account/evaluations");
  // The appeal is sent: the reason field starts empty again.
  return { ...result, values: { id: String(values.id ?? "") } };
}
