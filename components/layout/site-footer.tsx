import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("site");
  return (
    <footer className="no-print mt-16 border-t border-line bg-surface">
      <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-sm text-ink-muted">
        <p>{t("hotline")}</p>
        <p>{t("footerNote")}</p>
      </div>
    </footer>
  );
}
