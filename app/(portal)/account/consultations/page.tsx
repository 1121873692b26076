import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listMyConsultations } from "@/lib/consultations/consultations";
import { localizedName } from "@/lib/i18n/localized";
import { askAction } from "../../items/[code]/ask/actions";
import { ActionForm } from "../../../../components/form/action-form";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.consultations"))("title") };
}

/** 我的咨询与投诉, and the complaint form (about one of one's own cases). */
export default async function MyConsultationsPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("consultation.ask", "/account/consultations");
  const rows = await listMyConsultations(actor);
  const { case: caseNumber } = await searchParams;
  const t = await getTranslations("feedback");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("consultations.title")}</h1>
      {rows.length === 0 ? (
        <p className="mb-6">{t("consultations.empty")}</p>
      ) : (
        <ul className="mb-8 flex flex-col gap-2">
          {rows.map((row) => (
            <li key={row.id} className="rounded border-2 border-line p-3">
              <Link
                href={`/account/consultations/${row.id}`}
                className="font-semibold text-brand-700 underline underline-offset-4"
              >
                {row.title}
              </Link>
              <p className="text-sm">
                {t(`consultationKinds.${row.kind}`)} · {t(`consultationStatus.${row.status}`)} ·{" "}
                {format.dateTime(row.createdAt, { dateStyle: "medium" })}
                {row.item ? ` · ${localizedName(locale, row.item)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="complain-title">
        <h2 id="complain-title" className="mb-2 text-xl font-semibold">
          {t("complain.title")}
        </h2>
        <p className="mb-3 max-w-2xl">{t("complain.intro")}</p>
        <ActionForm
          id="complain"
          action={askAction}
          hidden={{ kind: "COMPLAINT" }}
          fields={[
            { name: "caseNumber", label: t("complain.caseNumber"), type: "text", required: true, maxLength: 20 },
            { name: "title", label: t("ask.questionTitle"), type: "text", required: true, maxLength: 80 },
            { name: "body", label: t("complain.body"), type: "textarea", required: true, maxLength: 2000 },
          ]}
          initial={{ caseNumber: typeof caseNumber === "string" ? caseNumber.slice(0, 20) : "" }}
          submitLabel={t("complain.submit")}
        />
      </section>
    </>
  );
}
