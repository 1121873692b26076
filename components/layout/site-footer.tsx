import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The public services every page leads to (issue 18: nothing linked 办件查询, 证照核验, 数据公开 or 好差评公示). */
const PUBLIC_SERVICES = ["track", "verify", "departments", "stats", "satisfaction"] as const;

export async function SiteFooter() {
  const t = await getTranslations("site");
  return (
    <footer className="no-print mt-16 border-t border-line bg-surface">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm">
        <nav aria-label={t("footerNav")}>
          <ul className="flex flex-wrap gap-x-2 gap-y-1">
            {PUBLIC_SERVICES.map((key) => (
              <li key={key}>
                <Link
                  href={`/${key}`}
                  className="inline-flex min-h-11 items-center px-2 text-brand-700 underline underline-offset-4"
                >
                  {t(`footerLinks.${key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-col gap-1 text-ink-muted">
          <p>{t("hotline")}</p>
          <p>{t("footerNote")}</p>
        </div>
      </div>
    </footer>
  );
}
