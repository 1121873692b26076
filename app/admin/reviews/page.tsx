import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { listReviewQueue } from "@/lib/catalogue/versions";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin.reviews"))("title") };
}

/** Versions waiting for a second administrator, oldest first. */
export default async function ReviewsPage() {
  const actor = await requirePermission("catalogue.items.manage", "/admin/reviews");
  const t = await getTranslations("catalogueAdmin.reviews");
  const locale = await getLocale();
  const queue = await listReviewQueue(actor);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-ink-muted">{t("intro")}</p>
      {queue.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("caption", { count: queue.length })}
          columns={[t("item"), t("department"), t("version"), t("submittedBy"), t("submittedAt"), t("action")]}
          rows={queue.map((version) => [
            localizedName(locale, version.serviceItem),
            localizedName(locale, version.serviceItem.department),
            `v${version.number}`,
            version.submittedByName ?? "—",
            version.submittedAt?.toLocaleString(locale, { timeZone: CHINA_TIME_ZONE }) ?? "—",
            <Link
              key="review"
              href={`/admin/items/${encodeURIComponent(version.serviceItem.implementationCode)}/edit`}
              className="text-brand-700 underline underline-offset-4"
            >
              {version.ownWork ? t("viewOwn") : t("review")}
            </Link>,
          ])}
        />
      )}
    </>
  );
}
