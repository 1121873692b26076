"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createWebhook, replayDelivery, setWebhookActive } from "@/lib/api/webhooks";
import { getActor } from "@/lib/auth/session";
import { AppError, isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

export type WebhookFormState = {
  fieldErrors?: Record<string, string>;
  formError?: string;
  values: { url: string; events: string[]; departmentCode: string };
  /** Shown once, right after creation. */
  created?: { id: string; secret: string; url: string };
};

/** Creates a subscription (lib/api/webhooks.ts parses, asks the policy, audits); the secret comes back once. */
export async function createWebhookAction(_previous: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const values = {
    url: String(formData.get("url") ?? "").slice(0, 2000),
    events: formData.getAll("events").map(String).slice(0, 50),
    departmentCode: String(formData.get("departmentCode") ?? "").slice(0, 32),
  };
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
    const created = await createWebhook(
      actor,
      { url: values.url.trim(), events: values.events, departmentCode: values.departmentCode.trim() || undefined },
      clientIpFrom(await headers()),
    );
    revalidatePath("/admin/webhooks");
    return {
      values: { url: "", events: [], departmentCode: "" },
      created: { id: created.id, secret: created.secret, url: created.url },
    };
  } catch (error) {
    if (isAppError(error)) return { fieldErrors: error.details.fieldErrors, formError: error.messageKey, values };
    logger.error({ err: error }, "creating a webhook failed");
    return { formError: "errors.unexpected", values };
  }
}

export async function setWebhookActiveAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect("/login?callbackUrl=%2Fadmin%2Fwebhooks");
  await setWebhookActive(
    actor,
    String(formData.get("id") ?? ""),
    formData.get("active") === "true",
    clientIpFrom(await headers()),
  );
  revalidatePath("/admin/webhooks");
}

export async function replayDeliveryAction(formData: FormData): Promise<void> {
  const subscriptionId = String(formData.get("subscriptionId") ?? "");
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/admin/webhooks/${subscriptionId}`)}`);
  await replayDelivery(actor, subscriptionId, String(formData.get("deliveryId") ?? ""), clientIpFrom(await headers()));
  revalidatePath(`/admin/webhooks/${subscriptionId}`);
  redirect(`/admin/webhooks/${subscriptionId}?replayed=1`);
}
