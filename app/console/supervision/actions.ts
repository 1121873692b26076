"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import { answerExplanationRequest } from "@/lib/supervision/oversight";

export type AnswerFormState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
  saved?: boolean;
};

/** The department's explanation for a supervisor's request (lib/supervision/oversight.ts parses and checks). */
export async function answerAction(_previous: AnswerFormState, formData: FormData): Promise<AnswerFormState> {
  const values = { text: String(formData.get("text") ?? "").slice(0, 4000) };
  const input = {
    caseNumber: String(formData.get("caseNumber") ?? "").slice(0, 40),
    requestId: String(formData.get("requestId") ?? "").slice(0, 40),
    ...values,
  };
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    await answerExplanationRequest(actor, input, { ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "explanation failed");
    return { formError: "supervision.errors.unexpected", values };
  }
  revalidatePath("/console/supervision");
  return { saved: true, values: { text: "" } };
}
