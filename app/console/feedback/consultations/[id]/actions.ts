"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, formValues, runAction } from "@/app/_lib/action";
import { getActor } from "@/lib/auth/session";
import { answerConsultation, setFaqPublished } from "@/lib/consultations/consultations";
import { clientIpFrom } from "@/lib/http/client-ip";

export async function answerAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = formValues(formData);
  const result = await runAction("consultation answer", (actor, ip) => answerConsultation(actor, values, { ip }), {
    values,
    done: "feedback.answer.saved",
  });
  // A published answer appears on its item page: lib/consultations/consultations.ts invalidates the public pages.
  if (result.ok) revalidatePath(`/console/feedback/consultations/${String(values.id)}`);
  return result;
}

export async function publishAction(formData: FormData): Promise<void> {
  const id = String(formData.get("id") ?? "");
  await setFaqPublished(
    await getActor(),
    { id, publish: formData.get("publish") === "true" },
    { ip: clientIpFrom(await headers()) },
  );
  revalidatePath(`/console/feedback/consultations/${id}`);
}
