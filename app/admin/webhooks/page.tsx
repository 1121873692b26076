import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import { WEBHOOK_EVENTS } from "@/lib/api/schemas";
import { reachesEveryDepartment } from "@/lib/auth/policy";
import { listWebhooks } from "@/lib/api/webhooks";
import { setWebhookActiveAction } from "./actions";
import { CreateWebhookForm } from "./create-form";

export async function generateMetadata() {
  return { title: (await getTranslations("api.webhooks.admin"))("title") };
}

/** Department webhooks (REST API, issue 10): the department's subscriptions, a new one, pause/resume, the logs. */
export default async function AdminWebhooks() {
  const actor = await requirePermission("webhooks.manage", "/admin/webhooks");
  const subscriptions = await listWebhooks(actor);
  const t = await getTranslations("api.webhooks.admin");
  const tc = await getTranslations("cases.event");
  const format = await getFormatter();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-2 text-ink-muted">{t("intro")}</p>
      <p className="mb-6 text-sm break-words text-ink-muted">{t("headers")}</p>

      <section aria-labelledby="webhooks-list" className="mb-10">
        <h2 id="webhooks-list" className="mb-2 text-xl font-semibold">
          {t("list")}
        </h2>
        {subscriptions.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="space-y-4">
            {subscriptions.map((subscription) => (
              <li key={subscription.id} className="rounded border border-line p-4">
                <p className="font-semibold break-all">{subscription.url}</p>
                <p className="text-sm text-ink-muted">
                  {subscription.departmentCode} · {subscription.active ? t("active") : t("paused")} · {t("createdAt")}{" "}
                  {format.dateTime(new Date(subscription.createdAt), { dateStyle: "short", timeStyle: "short" })}
                </p>
                <p className="text-sm">
                  {t("events")}：
                  {subscription.events.length === 0
                    ? t("eventsHelp")
                    : subscription.events.map((event) => tc(event)).join("、")}
                </p>
                <div className="mt-2 flex flex-wrap gap-4">
                  <Link
                    href={`/admin/webhooks/${subscription.id}`}
                    className="inline-flex min-h-11 items-center text-accent-600 underline underline-offset-4"
                  >
                    {t("deliveries")}
                  </Link>
                  <form action={setWebhookActiveAction}>
                    <input type="hidden" name="id" value={subscription.id} />
                    <input type="hidden" name="active" value={subscription.active ? "false" : "true"} />
                    <Button type="submit" variant="secondary">
                      {subscription.active ? t("pause") : t("resume")}
                    </Button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="webhooks-new" className="rounded border border-line bg-surface p-4">
        <h2 id="webhooks-new" className="mb-4 text-xl font-semibold">
          {t("newTitle")}
        </h2>
        <CreateWebhookForm events={WEBHOOK_EVENTS} askDepartment={reachesEveryDepartment(actor, "webhooks.manage")} />
      </section>
    </>
  );
}
