import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { type Actor, can } from "@/lib/auth/policy";
import { PreferenceBar } from "./preference-bar";
import { SignOutButton } from "./sign-out-button";

export type NavItem = { href: string; label: string };

type Props = Readonly<{
  area: "portal" | "console" | "admin";
  nav: NavItem[];
  actor: Actor | null;
}>;

/** The header every area shares: skip link, preferences, who is signed in, the area's navigation. */
export async function SiteHeader({ area, nav, actor }: Props) {
  const t = await getTranslations();
  const home = area === "portal" ? "/" : `/${area}`;
  return (
    <header className="no-print bg-brand-800 text-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-3 focus:text-ink"
      >
        {t("site.skipToContent")}
      </a>
      <div className="border-b border-white/20 bg-brand-900 text-sm">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-1">
          <PreferenceBar />
          <div className="flex flex-wrap items-center gap-1">
            {actor ? (
              <>
                <span className="px-2">
                  {t("auth.signedInAs", { name: actor.realName, role: t(`roles.${actor.role}`) })}
                </span>
                {area === "portal" && can(actor, "portal.account") && (
                  <Link
                    href="/account"
                    className="min-h-11 rounded px-3 py-2.5 underline underline-offset-4 hover:bg-white/10"
                  >
                    {t("nav.account")}
                  </Link>
                )}
                <SignOutButton />
              </>
            ) : (
              <>
                <Link
                  href="/login"
                  className="min-h-11 rounded px-3 py-2.5 underline underline-offset-4 hover:bg-white/10"
                >
                  {t("auth.signIn")}
                </Link>
                <Link
                  href="/register"
                  className="min-h-11 rounded px-3 py-2.5 underline underline-offset-4 hover:bg-white/10"
                >
                  {t("auth.register")}
                </Link>
              </>
            )}
          </div>
        </div>
      </div>
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 md:flex-row md:items-center md:justify-between">
        {/* The name never breaks (the admin area's 19 links wrapped it into two lines at 1280 px); the links wrap instead. */}
        <Link href={home} className="flex shrink-0 items-baseline gap-3 whitespace-nowrap text-white no-underline">
          <span className="text-2xl font-bold tracking-wide">{t("site.name")}</span>
          <span className="text-base opacity-90">{t(`areas.${area}`)}</span>
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul className="flex flex-wrap gap-1">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="block min-h-11 rounded px-3 py-2.5 font-medium hover:bg-white/15">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
