import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { NoteForm } from "@/components/supervision/note-form";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { listExplanationRequests } from "@/lib/supervision/oversight";
import { answerAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("supervision.console"))("title") };
}

export default async function ExplanationRequests() {
  const actor = await requirePermission("supervision.explain", "/console/supervision");
  const requests = await listExplanationRequests(actor);
  const t = await getTranslations("supervision.console");
  const locale = await getLocale();
  const format = await getFormatter();
  const when = (value: Date) =>
    format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone: CHINA_TIME_ZONE });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-ink-muted">{t("intro")}</p>
      {requests.length === 0 && <p>{t("empty")}</p>}
      <ul className="flex flex-col gap-4">
        {requests.map((request) => (
          <li key={request.requestId} className="rounded border-2 border-line p-3">
            <p className="mb-1">
              <span
                className={`mr-2 rounded px-1 text-sm font-semibold ${request.answer ? "bg-surface" : "bg-yellow-100"}`}
              >
                {request.answer ? t("answered") : t("open")}
              </span>
              <Link
                href={`/console/cases/${request.caseNumber}`}
                className="font-mono text-brand-700 underline underline-offset-4"
              >
                {t("caseLink", { caseNumber: request.caseNumber })}
              </Link>{" "}
              {locale === "en" ? request.itemNameEn || request.itemName : request.itemName}
            </p>
            <p className="font-semibold">{t("asked", { time: when(request.at) })}</p>
            <p className="mb-2 whitespace-pre-wrap">{request.text}</p>
            {request.answer ? (
              <div className="border-l-4 border-brand-700 pl-3">
                <p className="font-semibold">
                  {t("answer")}（{when(request.answer.at)}）
                </p>
                <p className="whitespace-pre-wrap">{request.answer.text}</p>
              </div>
            ) : (
              <NoteForm
                action={answerAction}
                hidden={{ caseNumber: request.caseNumber, requestId: request.requestId }}
                idPrefix={`answer-${request.requestId}`}
                textLabel={t("answer")}
                submitLabel={t("submit")}
                savedMessage={t("saved")}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
