"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, formValues, runAction } from "@/app/_lib/action";
import { askQuestion } from "@/lib/consultations/consultations";

export async function reportGuideErrorAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const result = await runAction(
    "guide error report",
    (actor, ip) => askQuestion(actor, formValues(formData), { ip }),
    {
      values: formValues(formData),
    },
  );
  if (!result.ok) return result;
  redirect(`/account/consultations/${result.value.id}?sent=1`);
}
