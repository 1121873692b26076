"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkCard } from "@/lib/accounts/identity-verification";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type CardCheckState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  values?: { cardType: string };
};

/** 实名核验 by card: the check service compares the card with the person's name and ID number (lib/accounts/identity-verification.ts). */
export async function cardCheckAction(_previous: CardCheckState, formData: FormData): Promise<CardCheckState> {
  const actor = await getActor();
  if (!actor) redirect("/login?callbackUrl=%2Faccount%2Fidentity");
  const input = {
    cardType: String(formData.get("cardType") ?? ""),
    cardNumber: String(formData.get("cardNumber") ?? ""),
  };
  try {
    await checkCard(actor, input, { ip: clientIpFrom(await headers()) });
  } catch (error) {
    // The card number is not sent back: the person types it again (it is never kept anywhere).
    if (isAppError(error))
      return {
        fieldErrors: error.details.fieldErrors,
        formError: error.messageKey,
        values: { cardType: input.cardType },
      };
    logger.error({ err: error }, "card check failed");
    return { formError: "errors.unexpected", values: { cardType: input.cardType } };
  }
  // The page then shows the new level and the record; the form gives way to it.
  redirect("/account/identity?checked=1");
}
