import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { Button } from "@/components/ui/button";
import { type DeliveryView, getWebhook, listDeliveries } from "@/lib/api/webhooks";
import { isAppError } from "@/lib/errors";
import { replayDeliveryAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("api.webhooks.admin"))("deliveries") };
}

/** The delivery log of one subscription, newest first, with "send again" (same delivery id) on every row. */
export default async function WebhookDeliveries({
  params,
  searchParams,
}: Readonly<{ params: Promise<{ id: string }>; searchParams: Promise<{ replayed?: string }> }>) {
  const { id } = await params;
  const actor = await requirePermission("webhooks.manage", `/admin/webhooks/${id}`);
  let subscription;
  let deliveries;
  try {
    [subscription, deliveries] = await Promise.all([getWebhook(actor, id), listDeliveries(actor, id)]);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { replayed } = await searchParams;
  const t = await getTranslations("api.webhooks.admin");
  const tc = await getTranslations("cases.event");
  const format = await getFormatter();
  const when = (value: string | null) =>
    value ? format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "medium" }) : "—";
  // Only the coarse outcome (lib/api/webhooks.ts DeliveryOutcome) and a receiver's HTTP status: network errors are
  // never shown, so this log cannot tell a closed port from an unreachable host.
  const lastResult = ({ lastError, lastStatusCode }: DeliveryView) => {
    if (lastError === "rejected" && lastStatusCode) return t("outcomes.rejected", { status: lastStatusCode });
    if (lastError) return t(`outcomes.${lastError}`);
    return lastStatusCode ? `HTTP ${lastStatusCode}` : "—";
  };
  return (
    <>
      <p className="mb-4">
        <Link
          href="/admin/webhooks"
          className="inline-flex min-h-11 items-center text-accent-600 underline underline-offset-4"
        >
          {t("back")}
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">{t("deliveries")}</h1>
      <p className="mb-6 break-all text-ink-muted">{subscription.url}</p>
      {replayed && (
        <p role="status" className="mb-4 rounded border-2 border-brand-700 p-3 font-semibold">
          {t("replayed")}
        </p>
      )}
      {deliveries.length === 0 ? (
        <p>{t("noDeliveries")}</p>
      ) : (
        <DataTable
          caption={t("deliveries")}
          columns={[
            t("event"),
            t("caseNumber"),
            t("status"),
            t("attempts"),
            t("lastAnswer"),
            t("createdAt"),
            t("deliveredAt"),
            t("replay"),
          ]}
          rows={deliveries.map((delivery) => [
            delivery.event ? tc(delivery.event) : "—",
            delivery.caseNumber ?? "—",
            t(`statusNames.${delivery.status}`),
            delivery.attempts,
            lastResult(delivery),
            when(delivery.createdAt),
            when(delivery.deliveredAt),
            <form key={delivery.id} action={replayDeliveryAction}>
              <input type="hidden" name="subscriptionId" value={subscription.id} />
              <input type="hidden" name="deliveryId" value={delivery.id} />
              <Button
                type="submit"
                variant="secondary"
                aria-label={`${t("replay")} ${delivery.caseNumber ?? ""} ${delivery.event}`}
              >
                {t("replay")}
              </Button>
            </form>,
          ])}
        />
      )}
    </>
  );
}
