import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button, buttonClass } from "@/components/ui/button";
import { listMyApplications } from "@/lib/applications/drafts";
import { isStatusIn, RESULT_STATUSES } from "@/lib/cases/state-machine";
import { localizedName } from "@/lib/i18n/localized";
import { discardFromListAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("mine.title") };
}

/** My applications: drafts (with when they expire and when the reminder is due) and submitted cases. */
export default async function MyApplicationsPage() {
  const actor = await requirePermission("portal.account", "/account/applications");
  const [{ drafts, cases }, t, locale, format] = await Promise.all([
    listMyApplications(actor),
    getTranslations("applications"),
    getLocale(),
    getFormatter(),
  ]);
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("mine.title")}</h1>
      <p className="mb-6 flex flex-wrap gap-4">
        <Link href="/account/locker" className="text-brand-700 underline underline-offset-4">
          {t("locker.title")}
        </Link>
        <Link href="/account/bookings" className="text-brand-700 underline underline-offset-4">
          {t("mine.bookings")}
        </Link>
      </p>
      <section aria-labelledby="drafts-title" className="mb-8">
        <h2 id="drafts-title" className="mb-3 text-xl font-semibold">
          {t("mine.drafts")}
        </h2>
        {drafts.length === 0 ? (
          <p className="text-ink-muted">{t("mine.noDrafts")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {drafts.map((draft) => (
              <li key={draft.id} className="rounded border border-line p-4">
                <p className="font-semibold">{localizedName(locale, draft.item)}</p>
                <p className="text-sm text-ink-muted">
                  {t("mine.savedAt", { date: date(draft.updatedAt) })} ·{" "}
                  {t("mine.expiresAt", { date: date(draft.expiresAt) })}
                </p>
                {draft.expiringSoon && (
                  <p className="mt-1 font-semibold text-accent-600">
                    <span aria-hidden="true">⚠ </span>
                    {t("mine.expiringSoon", { date: date(draft.expiresAt) })}
                  </p>
                )}
                <div className="mt-2 flex flex-wrap gap-3">
                  <Link
                    href={`/items/${encodeURIComponent(draft.item.implementationCode)}/apply`}
                    className={buttonClass()}
                  >
                    {t("mine.continue")}
                    <span className="sr-only">：{localizedName(locale, draft.item)}</span>
                  </Link>
                  {/* A disclosure, not one click: deleting a draft loses what was typed (works without JavaScript). */}
                  <details className="group">
                    <summary className={buttonClass({ variant: "danger", className: "cursor-pointer" })}>
                      {t("mine.discard")}
                      <span className="sr-only">：{localizedName(locale, draft.item)}</span>
                    </summary>
                    <form
                      action={discardFromListAction}
                      className="mt-2 flex max-w-md flex-col gap-2 rounded border-2 border-accent-600 p-3"
                    >
                      <input type="hidden" name="applicationId" value={draft.id} />
                      <p>{t("mine.discardConsequence")}</p>
                      <label className="flex min-h-11 items-center gap-2 font-semibold">
                        <input type="checkbox" name="confirm" value="yes" required className="size-5" />
                        {t("mine.discardConfirm")}
                      </label>
                      <Button type="submit" variant="accent" className="self-start">
                        {t("mine.discardNow")}
                        <span className="sr-only">：{localizedName(locale, draft.item)}</span>
                      </Button>
                    </form>
                  </details>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cases-title">
        <h2 id="cases-title" className="mb-3 text-xl font-semibold">
          {t("mine.cases")}
        </h2>
        {cases.length === 0 ? (
          <p className="text-ink-muted">{t("mine.noCases")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {cases.map((row) => (
              <li key={row.caseNumber} className="rounded border border-line p-4">
                <Link
                  href={`/account/applications/${row.caseNumber}`}
                  className="font-semibold text-brand-700 underline underline-offset-4"
                >
                  {localizedName(locale, row.item)}
                </Link>
                <p className="text-sm">
                  {t("mine.caseNumber")} {row.caseNumber} · {t(`status.${row.status}`)} ·{" "}
                  {t("mine.submittedAt", { date: date(row.submittedAt) })}
                </p>
                {row.status === "SUPPLEMENT_REQUESTED" && (
                  <p className="mt-1 font-semibold text-accent-600">{t("mine.supplementNeeded")}</p>
                )}
                {isStatusIn(RESULT_STATUSES, row.status) && (
                  <p className="mt-1 font-semibold text-ok">{t("mine.resultReady")}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
