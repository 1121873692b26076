import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { buttonClass } from "@/components/ui/button";
import { getActor } from "@/lib/auth/session";

// Rendered (with status 403) when a signed-in actor opens a page the policy does not allow them.
export default async function Forbidden() {
  const t = await getTranslations();
  const actor = await getActor();
  return (
    <>
      <SiteHeader area="portal" nav={[{ href: "/", label: t("nav.home") }]} actor={actor} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        <div className="max-w-2xl py-6">
          <h1 className="mb-3 text-2xl font-bold">{t("forbidden.title")}</h1>
          <p className="mb-6">{t("forbidden.body")}</p>
          <div className="flex flex-wrap gap-3">
            <Link href="/" className={buttonClass()}>
              {t("forbidden.home")}
            </Link>
            <Link href="/login" className={buttonClass({ variant: "secondary" })}>
              {t("forbidden.switchAccount")}
            </Link>
          </div>
        </div>
      </main>
    </>
  );
}
