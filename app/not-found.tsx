import { NotFoundPanel } from "@/components/layout/not-found-panel";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { getActor } from "@/lib/auth/session";
import { getTranslations } from "next-intl/server";

// Unknown portal addresses (the root catch-all): the portal's header, a search and a way home.
export default async function NotFound() {
  const t = await getTranslations("nav");
  const actor = await getActor();
  return (
    <>
      <SiteHeader
        area="portal"
        nav={[
          { href: "/", label: t("home") },
          { href: "/search", label: t("search") },
        ]}
        actor={actor}
      />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        <NotFoundPanel area="portal" />
      </main>
      <SiteFooter />
    </>
  );
}
