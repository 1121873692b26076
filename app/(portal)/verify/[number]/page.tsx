import { getTranslations } from "next-intl/server";
import { verifyLicence } from "@/lib/results/issue";
import { VerifyForm } from "../verify-form";

export async function generateMetadata() {
  return { title: (await getTranslations("cases.verify"))("title"), robots: { index: false } };
}

/**
 * What the certificate states and whether it is valid, revoked or expired; nothing else (no ID numbers, no case).
 * A wrong check code looks exactly like an unknown number.
 */
export default async function VerifyResult({ params, searchParams }: Readonly<{ params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const t = await getTranslations("cases.verify");
  const number = decodeURIComponent((await params).number).slice(0, 64);
  const rawCode = (await searchParams).code;
  const code = typeof rawCode === "string" ? rawCode.slice(0, 16) : "";
  const result = await verifyLicence(number, code);
  const statusClass = result.found && result.status === "VALID" ? "border-ok" : "border-accent-600";
  return (
    <>
      <VerifyForm title={t("title")} intro={t("intro")} labels={{ number: t("number"), code: t("code"), check: t("check") }} number={number} code={code} />
      <section aria-live="polite" className={`mt-6 max-w-xl rounded border-4 p-4 ${statusClass}`}>
        {!result.found ? (
          <p className="font-semibold">{t("notFound")}</p>
        ) : (
          <>
            <p className="mb-3 text-lg font-bold">{t(result.status, { date: result.revokedAt ?? "" })}</p>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
              <dt className="font-semibold">{t("name")}</dt>
              <dd>{result.name}</dd>
              <dt className="font-semibold">{t("number")}</dt>
              <dd className="font-mono break-all">{result.number}</dd>
              <dt className="font-semibold">{t("holder")}</dt>
              <dd>{result.holderName}</dd>
              <dt className="font-semibold">{t("issuer")}</dt>
              <dd>{result.issuerName}</dd>
              <dt className="font-semibold">{t("issuedAt")}</dt>
              <dd>{result.issuedAt}</dd>
              <dt className="font-semibold">{t("expiresAt")}</dt>
              <dd>{result.expiresAt ?? t("noExpiry")}</dd>
            </dl>
          </>
        )}
      </section>
    </>
  );
}
