import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listDepartmentConsultations } from "@/lib/consultations/consultations";
import { listDepartmentRectifications } from "@/lib/evaluation/rectifications";
import { localizedName } from "@/lib/i18n/localized";
import { WarningBadge } from "./warning-badge";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.console"))("title") };
}

/** 好差评整改与咨询投诉: the department's open rectifications and questions, by due date, with warnings. */
export default async function FeedbackConsolePage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("feedback.handle", "/console/feedback");
  const done = (await searchParams).view === "done";
  const [rectifications, consultations] = await Promise.all([
    listDepartmentRectifications(actor, { status: done ? "done" : "open" }),
    listDepartmentConsultations(actor, { status: done ? "done" : "open" }),
  ]);
  const t = await getTranslations("feedback");
  const locale = await getLocale();
  const format = await getFormatter();
  const due = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("console.title")}</h1>
      <nav aria-label={t("console.views")} className="mb-4 flex gap-4">
        <Link
          href="/console/feedback"
          aria-current={done ? undefined : "page"}
          className={`min-h-11 underline-offset-4 ${done ? "text-brand-700 underline" : "font-bold"}`}
        >
          {t("console.open")}
        </Link>
        <Link
          href="/console/feedback?view=done"
          aria-current={done ? "page" : undefined}
          className={`min-h-11 underline-offset-4 ${done ? "font-bold" : "text-brand-700 underline"}`}
        >
          {t("console.done")}
        </Link>
      </nav>
      <section aria-labelledby="rect-title" className="mb-8">
        <h2 id="rect-title" className="mb-2 text-xl font-semibold">
          {t("console.rectifications")} ({rectifications.length})
        </h2>
        {rectifications.length === 0 ? (
          <p>{t("console.none")}</p>
        ) : (
          <ScrollRegion label={t("console.rectifications")}>
            <table className="w-full border-collapse text-left">
              <thead>
                <tr className="border-b-2 border-line">
                  <th className="p-2">{t("console.rating")}</th>
                  <th className="p-2">{t("console.about")}</th>
                  <th className="p-2">{t("console.dueDate")}</th>
                  <th className="p-2">{t("console.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rectifications.map((row) => (
                  <tr key={row.id} className="border-b border-line">
                    <td className="p-2">
                      <Link
                        href={`/console/feedback/rectifications/${row.id}`}
                        className="font-semibold text-brand-700 underline underline-offset-4"
                      >
                        {t(`levels.${row.level}`)}
                      </Link>
                      <div className="text-sm">{row.tags.map((tag) => t(`tags.${tag}`)).join("、")}</div>
                    </td>
                    <td className="p-2">
                      {row.caseNumber ?? t(`kinds.${row.touchpointKind}`)}
                      {row.item ? <div className="text-sm">{localizedName(locale, row.item)}</div> : null}
                    </td>
                    <td className="p-2">
                      {due(row.dueDate)} <WarningBadge warning={row.warning} />
                    </td>
                    <td className="p-2">{t(`rectificationStatus.${row.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="cons-title">
        <h2 id="cons-title" className="mb-2 text-xl font-semibold">
          {t("console.consultations")} ({consultations.length})
        </h2>
        {consultations.length === 0 ? (
          <p>{t("console.none")}</p>
        ) : (
          <ScrollRegion label={t("console.consultations")}>
            <table className="w-full border-collapse text-left">
              <thead>
                <tr className="border-b-2 border-line">
                  <th className="p-2">{t("console.question")}</th>
                  <th className="p-2">{t("console.about")}</th>
                  <th className="p-2">{t("console.dueDate")}</th>
                  <th className="p-2">{t("console.status")}</th>
                </tr>
              </thead>
              <tbody>
                {consultations.map((row) => (
                  <tr key={row.id} className="border-b border-line">
                    <td className="p-2">
                      <span className="mr-1 text-sm text-ink-muted">{t(`consultationKinds.${row.kind}`)}</span>
                      <Link
                        href={`/console/feedback/consultations/${row.id}`}
                        className="font-semibold text-brand-700 underline underline-offset-4"
                      >
                        {row.title}
                      </Link>
                    </td>
                    <td className="p-2">{row.caseNumber ?? (row.item ? localizedName(locale, row.item) : "")}</td>
                    <td className="p-2">
                      {due(row.dueDate)} <WarningBadge warning={row.warning} />
                    </td>
                    <td className="p-2">{t(`consultationStatus.${row.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
