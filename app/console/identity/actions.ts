"use server";

import { headers } from "next/headers";
import { verifyAtCounter } from "@/lib/accounts/identity-verification";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type CounterIdentityState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  done?: { realName: string; before: number; after: number };
  values?: Record<string, string>;
};

/** 实名核验 at the counter (lib/accounts/identity-verification.ts): the entered values come back on every error. */
export async function verifyAtCounterAction(
  _previous: CounterIdentityState,
  formData: FormData,
): Promise<CounterIdentityState> {
  const values = {
    realName: String(formData.get("realName") ?? ""),
    idNumber: String(formData.get("idNumber") ?? ""),
    identityCheck: String(formData.get("identityCheck") ?? ""),
  };
  try {
    const done = await verifyAtCounter(
      await getActor(),
      { ...values, identityConfirmed: formData.get("identityConfirmed") === "on" },
      { ip: clientIpFrom(await headers()) },
    );
    return { done };
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "counter identity verification failed");
    return { formError: "errors.unexpected", values };
  }
}
