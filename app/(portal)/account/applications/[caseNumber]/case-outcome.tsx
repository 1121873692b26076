import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import type { MyCase } from "@/lib/applications/cases";

/**
 * 办理结果 on the applicant's case page: the certificate or refusal notice to download, how it was delivered, and
 * the rating, as soon as each exists (the completion notice sends people here).
 */
export async function CaseOutcome({ detail }: { detail: MyCase }) {
  if (!detail.result && !detail.notice && !detail.rating) return null;
  const [t, tf, format] = await Promise.all([
    getTranslations("applications.case"),
    getTranslations("feedback"),
    getFormatter(),
  ]);
  const day = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  const { result, notice, delivery, rating } = detail;
  return (
    <section
      aria-labelledby="outcome-title"
      data-testid="case-outcome"
      className="mt-6 max-w-2xl rounded border-4 border-brand-700 p-4"
    >
      <h2 id="outcome-title" className="mb-3 text-xl font-semibold">
        {t("outcomeTitle")}
      </h2>
      {result && (
        <>
          <p className="mb-2 font-semibold">{t("resultIssued", { name: result.name })}</p>
          <dl className="mb-3 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[9rem_1fr]">
            <dt className="text-ink-muted">{t("resultNumber")}</dt>
            <dd className="font-mono break-all">{result.number}</dd>
            <dt className="text-ink-muted">{t("resultHolder")}</dt>
            <dd data-testid="result-holder">{result.holderName}</dd>
            {result.holderCode && (
              <>
                <dt className="text-ink-muted">{t("resultHolderCode")}</dt>
                <dd className="font-mono">{result.holderCode}</dd>
              </>
            )}
            <dt className="text-ink-muted">{t("resultIssuedOn")}</dt>
            <dd>{result.issuedOn}</dd>
            <dt className="text-ink-muted">{t("resultStatus")}</dt>
            <dd>{t(`resultStatus${result.status}`)}</dd>
          </dl>
          <div className="flex flex-wrap gap-3">
            {result.fileId && (
              <a href={`/files/${result.fileId}`} className={buttonClass()}>
                {t("downloadResult")}
              </a>
            )}
            <Link href={result.verifyPath} className={buttonClass({ variant: "secondary" })}>
              {t("verifyResult")}
            </Link>
          </div>
          <p className="mt-2 text-sm text-ink-muted">
            {t("resultInLocker")}{" "}
            <Link href="/account/locker" className="text-brand-700 underline underline-offset-4">
              {(await getTranslations("applications.locker"))("title")}
            </Link>
          </p>
        </>
      )}
      {notice && (
        <p className="mb-3">
          <a href={`/files/${notice.fileId}`} className={buttonClass()}>
            {t("downloadNotice", { title: t(`noticeTitle_${notice.action}`) })}
          </a>
        </p>
      )}
      {result && (
        <div className="mt-4">
          <h3 className="font-semibold">{t("deliveryTitle")}</h3>
          <p data-testid="delivery-status">
            {delivery?.method
              ? t(`delivery${delivery.method as "DOWNLOAD" | "POST" | "WINDOW_PICKUP"}`, {
                  date: day(delivery.at),
                  trackingNumber: delivery.trackingNumber ?? "—",
                })
              : t("deliveryPending")}
          </p>
        </div>
      )}
      {rating && (
        <div className="mt-4 border-t border-line pt-3">
          <h3 className="font-semibold">{t("rateTitle")}</h3>
          {rating.level === null ? (
            <>
              <p className="mb-2 text-ink-muted">{t("rateInvite")}</p>
              <Link href={rating.path} className={buttonClass()} data-testid="rate-case">
                {t("rateNow")}
              </Link>
            </>
          ) : (
            <p>
              {t("rated", { level: tf(`levels.${rating.level}` as never) })}{" "}
              <Link href={rating.path} className="text-brand-700 underline underline-offset-4">
                {t("changeRating")}
              </Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
