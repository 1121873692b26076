import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { buttonClass } from "@/components/ui/button";
import { listMyEvaluations } from "@/lib/evaluation/evaluations";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.evaluations"))("title") };
}

const rateHref = (kind: string, ref: string) =>
  `/account/evaluations/rate/${kind.toLowerCase()}/${encodeURIComponent(ref)}`;

/** 我的评价: what waits for a rating, and the ratings given with the department's replies. */
export default async function MyEvaluationsPage() {
  const actor = await requirePermission("portal.account", "/account/evaluations");
  const { waiting, given } = await listMyEvaluations(actor);
  const t = await getTranslations("feedback");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("evaluations.title")}</h1>
      <section aria-labelledby="waiting-title" className="mb-8">
        <h2 id="waiting-title" className="mb-2 text-xl font-semibold">
          {t("evaluations.waiting")}
        </h2>
        {waiting.length === 0 ? (
          <p>{t("evaluations.noneWaiting")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {waiting.map((entry) => (
              <li
                key={`${entry.kind}-${entry.ref}`}
                className="flex flex-wrap items-center justify-between gap-2 rounded border-2 border-line p-3"
              >
                <span>
                  <span className="mr-2 text-sm text-ink-muted">{t(`kinds.${entry.kind}`)}</span>
                  <span className="font-mono">{entry.label}</span>{" "}
                  {entry.item ? `· ${localizedName(locale, entry.item)}` : ""}
                </span>
                <Link href={rateHref(entry.kind, entry.ref)} className={buttonClass()}>
                  {t("evaluations.rate")}
                  <span className="sr-only">：{entry.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="given-title">
        <h2 id="given-title" className="mb-2 text-xl font-semibold">
          {t("evaluations.given")}
        </h2>
        {given.length === 0 ? (
          <p>{t("evaluations.noneGiven")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {given.map((entry) => (
              <li key={entry.id} className="rounded border-2 border-line p-3">
                <p>
                  <span className="mr-2 text-sm text-ink-muted">{t(`kinds.${entry.kind}`)}</span>
                  {entry.item ? localizedName(locale, entry.item) : entry.ref} ·{" "}
                  <strong>{t(`levels.${entry.level}`)}</strong> ·{" "}
                  {format.dateTime(entry.createdAt, { dateStyle: "medium" })}
                </p>
                {entry.rectification && (
                  <p className="mt-1">
                    {t(`rectificationStatus.${entry.rectification.reply ? entry.rectification.status : "OPEN"}`)}
                  </p>
                )}
                <Link
                  href={rateHref(entry.kind, entry.ref)}
                  className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                >
                  {t("evaluations.view")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
