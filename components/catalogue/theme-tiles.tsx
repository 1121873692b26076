import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { localizedName } from "@/lib/i18n/localized";

type ThemeTile = { code: string; name: string; nameEn: string; _count: { items: number } };

/** Themes for people, then for organisations, each with its heading (the home page's and /themes'). */
export async function themeGroups<T extends ThemeTile & { audience: string }>(themes: T[]) {
  const t = await getTranslations("portal");
  return [
    { id: "personal", title: t("personalThemes"), themes: themes.filter((theme) => theme.audience === "PERSONAL") },
    { id: "corporate", title: t("corporateThemes"), themes: themes.filter((theme) => theme.audience === "CORPORATE") },
  ];
}

/** Life-event themes as tiles with their number of services (the home page's chosen ones, or all on /themes). */
export async function ThemeTiles({ themes }: Readonly<{ themes: ThemeTile[] }>) {
  const t = await getTranslations("portal");
  const locale = await getLocale();
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {themes.map((theme) => (
        <li key={theme.code}>
          <Link
            href={`/themes/${theme.code}`}
            className="flex min-h-16 flex-col justify-center rounded border border-line px-4 py-3 hover:border-brand-600 hover:bg-brand-50"
          >
            <span className="font-semibold text-brand-700">{localizedName(locale, theme)}</span>
            <span className="text-sm text-ink-muted">{t("itemCount", { count: theme._count.items })}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
