"use server";

import { redirect } from "next/navigation";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { checkCard } from "@/lib/accounts/identity-verification";
import { getActor } from "@/lib/auth/session";

/** 实名核验 by card: the check service compares the card with the person's name and ID number (lib/accounts/identity-verification.ts). */
export async function cardCheckAction(
  _previous: ActionState<unknown>,
  formData: FormData,
): Promise<ActionResult<unknown>> {
  if (!(await getActor())) redirect("/login?callbackUrl=%2Faccount%2Fidentity");
  const input = {
    cardType: String(formData.get("cardType") ?? ""),
    cardNumber: String(formData.get("cardNumber") ?? ""),
  };
  // The card number is not sent back: the person types it again (it is never kept anywhere).
  const result = await runAction("card check", (actor, ip) => checkCard(actor, input, { ip }), {
    values: { cardType: input.cardType },
  });
  if (!result.ok) return result;
  // The page then shows the new level and the record; the form gives way to it.
  redirect("/account/identity?checked=1");
}
