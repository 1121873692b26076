"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { askQuestion } from "@/lib/consultations/consultations";
import { clientIpFrom } from "@/lib/http/client-ip";
import type { FormState } from "../../../../../components/form/action-form";
import { errorState, formValues } from "../../../../_lib/form-state";

/** 咨询 about an item, or 投诉 about one's case (the same form shape; `kind` says which). */
export async function askAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let id: string;
  try {
    const row = await askQuestion(await getActor(), values, { ip: clientIpFrom(await headers()) });
    id = row.id;
  } catch (error) {
    return errorState(error, values);
  }
  redirect(`/account/consultations/${id}?sent=1`);
}
