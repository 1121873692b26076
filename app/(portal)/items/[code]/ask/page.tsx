import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { findItemGuide } from "@/lib/catalogue/queries";
import { localizedName } from "@/lib/i18n/localized";
import { ActionForm } from "../../../../../components/form/action-form";
import { askAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.ask"))("title") };
}

/** 咨询: a signed-in person asks the item's department; the answer arrives in the inbox. */
export default async function AskPage({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const { code } = await params;
  await requirePermission("consultation.ask", `/items/${encodeURIComponent(code)}/ask`);
  const guide = await findItemGuide(code);
  if (!guide) notFound();
  const t = await getTranslations("feedback.ask");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-1 text-lg">{localizedName(locale, guide)}</p>
      <p className="mb-4 max-w-2xl text-ink-muted">
        {t("intro", { department: localizedName(locale, guide.department) })}
      </p>
      <ActionForm
        id="ask"
        action={askAction}
        hidden={{ kind: "QUESTION", itemCode: guide.implementationCode }}
        fields={[
          {
            name: "title",
            label: t("questionTitle"),
            hint: t("titleHint"),
            type: "text",
            required: true,
            maxLength: 80,
          },
          { name: "body", label: t("body"), hint: t("bodyHint"), type: "textarea", required: true, maxLength: 2000 },
        ]}
        initial={{}}
        submitLabel={t("submit")}
      />
    </>
  );
}
