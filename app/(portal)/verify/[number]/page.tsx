import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { pathSegment, textParam } from "@/lib/http/params";
import { type LicenceCheck, verifyLicence } from "@/lib/results/issue";
import { publishedKeys } from "@/lib/results/signing";
import { SignatureCheck } from "../signature-check";
import { VerifyForm } from "../verify-form";

export async function generateMetadata() {
  return { title: (await getTranslations("cases.verify"))("title"), robots: { index: false } };
}

/**
 * What the certificate states and whether it is valid, revoked or expired; nothing else (no ID numbers, no case).
 * A wrong check code looks exactly like an unknown number. Guesses are limited per address and per licence number
 * (lib/results/issue.ts); over a limit the page says when to try again, whatever the code.
 *
 * The number comes from the path, which Next.js hands pages percent-encoded; it is decoded with `pathSegment`,
 * which answers a sequence that is not UTF-8 like an unknown number instead of throwing (a 500 before).
 */
export default async function VerifyResult({
  params,
  searchParams,
}: Readonly<{
  params: Promise<{ number: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}>) {
  const t = await getTranslations("cases.verify");
  const rawNumber = pathSegment((await params).number) ?? "";
  const rawCode = (await searchParams).code;
  let result: LicenceCheck | { throttled: number };
  try {
    result = await verifyLicence(
      { number: rawNumber, code: typeof rawCode === "string" ? rawCode : "" },
      { ip: clientIpFrom(await headers()) },
    );
  } catch (error) {
    if (!isAppError(error) || error.code !== "THROTTLED") throw error;
    result = { throttled: Math.max(1, Math.ceil((error.details.retryAfterSeconds ?? 60) / 60)) };
  }
  const keys = await publishedKeys();
  const statusClass =
    "found" in result && result.found && result.status === "VALID" ? "border-ok" : "border-accent-600";
  return (
    <>
      <VerifyForm
        title={t("title")}
        intro={t("intro")}
        labels={{ number: t("number"), code: t("code"), check: t("check") }}
        number={textParam(rawNumber, 64)}
        code={textParam(rawCode, 16)}
      />
      <section aria-live="polite" className={`mt-6 max-w-xl rounded border-4 p-4 ${statusClass}`}>
        {"throttled" in result ? (
          <p className="font-semibold">{t("throttled", { minutes: result.throttled })}</p>
        ) : !result.found ? (
          <p className="font-semibold">{t("notFound")}</p>
        ) : (
          <>
            <p className="mb-3 text-lg font-bold">{t(result.status, { date: result.revokedAt ?? "" })}</p>
            {result.revocationReason && (
              <p className="mb-3 break-words" data-testid="revocation-reason">
                {t("revocationReason", { reason: result.revocationReason })}
              </p>
            )}
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
              <dt className="font-semibold">{t("name")}</dt>
              <dd>{result.name}</dd>
              <dt className="font-semibold">{t("number")}</dt>
              <dd className="font-mono break-all">{result.number}</dd>
              <dt className="font-semibold">{t("holder")}</dt>
              <dd>{result.holderName}</dd>
              {result.holderCode && (
                <>
                  <dt className="font-semibold">{t("holderCode")}</dt>
                  <dd className="font-mono">{result.holderCode}</dd>
                </>
              )}
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
      <SignatureCheck
        keys={keys}
        number={textParam(rawNumber, 64)}
        labels={{
          title: t("signature.title"),
          none: t("signature.none"),
          checking: t("signature.checking"),
          valid: t("signature.valid"),
          badSignature: t("signature.badSignature"),
          unknownKey: t("signature.unknownKey"),
          malformed: t("signature.malformed"),
          unsupported: t("signature.unsupported"),
          otherNumber: t("signature.otherNumber"),
          signedFacts: t("signature.signedFacts"),
          fields: {
            n: t("number"),
            t: t("name"),
            h: t("holder"),
            hc: t("holderCode"),
            i: t("issuer"),
            d: t("issuedAt"),
            e: t("expiresAt"),
            key: t("signature.key"),
          },
          noExpiry: t("noExpiry"),
        }}
      />
    </>
  );
}
