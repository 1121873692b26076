import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { requirePermission } from "@/app/_lib/guard";
import { findItemGuide, type ItemGuide } from "@/lib/catalogue/queries";
import { localizedName } from "@/lib/i18n/localized";

/**
 * The frame of a signed-in person's message to an item's department — a question (咨询) or a report that its guide
 * is wrong: sign-in, the item, what happens to the message, then the form.
 */
export async function ItemMessagePage({
  code,
  route,
  namespace,
  form,
}: Readonly<{
  code: string;
  route: "ask" | "report";
  namespace: "feedback.ask" | "feedback.guideError";
  form: (guide: ItemGuide) => ReactNode;
}>) {
  await requirePermission("consultation.ask", `/items/${encodeURIComponent(code)}/${route}`);
  const guide = await findItemGuide(code);
  if (!guide) notFound();
  const t = await getTranslations(namespace);
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-1 text-lg">{localizedName(locale, guide)}</p>
      <p className="mb-4 max-w-2xl text-ink-muted">
        {t("intro", { department: localizedName(locale, guide.department) })}
      </p>
      {form(guide)}
    </>
  );
}
