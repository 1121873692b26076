"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { forgetAllItemPages } from "@/lib/catalogue/item-page-cache";
import type { FormState } from "@/app/(portal)/account/evaluations/_components/action-form";
import { errorState, formValues } from "@/app/(portal)/account/evaluations/_components/form-state";
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
  // A published answer appears among the item page's answered questions (live and cached renderings).
  revalidateItemPages();
  return { values, done: "feedback.answer.saved" };
}

export async function publishAction(formData: FormData): Promise<void> {
  const id = String(formData.get("id") ?? "");
  await setFaqPublished(await getActor(), { id, publish: formData.get("publish") === "true" }, { ip: clientIpFrom(await headers()) });
  revalidatePath(`/console/feedback/consultations/${id}`);
  revalidateItemPages();
}

/** proxy.ts serves anonymous visitors the ISR rendering at /items/{code}/cached; both must show the change. */
function revalidateItemPages() {
  revalidatePath("/items/[code]", "page");
  revalidatePath("/items/[code]/cached", "page");
  forgetAllItemPages();
}
