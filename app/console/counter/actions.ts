"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { type CounterReceipt, registerWalkIn } from "@/lib/cases/counter";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type CounterFormState = {
  receipt?: CounterReceipt;
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string | string[]>;
};

const FIELDS = ["serviceItemId", "realName", "idNumber", "phone", "identityCheck", "identityConfirmed", "note"] as const;

/** 窗口收件: read the form, let lib/cases/counter.ts parse it and ask the policy, answer the receipt or the errors. */
export async function registerWalkInAction(_previous: CounterFormState, formData: FormData): Promise<CounterFormState> {
  const values: Record<string, string | string[]> = {};
  for (const key of FIELDS) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 1000);
  }
  values.materialCodes = formData
    .getAll("materialCodes")
    .filter((value): value is string => typeof value === "string")
    .map((value) => value.slice(0, 64))
    .slice(0, 100);
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    const receipt = await registerWalkIn(
      actor,
      {
        serviceItemId: values.serviceItemId,
        realName: values.realName ?? "",
        idNumber: values.idNumber ?? "",
        phone: values.phone ?? "",
        identityCheck: values.identityCheck,
        identityConfirmed: values.identityConfirmed === "yes",
        materialCodes: values.materialCodes,
        note: values.note ?? "",
      },
      { ip: clientIpFrom(await headers()) },
    );
    revalidatePath("/console");
    return { receipt };
  } catch (error) {
    if (isAppError(error)) return { formError: error.messageKey, fieldErrors: error.details.fieldErrors, values };
    logger.error({ err: error }, "counter registration failed");
    return { formError: "errors.unexpected", values };
  }
}
