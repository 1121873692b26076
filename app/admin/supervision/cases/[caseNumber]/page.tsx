import { eventTitle } from "@/lib/cases/event-title";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { localizedName } from "@/lib/i18n/localized";
import { getSupervisionCase } from "@/lib/supervision/case-view";
import { NoteForm } from "../../_components/note-form";
import { addNoteAction } from "./actions";

export async function generateMetadata({ params }: Readonly<{ params: Promise<{ caseNumber: string }> }>) {
  return { title: (await getTranslations("supervision.case"))("title", { caseNumber: (await params).caseNumber }) };
}

export default async function SupervisionCase({ params }: Readonly<{ params: Promise<{ caseNumber: string }> }>) {
  const { caseNumber } = await params;
  const actor = await requirePermission("admin.access", `/admin/supervision/cases/${caseNumber}`);
  const locale = await getLocale();
  let detail: Awaited<ReturnType<typeof getSupervisionCase>>;
  try {
    detail = await getSupervisionCase(actor, caseNumber, { locale, ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const t = await getTranslations();
  const eventLabels = {
    action: (action: string) => (t.has(`cases.event.${action}` as never) ? t(`cases.event.${action}` as never) : null),
    status: (status: string) => t(`cases.status.${status}` as never),
    fallback: t("cases.console.eventFallback"),
  };
  const format = await getFormatter();
  const when = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone: CHINA_TIME_ZONE }) : "—");
  const facts: [string, React.ReactNode][] = [
    [t("supervision.case.item"), detail.item?.name ?? "—"],
    [t("supervision.case.department"), detail.department ? localizedName(locale, detail.department) : "—"],
    [t("supervision.case.status"), t(`cases.status.${detail.status}` as "cases.status.SUBMITTED")],
    [t("supervision.case.applicant"), detail.company?.name ?? detail.applicant.name],
    [t("supervision.case.submittedAt"), when(detail.submittedAt)],
    [t("supervision.case.acceptedAt"), when(detail.acceptedAt)],
    [
      t("supervision.case.dueDate"),
      <>
        {detail.deadline.dueDate ?? "—"}
        {detail.deadline.workingDaysUsed !== null && !detail.completedAt && (
          <span className="block text-sm">{t("supervision.case.workingDays", { used: detail.deadline.workingDaysUsed, left: detail.deadline.workingDaysRemaining ?? 0 })}</span>
        )}
        {detail.warning !== "GREEN" && !detail.completedAt && <span className="block font-semibold text-accent-600">{t(`cases.warning.${detail.warning}` as "cases.warning.RED")}</span>}
      </>,
    ],
    [t("supervision.case.completedAt"), when(detail.completedAt)],
  ];

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("supervision.case.title", { caseNumber: detail.caseNumber })}</h1>
      <p className="mb-4 rounded border-2 border-line bg-surface p-2">{t("supervision.case.readOnly")}</p>

      <section aria-labelledby="facts" className="mb-6">
        <h2 id="facts" className="mb-2 text-xl font-bold">
          {t("supervision.case.facts")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-semibold">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="supervision" className="mb-6">
        <h2 id="supervision" className="mb-2 text-xl font-bold">
          {t("supervision.case.supervision")}
        </h2>
        {detail.thread.length === 0 ? (
          <p>{t("supervision.case.noSupervision")}</p>
        ) : (
          <ol className="mb-4 flex flex-col gap-3">
            {detail.thread.map((entry) => (
              <li key={entry.id} className="rounded border-2 border-line p-3">
                <p className="font-semibold">{entry.kind === "comment" ? t("supervision.case.comment") : t("supervision.case.request")}</p>
                <p className="text-sm text-ink-muted">{t("supervision.case.by", { name: entry.authorName ?? "—", time: when(entry.at) })}</p>
                <p className="mt-1 whitespace-pre-wrap">{entry.text}</p>
                {entry.kind === "request" &&
                  (entry.answer ? (
                    <div className="mt-2 border-l-4 border-brand-700 pl-3">
                      <p className="font-semibold">{t("supervision.case.answer")}</p>
                      <p className="text-sm text-ink-muted">{t("supervision.case.by", { name: entry.answer.authorName ?? "—", time: when(entry.answer.at) })}</p>
                      <p className="mt-1 whitespace-pre-wrap">{entry.answer.text}</p>
                    </div>
                  ) : (
                    <p className="mt-2 font-semibold">{t("supervision.case.awaiting")}</p>
                  ))}
              </li>
            ))}
          </ol>
        )}
        {detail.canComment && (
          <div className="rounded border-2 border-ink-muted p-3">
            <h3 className="mb-2 text-lg font-bold">{t("supervision.case.addTitle")}</h3>
            <NoteForm
              action={addNoteAction}
              hidden={{ caseNumber: detail.caseNumber }}
              idPrefix="note"
              textLabel={t("supervision.case.text")}
              submitLabel={t("supervision.case.submit")}
              savedMessage={t("supervision.case.saved")}
              kinds={{
                legend: t("supervision.case.kind"),
                options: [
                  { value: "comment", label: t("supervision.case.kindComment") },
                  { value: "request", label: t("supervision.case.kindRequest") },
                ],
              }}
            />
          </div>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline" className="mb-2 text-xl font-bold">
          {t("supervision.case.timeline")}
        </h2>
        <ol className="flex flex-col gap-2">
          {detail.timeline.map((event) => (
            <li key={event.id} className="border-l-4 border-line pl-3">
              <p>
                <span className="font-semibold">{when(event.at)}</span> {eventTitle(event, eventLabels)}
                {!event.visibleToApplicant && <span className="ml-2 rounded bg-surface px-1 text-sm">{t("supervision.case.internal")}</span>}
              </p>
              {event.actorName && <p className="text-sm text-ink-muted">{event.actorName}</p>}
              {event.reason && <p className="whitespace-pre-wrap">{event.reason}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
