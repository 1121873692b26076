import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import type { Locale } from "@/lib/i18n/config";
import { listStaffAlerts } from "@/lib/notifications/staff-alerts";

export async function generateMetadata() {
  return { title: (await getTranslations("supervision.alerts"))("title") };
}

/** 督办提醒 (issue 19): cases of the department (or, for supervisors, any) that turned yellow or red, and overdue joint opinions. */
export default async function AlertsPage() {
  const actor = await requirePermission("alerts.own", "/admin/alerts");
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("supervision.alerts");
  const { alerts, unread } = await listStaffAlerts(actor, locale);
  const when = (value: Date) =>
    new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, dateStyle: "medium", timeStyle: "short" }).format(
      value,
    );
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("intro")}</p>
      <p className="mb-4" role="status">
        {t("unread", { count: unread })}
      </p>
      {alerts.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="flex max-w-3xl flex-col gap-3" data-testid="staff-alerts">
          {alerts.map((alert) => (
            <li key={alert.id} className={`rounded border-2 p-3 ${alert.read ? "border-line" : "border-accent-600"}`}>
              <p className="font-semibold">
                {!alert.read && <span className="mr-2 rounded bg-accent-600 px-1 text-sm text-white">{t("new")}</span>}
                {alert.subject}
              </p>
              <p>{alert.body}</p>
              <p className="text-sm text-ink-muted">{when(alert.createdAt)}</p>
              {alert.link && (
                <Link
                  href={alert.link}
                  className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                >
                  {t("open")}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
