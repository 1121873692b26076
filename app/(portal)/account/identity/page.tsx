import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CARD_CHECK_LEVEL, myIdentityVerifications } from "@/lib/accounts/identity-verification";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { CardCheckForm } from "./card-check-form";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata() {
  return { title: (await getTranslations("account.identity"))("title") };
}

/**
 * 实名核验 (issue 15): the person's assurance level, how they got it, and how to raise it: a card check when the
 * platform has a check service, in person at a counter, or through the unified identity provider.
 */
export default async function IdentityPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("account.identity.check", "/account/identity");
  const status = await myIdentityVerifications(actor);
  const t = await getTranslations("account.identity");
  const tAccount = await getTranslations("account");
  const format = await getFormatter();
  const english = (await getLocale()) === "en";
  const checked = (await searchParams).checked === "1" && status.assuranceLevel >= CARD_CHECK_LEVEL;
  return (
    <>
      <Breadcrumbs items={[{ href: "/account", label: tAccount("title") }, { label: t("title") }]} />
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-2xl text-ink-muted">{t("intro")}</p>
      {checked && (
        <p role="status" className="mb-4 max-w-2xl rounded border-2 border-brand-700 bg-brand-50 p-3 font-semibold">
          {t("done", { level: status.assuranceLevel })}
        </p>
      )}
      <p className="mb-2 text-lg font-semibold" data-testid="assurance-level">
        {t("current", { level: status.assuranceLevel })}
      </p>
      <ul className="mb-8 max-w-2xl list-disc pl-6">
        {(["2", "3", "4"] as const).map((level) => (
          <li key={level}>{t(`levels.${level}`)}</li>
        ))}
      </ul>

      <section aria-labelledby="ways-title" className="mb-8 max-w-2xl">
        <h2 id="ways-title" className="mb-2 text-xl font-semibold">
          {t("waysTitle")}
        </h2>
        <ul className="list-disc pl-6">
          <li>{t("wayCounter")}</li>
          {status.identityProviderAvailable && <li>{t("wayIdentityProvider")}</li>}
        </ul>
      </section>

      <section aria-labelledby="card-title" className="mb-8">
        <h2 id="card-title" className="mb-2 text-xl font-semibold">
          {t("cardTitle")}
        </h2>
        {status.assuranceLevel >= CARD_CHECK_LEVEL ? (
          <p className="max-w-2xl">{t("cardNotNeeded")}</p>
        ) : status.cardCheckAvailable ? (
          <>
            <p className="mb-4 max-w-2xl text-ink-muted">{t("cardIntro")}</p>
            <CardCheckForm />
          </>
        ) : (
          <p className="max-w-2xl">{t("cardUnavailable")}</p>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-2 text-xl font-semibold">
          {t("historyTitle")}
        </h2>
        {status.verifications.length === 0 ? (
          <p>{t("noHistory")}</p>
        ) : (
          <ScrollRegion label={t("historyTitle")} className="max-w-3xl">
            <table className="w-full border-collapse text-left" data-testid="identity-history">
              <thead>
                <tr className="border-b-2 border-line">
                  <th scope="col" className="px-2 py-2">
                    {t("when")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("method")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("level")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("detail")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {status.verifications.map((row) => (
                  <tr key={row.id} className="border-b border-line">
                    <td className="px-2 py-2">
                      {format.dateTime(row.at, { dateStyle: "medium", timeStyle: "short", timeZone: CHINA_TIME_ZONE })}
                    </td>
                    <td className="px-2 py-2">{t(`methods.${row.method}`)}</td>
                    <td className="px-2 py-2">{row.level}</td>
                    <td className="px-2 py-2">
                      {row.department
                        ? t("atDepartment", {
                            department: english ? (row.department.nameEn ?? row.department.name) : row.department.name,
                          })
                        : row.cardType && row.cardLast4
                          ? t("cardEnding", {
                              card: t(`cardTypes.${row.cardType as "BANK_CARD" | "SOCIAL_SECURITY_CARD"}`),
                              last4: row.cardLast4,
                            })
                          : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
