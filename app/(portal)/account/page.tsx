import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import { findAccountProfile } from "@/lib/accounts/profile";
import { accountOverview } from "@/lib/accounts/overview";
import { applicantKind } from "@/lib/auth/policy";
import { signOutEverywhereAction } from "./actions";
import { CompanyStatus } from "./company-status";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const actor = await requirePermission("portal.account", "/account");
  const profile = await findAccountProfile(actor);
  const t = await getTranslations("account");
  const format = await getFormatter();
  const tl = await getTranslations("account.links");
  const overview = await accountOverview(actor);
  const links: { href: string; label: string; detail?: string; attention?: boolean }[] = [
    {
      href: "/account/applications",
      label: tl("applications"),
      detail:
        overview.casesAwaitingApplicant > 0
          ? tl("awaitingApplicant", { count: overview.casesAwaitingApplicant })
          : tl("applicationsCount", { inProgress: overview.casesInProgress, drafts: overview.drafts }),
      attention: overview.casesAwaitingApplicant > 0,
    },
    { href: "/account/locker", label: tl("results"), detail: tl("resultsCount", { count: overview.results }) },
    {
      href: "/account/bookings",
      label: tl("bookings"),
      detail: tl("bookingsCount", { count: overview.upcomingBookings }),
    },
    {
      href: "/account/consultations",
      label: tl("consultations"),
      detail: tl("consultationsCount", { count: overview.openConsultations }),
    },
    {
      href: "/account/evaluations",
      label: tl("evaluations"),
      detail: tl("evaluationsCount", { count: overview.awaitingRating }),
      attention: overview.awaitingRating > 0,
    },
    {
      href: "/account/inbox",
      label: tl("inbox"),
      detail: tl("inboxCount", { count: overview.unreadMessages }),
      attention: overview.unreadMessages > 0,
    },
    { href: "/account/notifications", label: tl("notifications") },
    { href: "/account/password", label: tl("password") },
    {
      href: "/account/identity",
      label: tl("identity"),
      detail: tl("identityLevel", { level: profile.assuranceLevel }),
    },
    ...(applicantKind(actor) === "companyAgent" ? [{ href: "/account/company", label: tl("company") }] : []),
    { href: "/account/access-log", label: tl("accessLog") },
    { href: "/track", label: tl("track") },
  ];
  const rows: [string, string][] = [
    [t("realName"), profile.realName],
    [t("idNumber"), profile.idNumber],
    [t("phone"), profile.phone],
    [t("assuranceLevel"), t("assuranceValue", { level: profile.assuranceLevel })],
    ...(profile.company
      ? ([
          [t("company"), profile.company.name],
          [t("creditCode"), profile.company.creditCode],
        ] as [string, string][])
      : []),
    [t("registeredAt"), format.dateTime(profile.createdAt, { dateStyle: "long" })],
  ];
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <nav aria-label={tl("label")} className="mb-8">
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="account-links">
          {links.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                className="flex min-h-16 flex-col justify-center rounded border-2 border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50"
              >
                <span className="font-semibold">{link.label}</span>
                {link.detail && (
                  <span className={`text-sm ${link.attention ? "font-semibold text-accent-600" : "text-ink-muted"}`}>
                    {link.detail}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <CompanyStatus actor={actor} />
      <section aria-labelledby="profile-title">
        <h2 id="profile-title" className="mb-3 text-xl font-semibold">
          {t("profile")}
        </h2>
        <dl className="grid max-w-2xl grid-cols-1 border-t border-line sm:grid-cols-[10rem_1fr]">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{term}</dt>
              <dd className="border-b border-line px-3 py-2">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="sessions-title" className="mt-8">
        <h2 id="sessions-title" className="mb-2 text-xl font-semibold">
          {t("sessions")}
        </h2>
        <p className="mb-3 max-w-2xl text-ink-muted">
          {t("signOutEverywhereHint")}{" "}
          <Link href="/account/password" className="text-brand-700 underline underline-offset-4">
            {tl("password")}
          </Link>
        </p>
        <form action={signOutEverywhereAction}>
          <Button type="submit" variant="danger">
            {t("signOutEverywhere")}
          </Button>
        </form>
      </section>
    </>
  );
}
