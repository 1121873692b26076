"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/form/action-form";
import { errorState, formValues } from "@/app/_lib/form-state";
import { getActor } from "@/lib/auth/session";
import { replyToRectification } from "@/lib/evaluation/rectifications";
import { clientIpFrom } from "@/lib/http/client-ip";

export async function replyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await replyToRectification(await getActor(), values, { ip: clientIpFrom(await headers()) });
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath(`/console/feedback/rectifications/${String(values.id)}`);
  return { values, done: "feedback.rectify.saved" };
}
