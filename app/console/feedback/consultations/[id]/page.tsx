import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/form/action-form";
import { Button } from "@/components/ui/button";
import { requirePermission } from "@/app/_lib/guard";
import { getDepartmentConsultation } from "@/lib/consultations/consultations";
import { isAppError } from "@/lib/errors";
import { localizedName } from "@/lib/i18n/localized";
import { WarningBadge } from "../../warning-badge";
import { answerAction, publishAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.answer"))("title") };
}

export default async function ConsultationAnswerPage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const actor = await requirePermission("feedback.handle", `/console/feedback/consultations/${encodeURIComponent(id)}`);
  let row;
  try {
    row = await getDepartmentConsultation(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const t = await getTranslations("feedback");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <>
      <p className="text-sm text-ink-muted">{t(`consultationKinds.${row.kind}`)}</p>
      <h1 className="mb-2 text-2xl font-bold">{row.title}</h1>
      <p className="mb-4 text-sm">
        {row.caseNumber ?? (row.item ? localizedName(locale, row.item) : "")} · {t("console.dueDate")}{" "}
        {format.dateTime(row.dueDate, { dateStyle: "long", timeZone: "UTC" })} <WarningBadge warning={row.warning} />
      </p>
      <p className="mb-6 max-w-2xl whitespace-pre-line">{row.body}</p>
      {row.status === "OPEN" ? (
        <ActionForm
          id="answer"
          action={answerAction}
          hidden={{ id: row.id }}
          fields={[
            { name: "answer", label: t("answer.answer"), type: "textarea", required: true, maxLength: 4000 },
            ...(row.kind === "QUESTION"
              ? [
                  {
                    name: "publish",
                    label: t("answer.publish"),
                    hint: t("answer.publishHint"),
                    type: "checkbox" as const,
                  },
                ]
              : []),
          ]}
          initial={{}}
          submitLabel={t("answer.submit")}
        />
      ) : (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title" className="mb-2 text-xl font-semibold">
            {t("answer.answer")}
          </h2>
          <p className="mb-4 max-w-2xl whitespace-pre-line">{row.answer}</p>
          {row.kind === "QUESTION" && (
            <form action={publishAction}>
              <input type="hidden" name="id" value={row.id} />
              <input type="hidden" name="publish" value={row.publishedAsFaq ? "false" : "true"} />
              <p className="mb-2">{row.publishedAsFaq ? t("answer.isPublished") : t("answer.notPublished")}</p>
              <Button type="submit" variant="secondary">
                {row.publishedAsFaq ? t("answer.unpublishButton") : t("answer.publishButton")}
              </Button>
            </form>
          )}
        </section>
      )}
    </>
  );
}
