import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { getMyCase } from "@/lib/applications/cases";
import { localizedName } from "@/lib/i18n/localized";
import { CaseOutcome } from "./case-outcome";
import { eventTitle } from "@/lib/cases/event-title";
import { WithdrawForm } from "./withdraw-form";

type Props = {
  params: Promise<{ caseNumber: string }>;
  searchParams: Promise<{ withdrawn?: string; resubmitted?: string }>;
};

export async function generateMetadata() {
  return { title: (await getTranslations("applications"))("case.title") };
}

/** One of my cases: status, dates, the supplement request, withdrawal, the timeline and every submission. */
export default async function MyCasePage({ params, searchParams }: Props) {
  const { caseNumber } = await params;
  const { withdrawn, resubmitted } = await searchParams;
  const actor = await requirePermission("portal.account", `/account/applications/${caseNumber}`);
  const [t, locale, format] = await Promise.all([getTranslations("applications"), getLocale(), getFormatter()]);
  const detail = await getMyCase(actor, caseNumber, { locale }).catch(() => notFound());
  const dateTime = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const rows: [string, string][] = [
    [t("case.number"), detail.caseNumber],
    [t("case.item"), detail.item ? localizedName(locale, detail.item) : "—"],
    [t("case.department"), detail.department ? localizedName(locale, detail.department) : "—"],
    [t("case.status"), t(`status.${detail.status}`)],
    [t("case.submittedAt"), dateTime(detail.submittedAt)],
    [t("case.acceptedAt"), detail.acceptedAt ? dateTime(detail.acceptedAt) : t("case.notYet")],
    [
      t("case.dueDate"),
      detail.dueDate
        ? format.dateTime(detail.dueDate, { dateStyle: "long", timeZone: "UTC" })
        : t("case.dueAfterAcceptance"),
    ],
  ];
  return (
    <>
      <Breadcrumbs items={[{ href: "/account/applications", label: t("mine.title") }, { label: detail.caseNumber }]} />
      <h1 className="mb-6 text-2xl font-bold">{t("case.title")}</h1>
      {resubmitted && detail.status === "PRE_REVIEW" && (
        <p role="status" className="mb-6 max-w-2xl rounded border-2 border-ok p-4 font-semibold">
          {t("case.resubmitted", { number: detail.submissions.length })}
        </p>
      )}
      {withdrawn && detail.status === "WITHDRAWN" && (
        <p role="status" className="mb-6 max-w-2xl rounded border-2 border-ok p-4 font-semibold">
          {t("case.withdrawn")}
        </p>
      )}
      <dl className="grid max-w-2xl grid-cols-1 border-t border-line sm:grid-cols-[10rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{term}</dt>
            <dd
              className="border-b border-line px-3 py-2"
              data-testid={term === t("case.status") ? "case-status" : undefined}
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>

      <CaseOutcome detail={detail} />

      {detail.supplement && (
        <section aria-labelledby="supplement-title" className="mt-6 max-w-2xl rounded border-4 border-accent-600 p-4">
          <h2 id="supplement-title" className="text-xl font-semibold">
            {t("supplement.title")}
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {detail.supplement.list.map((entry, index) => (
              <li key={index}>
                {entry.label && <span className="font-semibold">{entry.label}：</span>}
                {entry.note}
              </li>
            ))}
          </ul>
          {detail.supplement.noticeFileId && (
            <p className="mt-2">
              <a
                href={`/files/${detail.supplement.noticeFileId}`}
                className="inline-flex min-h-11 items-center underline underline-offset-4"
              >
                {t("supplement.notice")}
              </a>
            </p>
          )}
          <Link
            href={`/account/applications/${detail.caseNumber}/supplement`}
            className={buttonClass({ className: "mt-3" })}
          >
            {t("supplement.answer")}
          </Link>
        </section>
      )}

      {detail.actions.includes("withdraw") && (
        <section aria-labelledby="withdraw-title" className="mt-6">
          <h2 id="withdraw-title" className="mb-2 text-xl font-semibold">
            {t("case.withdrawTitle")}
          </h2>
          <p className="mb-3 max-w-2xl text-ink-muted">{t("case.withdrawHint")}</p>
          <WithdrawForm caseNumber={detail.caseNumber} version={detail.version} />
        </section>
      )}

      <section aria-labelledby="timeline-title" className="mt-8">
        <h2 id="timeline-title" className="mb-3 text-xl font-semibold">
          {t("case.timeline")}
        </h2>
        <ol className="flex max-w-2xl flex-col gap-2 border-l-4 border-brand-100 pl-4">
          {detail.timeline.map((event, index) => (
            <li key={index}>
              <p className="font-semibold">
                {eventTitle(event, {
                  action: (action) => (t.has(`events.${action}` as never) ? t(`events.${action}` as never) : null),
                  status: (status) => t(`status.${status}` as never),
                  fallback: t("case.eventFallback"),
                })}
              </p>
              <p className="text-sm text-ink-muted">{dateTime(event.at)}</p>
              {event.reason && <p>{event.reason}</p>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="submissions-title" className="mt-8">
        <h2 id="submissions-title" className="mb-3 text-xl font-semibold">
          {t("case.submissions")}
        </h2>
        {detail.submissions.map((submission) => (
          <div key={submission.number} className="mb-3 max-w-2xl rounded border border-line p-3">
            <p className="font-semibold">
              {t("case.submission", { number: submission.number, date: dateTime(submission.createdAt) })}
            </p>
            <ul className="list-disc pl-6">
              {submission.files.map((file) => (
                <li key={file.fileId}>
                  <a href={`/files/${file.fileId}`} className="text-brand-700 underline underline-offset-4">
                    {file.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
