import { getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { getActor } from "@/lib/auth/session";

export default async function PortalLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const t = await getTranslations("nav");
  const actor = await getActor();
  const nav = [
    { href: "/", label: t("home") },
    { href: "/#personal", label: t("personal") },
    { href: "/#corporate", label: t("corporate") },
    { href: "/departments", label: t("departments") },
    { href: "/search", label: t("search") },
  ];
  return (
    <>
      <SiteHeader area="portal" nav={nav} actor={actor} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
