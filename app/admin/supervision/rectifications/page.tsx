import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/form/action-form";
import { requirePermission } from "@/app/_lib/guard";
import { listForReview } from "@/lib/evaluation/rectifications";
import { localizedName } from "@/lib/i18n/localized";
import { reviewAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.review"))("title") };
}

/** 差评整改审核 (supervisors): replies and appeals to accept or reopen, and overdue tasks of every department. */
export default async function SupervisionRectificationsPage() {
  const actor = await requirePermission("rectification.review", "/admin/supervision/rectifications");
  const { toReview, overdue, toReviewTotal, overdueTotal } = await listForReview(actor);
  const t = await getTranslations("feedback");
  const ts = await getTranslations("supervision.rectifications");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("review.title")}</h1>
      <section aria-labelledby="review-list" className="mb-8">
        <h2 id="review-list" className="mb-2 text-xl font-semibold">
          {t("review.waiting")} ({toReviewTotal})
        </h2>
        {toReview.length === 0 && <p>{t("console.none")}</p>}
        {toReview.length < toReviewTotal && (
          <p className="mb-2">{ts("shownFirst", { total: toReviewTotal, shown: toReview.length })}</p>
        )}
        <ol className="flex flex-col gap-4">
          {toReview.map((row) => (
            <li
              key={row.id}
              id={`rectification-${row.id}`}
              data-testid="review-entry"
              className="rounded border-2 border-line p-4"
            >
              <p className="font-semibold">
                {row.department ? localizedName(locale, row.department) : ""} · {t(`levels.${row.level}`)} ·{" "}
                {t(`rectificationStatus.${row.status}`)}
              </p>
              <p className="text-sm">
                {row.caseNumber ?? t(`kinds.${row.touchpointKind}`)}
                {row.item ? ` · ${localizedName(locale, row.item)}` : ""} · {row.applicantName}{" "}
                {row.applicantPhone ?? ""}
              </p>
              <dl className="mt-2 grid grid-cols-1 gap-x-3 sm:grid-cols-[8rem_1fr]">
                <dt className="font-semibold">{t("rectify.comment")}</dt>
                <dd>{row.comment ?? t("rectify.noComment")}</dd>
                <dt className="font-semibold">{t("rectify.contactedAt")}</dt>
                <dd>{row.contactedAt ? format.dateTime(row.contactedAt, { dateStyle: "medium" }) : ""}</dd>
                <dt className="font-semibold">{t("rectify.outcome")}</dt>
                <dd className="whitespace-pre-line">{row.outcome}</dd>
                <dt className="font-semibold">{t("rectify.reply")}</dt>
                <dd className="whitespace-pre-line">{row.reply}</dd>
                {row.appeal && (
                  <>
                    <dt className="font-semibold">{t("rectify.appeal")}</dt>
                    <dd className="whitespace-pre-line">{row.appeal}</dd>
                  </>
                )}
              </dl>
              <div className="mt-3">
                <ActionForm
                  id={`review-${row.id}`}
                  action={reviewAction}
                  hidden={{ id: row.id }}
                  fields={[
                    {
                      name: "decision",
                      label: t("review.decision"),
                      type: "radio",
                      required: true,
                      options: [
                        { value: "accept", label: t("review.accept") },
                        { value: "reopen", label: t("review.reopen") },
                      ],
                    },
                    {
                      name: "note",
                      label: t("review.note"),
                      hint: t("review.noteHint"),
                      type: "textarea",
                      maxLength: 1000,
                    },
                  ]}
                  initial={{}}
                  submitLabel={t("review.submit")}
                />
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="overdue-list">
        <h2 id="overdue-list" className="mb-2 text-xl font-semibold">
          {t("review.overdue")} ({overdueTotal})
        </h2>
        {overdue.length < overdueTotal && (
          <p className="mb-2">{ts("shownFirst", { total: overdueTotal, shown: overdue.length })}</p>
        )}
        {overdue.length === 0 ? (
          <p>{t("console.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {overdue.map((row) => (
              <li key={row.id} className="rounded border-2 border-accent-600 p-3">
                {row.department ? localizedName(locale, row.department) : ""} · {t(`levels.${row.level}`)} ·{" "}
                {t("console.dueDate")} {format.dateTime(row.dueDate, { dateStyle: "medium", timeZone: "UTC" })} ·{" "}
                {t("warning.RED")}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
