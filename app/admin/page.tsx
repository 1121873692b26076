import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { getPlatformCounts } from "@/lib/admin/queries";
import { calendarWarning } from "@/lib/reference/holidays";
import { CalendarGapBanner } from "./_reference/notices";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminHome() {
  const actor = await requirePermission("admin.access", "/admin");
  const [counts, calendarGaps] = await Promise.all([getPlatformCounts(actor), calendarWarning(actor)]);
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("overview")}</h1>
      <CalendarGapBanner years={calendarGaps} />
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        {(Object.keys(counts) as (keyof typeof counts)[]).map((key) => (
          <div key={key} className="rounded border border-line p-4">
            <dt className="text-ink-muted">{t(`counts.${key}`)}</dt>
            <dd className="text-3xl font-bold text-brand-800">{counts[key]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
