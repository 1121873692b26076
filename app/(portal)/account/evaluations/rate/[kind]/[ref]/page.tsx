import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { getMyEvaluation } from "@/lib/evaluation/evaluations";
import { ALL_TAGS, BAD_TAGS, LEVELS } from "@/lib/evaluation/schemas";
import { isAppError } from "@/lib/errors";
import { isId, pathSegment } from "@/lib/http/params";
import { ActionForm } from "../../../../../../../components/form/action-form";
import { appealAction, rateAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.rate"))("title") };
}

const KINDS = { case: "CASE", booking: "BOOKING", consultation: "CONSULTATION" } as const;

/** 评价: the five levels, tags and a comment; the current rating, the department's reply and the appeal. */
export default async function RatePage({ params }: Readonly<{ params: Promise<{ kind: string; ref: string }> }>) {
  const { kind: rawKind, ref: rawRef } = await params;
  // A case number or a booking's or consultation's id; anything else names nothing (and is never queried).
  const ref = pathSegment(rawRef);
  const kind = KINDS[rawKind as keyof typeof KINDS];
  if (!kind || !(isId("caseNumber", ref) || isId("uuid", ref))) notFound();
  const actor = await requirePermission(
    "portal.account",
    `/account/evaluations/rate/${rawKind}/${encodeURIComponent(ref)}`,
  );
  let data;
  try {
    data = await getMyEvaluation(actor, kind, ref);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const t = await getTranslations("feedback");
  const format = await getFormatter();
  const { touchpoint, evaluation } = data;
  const rectification = evaluation?.rectification ?? null;
  const badTags = BAD_TAGS as readonly string[];
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("rate.title")}</h1>
      <p className="mb-4">
        {t(`kinds.${kind}`)}：<span className="font-mono">{touchpoint.label}</span>
      </p>
      {rectification && (
        <section aria-labelledby="reply-title" className="mb-6 max-w-2xl rounded border-4 border-brand-700 p-4">
          <h2 id="reply-title" className="mb-2 text-xl font-semibold">
            {t("rate.replyTitle")}
          </h2>
          {rectification.reply ? (
            <>
              <p data-testid="rectification-reply" className="whitespace-pre-line">
                {rectification.reply}
              </p>
              <p className="mt-2 text-sm text-ink-muted">
                {rectification.repliedAt && format.dateTime(rectification.repliedAt, { dateStyle: "medium" })} ·{" "}
                {t(`rectificationStatus.${rectification.status}`)}
              </p>
            </>
          ) : (
            <p>
              {t("rate.replyPending", {
                date: format.dateTime(rectification.dueDate, { dateStyle: "medium", timeZone: "UTC" }),
              })}
            </p>
          )}
          {rectification.canAppeal && (
            <div className="mt-4">
              <h3 className="mb-2 font-semibold">{t("appeal.title")}</h3>
              <ActionForm
                id="appeal"
                action={appealAction}
                hidden={{ id: rectification.id }}
                fields={[
                  {
                    name: "reason",
                    label: t("appeal.reason"),
                    hint: t("appeal.hint"),
                    type: "textarea",
                    required: true,
                    maxLength: 1000,
                  },
                ]}
                initial={{}}
                submitLabel={t("appeal.submit")}
              />
            </div>
          )}
        </section>
      )}
      {!touchpoint.readyAt ? (
        <p>{t("rate.notYet")}</p>
      ) : evaluation && !evaluation.changeable ? (
        <p>
          {t("rate.yourRating")}：<strong>{t(`levels.${evaluation.level}`)}</strong>
          {evaluation.comment ? `（${evaluation.comment}）` : ""}
        </p>
      ) : (
        <>
          {evaluation && (
            <p className="mb-3">
              {t("rate.changeUntil", { date: format.dateTime(evaluation.changeableUntil, { dateStyle: "long" }) })}
            </p>
          )}
          <ActionForm
            id="rate"
            action={rateAction}
            hidden={{ kind, ref }}
            fields={[
              {
                name: "level",
                label: t("rate.level"),
                type: "radio",
                required: true,
                options: LEVELS.map((level) => ({ value: String(level), label: t(`levels.${level}`) })),
              },
              {
                name: "tags",
                label: t("rate.tags"),
                hint: t("rate.tagsHint"),
                type: "checkboxes",
                options: ALL_TAGS.map((tag) => ({
                  value: tag,
                  label: `${badTags.includes(tag) ? t("rate.problem") : t("rate.strength")}${t(`tags.${tag}`)}`,
                })),
              },
              { name: "comment", label: t("rate.comment"), type: "textarea", maxLength: 500 },
            ]}
            initial={
              evaluation
                ? { level: String(evaluation.level), tags: evaluation.tags, comment: evaluation.comment ?? "" }
                : {}
            }
            submitLabel={evaluation ? t("rate.change") : t("rate.submit")}
          />
        </>
      )}
    </>
  );
}
