import { eventTitle } from "@/lib/cases/event-title";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { can } from "@/lib/auth/policy";
import { CHINA_TIME_ZONE, dateColumnToIso } from "@/lib/calendar/china-time";
import { isAppError } from "@/lib/errors";
import { isBadLevel } from "@/lib/evaluation/schemas";
import { clientIpFrom } from "@/lib/http/client-ip";
import { localizedName } from "@/lib/i18n/localized";
import { getSupervisionCase } from "@/lib/supervision/case-view";
import { NoteForm } from "../../../../../components/supervision/note-form";
import { SupplementApprovalList } from "@/components/supervision/supplement-approvals";
import { supplementApprovalsOf } from "@/lib/cases/supplement-approval";
import { addNoteAction, decideSupplementAction } from "./actions";

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
  const when = (value: Date | null) =>
    value ? format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone: CHINA_TIME_ZONE }) : "—";
  const day = (value: Date | null) =>
    value ? format.dateTime(value, { dateStyle: "medium", timeZone: CHINA_TIME_ZONE }) : "—";
  const canReview = can(actor, "rectification.review");
  const { approvals: supplementApprovals } = await supplementApprovalsOf(actor, detail.caseNumber);
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
          <span className="block text-sm">
            {t("supervision.case.workingDays", {
              used: detail.deadline.workingDaysUsed,
              left: detail.deadline.workingDaysRemaining ?? 0,
            })}
          </span>
        )}
        {detail.warning !== "GREEN" && !detail.completedAt && (
          <span className="block font-semibold text-accent-600">
            {t(`cases.warning.${detail.warning}` as "cases.warning.RED")}
          </span>
        )}
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

      {supplementApprovals.length > 0 && (
        <section aria-labelledby="supplement-approvals" className="mb-6">
          <h2 id="supplement-approvals" className="mb-2 text-xl font-bold">
            {t("cases.supplementApproval.title")}
          </h2>
          <p className="mb-2 max-w-3xl text-ink-muted">{t("cases.supplementApproval.decideIntro")}</p>
          <SupplementApprovalList
            approvals={supplementApprovals}
            decide={(approval) => (
              <div className="mt-2">
                <NoteForm
                  action={decideSupplementAction}
                  hidden={{ caseNumber: detail.caseNumber, approvalId: approval.id }}
                  idPrefix={`decide-${approval.id}`}
                  textLabel={t("cases.supplementApproval.note")}
                  submitLabel={t("cases.supplementApproval.decide")}
                  savedMessage={t("cases.supplementApproval.decided")}
                  kinds={{
                    legend: t("cases.supplementApproval.decision"),
                    options: [
                      { value: "APPROVE", label: t("cases.supplementApproval.approve") },
                      { value: "REFUSE", label: t("cases.supplementApproval.refuse") },
                    ],
                  }}
                />
              </div>
            )}
          />
        </section>
      )}

      <section aria-labelledby="ratings" className="mb-6">
        <h2 id="ratings" className="mb-2 text-xl font-bold">
          {t("supervision.case.ratings")}
        </h2>
        {detail.ratings.length === 0 ? (
          <p>{t("supervision.case.noRatings")}</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {detail.ratings.map((rating) => {
              const rectification = rating.rectification;
              const open = rectification && (rectification.status === "OPEN" || rectification.status === "REOPENED");
              const ratingFacts: [string, React.ReactNode][] = [
                [
                  t("feedback.console.about"),
                  `${t(`feedback.kinds.${rating.touchpointKind}`)}${rating.reference ? `：${rating.reference}` : ""}`,
                ],
                [t("supervision.case.ratedAt"), when(rating.ratedAt)],
                [
                  t("feedback.rectify.applicant"),
                  [rating.raterName, rating.raterPhone].filter(Boolean).join(" ") || "—",
                ],
                [
                  t("supervision.case.tags"),
                  rating.tags.length
                    ? rating.tags
                        .map((tag) =>
                          t.has(`feedback.tags.${tag}` as never) ? t(`feedback.tags.${tag}` as never) : tag,
                        )
                        .join("、")
                    : "—",
                ],
                [
                  t("feedback.rectify.comment"),
                  <span key="comment" className="whitespace-pre-wrap">
                    {rating.comment ?? t("feedback.rectify.noComment")}
                  </span>,
                ],
              ];
              const rectificationFacts: [string, React.ReactNode][] = rectification
                ? [
                    [
                      t("supervision.case.rectificationStatus"),
                      <>
                        {t(`supervision.dashboard.rectificationStatus.${rectification.status}`)}
                        {open && rectification.warning !== "GREEN" && (
                          <span className="block font-semibold text-accent-600">
                            {t(`feedback.warning.${rectification.warning}`)}
                          </span>
                        )}
                      </>,
                    ],
                    [t("supervision.case.rectificationDue"), dateColumnToIso(rectification.dueDate)],
                    [t("feedback.rectify.contactedAt"), day(rectification.contactedAt)],
                    [
                      t("feedback.rectify.outcome"),
                      <span key="outcome" className="whitespace-pre-wrap">
                        {rectification.outcome ?? "—"}
                      </span>,
                    ],
                    [
                      t("supervision.case.reply"),
                      rectification.reply ? (
                        <>
                          <span className="whitespace-pre-wrap">{rectification.reply}</span>
                          <span className="block text-sm text-ink-muted">{when(rectification.repliedAt)}</span>
                        </>
                      ) : (
                        t("supervision.case.notReplied")
                      ),
                    ],
                    ...(rectification.appeal
                      ? [
                          [
                            t("feedback.rectify.appeal"),
                            <span key="appeal" className="whitespace-pre-wrap">
                              {rectification.appeal}
                            </span>,
                          ] as [string, React.ReactNode],
                        ]
                      : []),
                    [
                      t("feedback.rectify.reviewNote"),
                      rectification.reviewedAt ? (
                        <>
                          <span className="whitespace-pre-wrap">
                            {rectification.reviewNote ?? t("feedback.rectify.noComment")}
                          </span>
                          <span className="block text-sm text-ink-muted">{when(rectification.reviewedAt)}</span>
                        </>
                      ) : (
                        t("supervision.case.notReviewed")
                      ),
                    ],
                  ]
                : [];
              return (
                <li
                  key={rating.id}
                  className={`rounded border-2 p-3 ${isBadLevel(rating.level) ? "border-accent-600" : "border-line"}`}
                >
                  <h3 className="mb-2 text-lg font-bold">
                    {t(`feedback.levels.${rating.level}` as "feedback.levels.1")} ·{" "}
                    {t(`feedback.kinds.${rating.touchpointKind}`)}
                  </h3>
                  <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
                    {ratingFacts.map(([label, value]) => (
                      <div key={label} className="contents">
                        <dt className="font-semibold">{label}</dt>
                        <dd className="[overflow-wrap:anywhere]">{value}</dd>
                      </div>
                    ))}
                  </dl>
                  {rectification && (
                    <>
                      <h4 className="mt-3 mb-1 font-bold">{t("feedback.rectify.title")}</h4>
                      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
                        {rectificationFacts.map(([label, value]) => (
                          <div key={label} className="contents">
                            <dt className="font-semibold">{label}</dt>
                            <dd className="[overflow-wrap:anywhere]">{value}</dd>
                          </div>
                        ))}
                      </dl>
                      {canReview && (rectification.status === "REPLIED" || rectification.status === "APPEALED") && (
                        <p className="mt-2">
                          <Link
                            href={`/admin/supervision/rectifications#rectification-${rectification.id}`}
                            className="font-semibold text-brand-700 underline underline-offset-4"
                          >
                            {t("supervision.case.review")}
                          </Link>
                        </p>
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        )}
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
                <p className="font-semibold">
                  {entry.kind === "comment" ? t("supervision.case.comment") : t("supervision.case.request")}
                </p>
                <p className="text-sm text-ink-muted">
                  {t("supervision.case.by", { name: entry.authorName ?? "—", time: when(entry.at) })}
                </p>
                <p className="mt-1 whitespace-pre-wrap">{entry.text}</p>
                {entry.kind === "request" &&
                  (entry.answer ? (
                    <div className="mt-2 border-l-4 border-brand-700 pl-3">
                      <p className="font-semibold">{t("supervision.case.answer")}</p>
                      <p className="text-sm text-ink-muted">
                        {t("supervision.case.by", {
                          name: entry.answer.authorName ?? "—",
                          time: when(entry.answer.at),
                        })}
                      </p>
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
                {!event.visibleToApplicant && (
                  <span className="ml-2 rounded bg-surface px-1 text-sm">{t("supervision.case.internal")}</span>
                )}
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
