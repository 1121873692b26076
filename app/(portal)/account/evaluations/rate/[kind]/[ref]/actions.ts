"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { appealRectification, rateTouchpoint } from "@/lib/evaluation/evaluations";
import { clientIpFrom } from "@/lib/http/client-ip";
import type { FormState } from "../../../../../../../components/form/action-form";
import { errorState, formValues } from "../../../../../../_lib/form-state";

export async function rateAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ["tags"]);
  const kind = String(formData.get("kind") ?? "");
  const ref = String(formData.get("ref") ?? "");
  try {
    await rateTouchpoint(
      await getActor(),
      { kind, ref },
      { level: values.level, tags: formData.getAll("tags").map(String), comment: values.comment },
      { ip: clientIpFrom(await headers()) },
    );
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath(`/account/evaluations/rate/${kind.toLowerCase()}/${encodeURIComponent(ref)}`);
  return { values, done: "feedback.rate.saved" };
}

export async function appealAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await appealRectification(
      await getActor(),
      { id: values.id, reason: values.reason },
      { ip: clientIpFrom(await headers()) },
    );
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath("/account/evaluations");
  return { values: { id: String(values.id ?? "") }, done: "feedback.appeal.sent" };
}
