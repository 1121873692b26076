import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { findAccountProfile } from "@/lib/accounts/profile";
import { unreadCount } from "@/lib/notifications/inbox";
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
  const tf = await getTranslations("feedback.nav");
  const unread = await unreadCount(actor);
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
      <nav aria-label={tf("accountLinks")} className="mb-6">
        <ul className="flex flex-wrap gap-3">
          {(["inbox", "evaluations", "consultations", "notifications"] as const).map((key) => (
            <li key={key}>
              <Link href={`/account/${key}`} className="inline-flex min-h-11 items-center rounded border-2 border-brand-700 px-4 font-semibold text-brand-700">
                {tf(key)}
                {key === "inbox" && unread > 0 ? `（${unread}）` : ""}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/account/access-log" className="inline-flex min-h-11 items-center rounded border-2 border-brand-700 px-4 font-semibold text-brand-700">
              {(await getTranslations("readLog"))("navLink")}
            </Link>
          </li>
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
        <p className="mb-3 max-w-2xl text-ink-muted">{t("signOutEverywhereHint")}</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="min-h-11 rounded border-2 border-accent-600 px-4 font-semibold text-accent-600">
            {t("signOutEverywhere")}
          </button>
        </form>
      </section>
    </>
  );
}
