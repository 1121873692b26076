import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";

// The header only: every console page checks its own permission (a layout is not an authorization check).
export default async function ConsoleLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const t = await getTranslations("nav");
  const actor = await getActor();
  return (
    <>
      <SiteHeader
        area="console"
        nav={[
          { href: "/console", label: t("consoleHome") },
          { href: "/console/visits", label: t("consoleVisits") },
          { href: "/console/counter", label: t("consoleCounter") },
          { href: "/console/queue", label: t("consoleQueue") },
          ...(can(actor, "account.identity.verifyAtCounter")
            ? [{ href: "/console/identity", label: (await getTranslations("account.identity.counter"))("title") }]
            : []),
          { href: "/console/feedback", label: (await getTranslations("feedback.nav"))("feedbackConsole") },
          { href: "/console/supervision", label: (await getTranslations("supervision.nav"))("requests") },
          // The staff member's own second factor: recovery codes left, new ones (lib/auth/second-factor.ts).
          ...(can(actor, "account.secondFactor.manage")
            ? [{ href: "/login/second-factor", label: (await getTranslations("auth.secondFactor"))("securityTitle") }]
            : []),
        ]}
        actor={actor}
      />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        {/* Staff pages get every message namespace in the browser (the root layout sends the portal's only). */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </main>
    </>
  );
}
