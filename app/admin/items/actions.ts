"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { setItemAvailability } from "@/lib/catalogue/availability";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type AvailabilityState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  notice?: string;
  done?: boolean;
};

export async function setAvailabilityAction(
  _previous: AvailabilityState,
  formData: FormData,
): Promise<AvailabilityState> {
  const notice = String(formData.get("notice") ?? "").slice(0, 2000);
  // Taking an item offline stops every application to it at once: confirmed (a required box; checked here too).
  if (formData.get("action") === "suspend" && formData.get("confirmed") !== "yes")
    return { fieldErrors: { confirmed: "admin.items.confirmSuspendRequired" }, notice };
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    await setItemAvailability({
      actor,
      input: { action: String(formData.get("action") ?? ""), code: String(formData.get("code") ?? ""), notice },
      ip: clientIpFrom(await headers()),
    });
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, notice };
    logger.error({ err: error }, "changing item availability failed");
    return { formError: "errors.unexpected", notice };
  }
  // The item's public pages follow from lib/catalogue/availability.ts (lib/cache/public-cache.ts).
  revalidatePath("/admin/items");
  return { done: true };
}
