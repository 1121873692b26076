import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/form/action-form";
import { requirePermission } from "@/app/_lib/guard";
import { chinaDate } from "@/lib/calendar/china-time";
import { getDepartmentRectification } from "@/lib/evaluation/rectifications";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { localizedName } from "@/lib/i18n/localized";
import { WarningBadge } from "../../warning-badge";
import { replyAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("feedback.rectify"))("title") };
}

/** 差评整改: the rating, the applicant to call back, and the form for call-back date, outcome and reply. */
export default async function RectificationPage({
  params,
  searchParams,
}: Readonly<{ params: Promise<{ id: string }>; searchParams: Promise<{ contact?: string }> }>) {
  const { id } = await params;
  // The full number only on request, for the call back; the request is logged (lib/evaluation/rectifications.ts).
  const revealContact = (await searchParams).contact === "show";
  const actor = await requirePermission(
    "feedback.handle",
    `/console/feedback/rectifications/${encodeURIComponent(id)}`,
  );
  let row;
  try {
    row = await getDepartmentRectification(actor, id, { revealContact, ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const t = await getTranslations("feedback");
  const locale = await getLocale();
  const format = await getFormatter();
  const editable = row.status === "OPEN" || row.status === "REOPENED";
  const facts: [string, React.ReactNode][] = [
    [
      t("rectify.rating"),
      `${t(`levels.${row.level}`)}${row.tags.length ? `：${row.tags.map((tag) => t(`tags.${tag}`)).join("、")}` : ""}`,
    ],
    [t("rectify.comment"), row.comment ?? t("rectify.noComment")],
    [
      t("console.about"),
      `${row.caseNumber ?? t(`kinds.${row.touchpointKind}`)}${row.item ? ` · ${localizedName(locale, row.item)}` : ""}`,
    ],
    [
      t("rectify.applicant"),
      <>
        {row.applicantName}
        {row.applicantPhone && (
          <>
            {" · "}
            <span className="font-mono" data-testid="applicant-phone">
              {row.applicantPhone}
            </span>
          </>
        )}
        {row.applicantPhone && !revealContact && (
          <a
            href={`/console/feedback/rectifications/${encodeURIComponent(id)}?contact=show`}
            className="ml-3 inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
          >
            {t("rectify.showPhone")}
          </a>
        )}
      </>,
    ],
    [
      t("console.dueDate"),
      <>
        {format.dateTime(row.dueDate, { dateStyle: "long", timeZone: "UTC" })} <WarningBadge warning={row.warning} />
      </>,
    ],
    [t("console.status"), t(`rectificationStatus.${row.status}`)],
    ...(row.reviewNote ? ([[t("rectify.reviewNote"), row.reviewNote]] as [string, string][]) : []),
    ...(row.appeal ? ([[t("rectify.appeal"), row.appeal]] as [string, string][]) : []),
  ];
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("rectify.title")}</h1>
      <dl className="mb-6 grid max-w-3xl grid-cols-1 border-t border-line sm:grid-cols-[10rem_1fr]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{term}</dt>
            <dd className="border-b border-line px-3 py-2 whitespace-pre-line">{value}</dd>
          </div>
        ))}
      </dl>
      {editable ? (
        <ActionForm
          id="rectify"
          action={replyAction}
          hidden={{ id: row.id }}
          fields={[
            {
              name: "contactedAt",
              label: t("rectify.contactedAt"),
              hint: t("rectify.contactedAtHint"),
              type: "date",
              required: true,
            },
            {
              name: "outcome",
              label: t("rectify.outcome"),
              hint: t("rectify.outcomeHint"),
              type: "textarea",
              required: true,
              maxLength: 2000,
            },
            {
              name: "reply",
              label: t("rectify.reply"),
              hint: t("rectify.replyHint"),
              type: "textarea",
              required: true,
              maxLength: 2000,
            },
          ]}
          initial={{
            contactedAt: row.contactedAt ? chinaDate(row.contactedAt) : "",
            outcome: row.outcome ?? "",
            reply: row.reply ?? "",
          }}
          submitLabel={t("rectify.submit")}
        />
      ) : (
        <section aria-labelledby="replied-title">
          <h2 id="replied-title" className="mb-2 text-xl font-semibold">
            {t("rectify.reply")}
          </h2>
          <p className="whitespace-pre-line">{row.reply}</p>
          <h2 className="mt-4 mb-2 text-xl font-semibold">{t("rectify.outcome")}</h2>
          <p className="whitespace-pre-line">{row.outcome}</p>
        </section>
      )}
    </>
  );
}
