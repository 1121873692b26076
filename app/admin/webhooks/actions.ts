"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createWebhook, replayDelivery, setWebhookActive } from "@/lib/api/webhooks";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { getActor } from "@/lib/auth/session";
import { clientIpFrom } from "@/lib/http/client-ip";

/** Creates a subscription (lib/api/webhooks.ts parses, asks the policy, audits); the secret comes back once. */
export async function createWebhookAction(
  _previous: ActionState<CreatedWebhook>,
  formData: FormData,
): Promise<ActionResult<CreatedWebhook>> {
  const values = {
    url: String(formData.get("url") ?? "").slice(0, 2000),
    events: formData.getAll("events").map(String).slice(0, 50),
    departmentCode: String(formData.get("departmentCode") ?? "").slice(0, 32),
  };
  const result = await runAction(
    "webhook creation",
    async (actor, ip) => {
      const created = await createWebhook(
        actor,
        { url: values.url.trim(), events: values.events, departmentCode: values.departmentCode.trim() || undefined },
        ip,
      );
      return { id: created.id, secret: created.secret, url: created.url };
    },
    { values },
  );
  if (!result.ok) return result;
  revalidatePath("/admin/webhooks");
  // Shown once, right after creation; the form starts empty again.
  return { ...result, values: { url: "", events: [], departmentCode: "" } };
}

/** A subscription just created, with its signing secret (shown only this once). */
export type CreatedWebhook = { id: string; secret: string; url: string };

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
