"use server";

import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { verifyAtCounter } from "@/lib/accounts/identity-verification";

export type CounterVerification = Awaited<ReturnType<typeof verifyAtCounter>>;

/** 实名核验 at the counter (lib/accounts/identity-verification.ts): the entered values come back on every error. */
export async function verifyAtCounterAction(
  _previous: ActionState<CounterVerification>,
  formData: FormData,
): Promise<ActionResult<CounterVerification>> {
  const values = {
    realName: String(formData.get("realName") ?? ""),
    idNumber: String(formData.get("idNumber") ?? ""),
    identityCheck: String(formData.get("identityCheck") ?? ""),
  };
  const result = await runAction(
    "counter identity verification",
    (actor, ip) =>
      verifyAtCounter(actor, { ...values, identityConfirmed: formData.get("identityConfirmed") === "on" }, { ip }),
    { values },
  );
  // Verified: the form starts empty for the next person.
  return result.ok ? { ok: true, value: result.value } : result;
}
