import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { buttonClass } from "@/components/ui/button";
import { getMyConsultation } from "@/lib/consultations/consultations";
import { isAppError } from "@/lib/errors";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.consultations"))("detail") };
}

export default async function MyConsultationPage({
  params,
  searchParams,
}: Readonly<{
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}>) {
  const { id } = await params;
  const actor = await requirePermission("consultation.ask", `/account/consultations/${encodeURIComponent(id)}`);
  let row;
  try {
    row = await getMyConsultation(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const sent = (await searchParams).sent === "1";
  const t = await getTranslations("feedback");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <>
      {sent && (
        <p role="status" className="mb-4 rounded border-4 border-ok p-3 font-semibold">
          {t("consultations.sent", { date: format.dateTime(row.dueDate, { dateStyle: "long", timeZone: "UTC" }) })}
        </p>
      )}
      <h1 className="mb-2 text-2xl font-bold">{row.title}</h1>
      <p className="mb-4 text-sm">
        {t(`consultationKinds.${row.kind}`)} · {t(`consultationStatus.${row.status}`)} ·{" "}
        {row.department ? localizedName(locale, row.department) : ""}
        {row.item ? ` · ${localizedName(locale, row.item)}` : ""}
        {row.caseNumber ? ` · ${row.caseNumber}` : ""}
      </p>
      <h2 className="mb-1 font-semibold">{t("consultations.question")}</h2>
      <p className="mb-4 max-w-2xl whitespace-pre-line">{row.body}</p>
      <h2 className="mb-1 font-semibold">{t("consultations.answer")}</h2>
      {row.answer ? (
        <>
          <p data-testid="consultation-answer" className="max-w-2xl whitespace-pre-line">
            {row.answer}
          </p>
          <Link
            href={`/account/evaluations/rate/consultation/${row.id}`}
            className={buttonClass({ className: "mt-4" })}
          >
            {t("evaluations.rate")}
          </Link>
        </>
      ) : (
        <p>
          {t("consultations.waitingAnswer", {
            date: format.dateTime(row.dueDate, { dateStyle: "long", timeZone: "UTC" }),
          })}
        </p>
      )}
    </>
  );
}
