import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { ActionForm } from "@/components/form/action-form";
import { findItemGuide } from "@/lib/catalogue/queries";
import { GUIDE_PARTS } from "@/lib/consultations/schemas";
import { localizedName } from "@/lib/i18n/localized";
import { reportGuideErrorAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.guideError"))("title") };
}

/** "This guide is wrong": a signed-in person tells the item's department which part; answered like a question. */
export default async function ReportGuideErrorPage({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const { code } = await params;
  await requirePermission("consultation.ask", `/items/${encodeURIComponent(code)}/report`);
  const guide = await findItemGuide(code);
  if (!guide) notFound();
  const t = await getTranslations("feedback.guideError");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-1 text-lg">{localizedName(locale, guide)}</p>
      <p className="mb-4 max-w-2xl text-ink-muted">
        {t("intro", { department: localizedName(locale, guide.department) })}
      </p>
      <ActionForm
        id="report"
        action={reportGuideErrorAction}
        hidden={{ kind: "GUIDE_ERROR", itemCode: guide.implementationCode }}
        fields={[
          {
            name: "part",
            label: t("part"),
            type: "radio",
            required: true,
            options: GUIDE_PARTS.map((part) => ({ value: part, label: t(`parts.${part}`) })),
          },
          { name: "body", label: t("body"), hint: t("bodyHint"), type: "textarea", required: true, maxLength: 2000 },
        ]}
        initial={{}}
        submitLabel={t("submit")}
      />
    </>
  );
}
