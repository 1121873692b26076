import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import {
  companiesToActFor,
  companyAuthorisations,
  myCompanyStatus,
  myVerificationRequests,
} from "@/lib/accounts/companies";
import { can } from "@/lib/auth/policy";
import { chinaToday } from "@/lib/calendar/china-time";
import { textParam } from "@/lib/http/params";
import { eBusinessLicenceAvailable } from "@/lib/accounts/e-business-licence";
import { AuthoriseAgentForm, EBusinessLicenceForm, VerificationRequestForm } from "./company-forms";
import { acceptAuthorisationAction, revokeAuthorisationAction, switchCompanyAction } from "./actions";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("companies"))("pageTitle") };
}

const DONE = new Set(["verifySubmitted", "authorised", "accepted", "revoked", "switched", "eblEstablished"]);

/** A company agent's company: authorisations offered to them, verification as legal representative, and managing agents. */
export default async function CompanyPage({ searchParams }: Props) {
  const actor = await requirePermission("company.verification.request", "/account/company");
  const params = await searchParams;
  const t = await getTranslations("companies");
  const tAll = await getTranslations();
  const format = await getFormatter();
  const [status, requests, companies] = await Promise.all([
    myCompanyStatus(actor),
    myVerificationRequests(actor),
    companiesToActFor(actor),
  ]);
  const manages =
    actor.companyId !== null && can(actor, "company.authorise", { kind: "company", companyId: actor.companyId });
  const authorisations = manages ? await companyAuthorisations(actor) : [];
  const done = textParam(params.done, 40);
  const error = textParam(params.error, 80);
  const openRequest = requests.some((request) => request.status === "SUBMITTED" || request.status === "CHECKED");
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("pageTitle")}</h1>
      {done && DONE.has(done) && (
        <p role="status" className="mb-4 max-w-2xl rounded border-2 border-ok p-3 font-semibold text-ok">
          {t(done as "authorised")}
        </p>
      )}
      {error?.startsWith("companies.errors.") && (
        <p role="alert" className="mb-4 max-w-2xl rounded border-4 border-accent-600 p-3 font-semibold">
          {tAll(error)}
        </p>
      )}
      <p className="mb-6 max-w-2xl">
        {status.company
          ? t("actingFor", { company: status.company.name, creditCode: status.company.creditCode })
          : t("notAuthorised")}
        {status.company && status.scoped ? ` ${t("scoped")}` : ""}
      </p>

      {companies.length > 1 && (
        <section aria-labelledby="switch-title" className="mb-8">
          <h2 id="switch-title" className="mb-2 text-xl font-semibold">
            {t("switchTitle")}
          </h2>
          <p className="mb-3 max-w-2xl text-ink-muted">{t("switchIntro")}</p>
          <ul className="flex max-w-2xl flex-col gap-3" data-testid="company-switcher">
            {companies.map((company) => (
              <li
                key={company.companyId}
                className="flex flex-wrap items-center justify-between gap-3 rounded border-2 border-line p-3"
              >
                <span>
                  <span className="font-semibold">{company.name}</span>{" "}
                  <span className="text-ink-muted">{company.creditCode}</span>
                </span>
                {company.current ? (
                  <span className="font-semibold text-ok">{t("switchCurrent")}</span>
                ) : (
                  <form action={switchCompanyAction}>
                    <input type="hidden" name="companyId" value={company.companyId} />
                    <Button type="submit" variant="secondary">
                      {t("switchButton")}
                      <span className="sr-only">：{company.name}</span>
                    </Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {status.offers.length > 0 && (
        <section aria-labelledby="offers-title" className="mb-8">
          <h2 id="offers-title" className="mb-3 text-xl font-semibold">
            {t("offersTitle")}
          </h2>
          <ul className="flex max-w-2xl flex-col gap-3">
            {status.offers.map((offer) => (
              <li key={offer.id} className="rounded border-2 border-line p-3">
                <p className="mb-2">
                  {t("offerLine", {
                    company: offer.company,
                    creditCode: offer.creditCode,
                    scope: offer.allItems ? t("offerAllItems") : t("offerSomeItems", { count: offer.itemCount }),
                    from: offer.validFrom,
                    until: offer.validUntil ?? t("noEnd"),
                  })}
                </p>
                <form action={acceptAuthorisationAction}>
                  <input type="hidden" name="id" value={offer.id} />
                  <Button type="submit">
                    {t("accept")}
                    <span className="sr-only">：{offer.company}</span>
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}

      {manages && (
        <section aria-labelledby="authorisations-title" className="mb-8">
          <h2 id="authorisations-title" className="mb-3 text-xl font-semibold">
            {t("authorisationsTitle")}
          </h2>
          <ScrollRegion label={t("authorisationsTable")} className="mb-6">
            <table className="min-w-full border-collapse text-left">
              <thead>
                <tr className="border-b-2 border-ink">
                  {(["holder", "role", "items", "period", "status", "actions"] as const).map((column) => (
                    <th key={column} scope="col" className="px-3 py-2 whitespace-nowrap">
                      {t(`table.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {authorisations.map((row) => (
                  <tr key={row.id} className="border-b border-line align-top">
                    <td className="px-3 py-2 whitespace-nowrap">{row.holder}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {row.representative ? t("representative") : row.mayAuthorise ? t("agentManager") : t("agentRole")}
                    </td>
                    <td className="px-3 py-2">{row.items.length === 0 ? t("allItems") : row.items.join("、")}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {row.validFrom} — {row.validUntil ?? t("noEnd")}
                    </td>
                    <td className="px-3 py-2">
                      {t(`status.${row.status}`)}
                      {row.revokedAt
                        ? `（${format.dateTime(row.revokedAt, { dateStyle: "medium", timeStyle: "short" })}）`
                        : ""}
                    </td>
                    <td className="px-3 py-2">
                      {!row.representative && (row.status === "ACTIVE" || row.status === "OFFERED") && (
                        <form action={revokeAuthorisationAction}>
                          <input type="hidden" name="id" value={row.id} />
                          <Button type="submit" variant="danger">
                            {t("revoke")}
                            <span className="sr-only">：{row.holder}</span>
                          </Button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h3 className="mb-2 text-lg font-semibold">{t("authoriseTitle")}</h3>
          <p className="mb-3 max-w-2xl text-ink-muted">{t("authoriseIntro")}</p>
          <AuthoriseAgentForm today={chinaToday()} />
        </section>
      )}

      {!status.company && (
        <section aria-labelledby="verify-title" className="mb-8">
          <h2 id="verify-title" className="mb-3 text-xl font-semibold">
            {t("verifyTitle")}
          </h2>
          <p className="mb-4 max-w-2xl">{t("verifyIntro")}</p>
          {!openRequest && <VerificationRequestForm />}
        </section>
      )}

      {!status.company && eBusinessLicenceAvailable() && (
        <section aria-labelledby="ebl-title" className="mb-8">
          <h2 id="ebl-title" className="mb-3 text-xl font-semibold">
            {t("eBusinessLicence.title")}
          </h2>
          <p className="mb-4 max-w-2xl">{t("eBusinessLicence.intro")}</p>
          <EBusinessLicenceForm />
        </section>
      )}

      {requests.length > 0 && (
        <section aria-labelledby="requests-title">
          <h2 id="requests-title" className="mb-3 text-xl font-semibold">
            {t("myRequests")}
          </h2>
          <ul className="flex max-w-2xl flex-col gap-2">
            {requests.map((request) => (
              <li key={request.id}>
                {t("requestLine", {
                  company: request.companyName,
                  creditCode: request.creditCode,
                  date: format.dateTime(request.createdAt, { dateStyle: "medium" }),
                  status: t(`status.${request.status}`),
                })}
                {request.status === "REJECTED" && request.reason ? `：${request.reason}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
