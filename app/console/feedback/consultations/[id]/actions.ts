"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/form/action-form";
import { errorState, formValues } from "@/app/_lib/form-state";
import { getActor } from "@/lib/auth/session";
import { answerConsultation, setFaqPublished } from "@/lib/consultations/consultations";
import { clientIpFrom } from "@/lib/http/client-ip";

export async function answerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await answerConsultation(await getActor(), values, { ip: clientIpFrom(await headers()) });
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath(`/console/feedback/consultations/${String(values.id)}`);
  // A published answer appears on its item page: lib/consultations/consultations.ts invalidates the public pages.
  return { values, done: "feedback.answer.saved" };
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
