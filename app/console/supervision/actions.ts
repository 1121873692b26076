"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { answerExplanationRequest } from "@/lib/supervision/oversight";

/** The department's explanation for a supervisor's request (lib/supervision/oversight.ts parses and checks). */
export async function answerAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  const values = { text: String(formData.get("text") ?? "").slice(0, 4000) };
  const input = {
    caseNumber: String(formData.get("caseNumber") ?? "").slice(0, 40),
    requestId: String(formData.get("requestId") ?? "").slice(0, 40),
    ...values,
  };
  const result = await runAction("explanation", (actor, ip) => answerExplanationRequest(actor, input, { ip }), {
    values,
  });
  if (!result.ok) return result;
  revalidatePath("/console/supervision");
  return { ...result, values: { text: "" } };
}
