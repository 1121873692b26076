import { supplementChoicesOf } from "@/lib/cases/take-action";
import { eventTitle } from "@/lib/cases/event-title";
import { headers } from "next/headers";
import { StepUpNotice } from "@/components/form/step-up-notice";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { CHINA_TIME_ZONE, dateColumnToIso } from "@/lib/calendar/china-time";
import { getStaffCase } from "@/lib/cases/detail";
import { DECIDING_STATUSES, isStatusIn } from "@/lib/cases/state-machine";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";
import { SupplementApprovalList } from "@/components/supervision/supplement-approvals";
import { supplementApprovalsOf } from "@/lib/cases/supplement-approval";
import { licencesOfCaseApplicant } from "@/lib/results/sharing";
import {
  AssignForm,
  JointOpinionForm,
  NoteForm,
  RevokeForm,
  SupplementApprovalForm,
  TransferForm,
  TransitionForm,
} from "./case-forms";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata({ params }: Readonly<{ params: Promise<{ caseNumber: string }> }>) {
  const { caseNumber } = await params;
  return { title: (await getTranslations("cases.console"))("case", { number: caseNumber }) };
}

const WARNING_CLASS: Record<string, string> = {
  YELLOW: "border-yellow-600 bg-yellow-50",
  RED: "border-accent-600 bg-red-50",
};

function when(value: Date | null, locale: string) {
  return value
    ? new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, dateStyle: "medium", timeStyle: "short" }).format(
        value,
      )
    : "—";
}

export default async function ConsoleCase({
  params,
  searchParams,
}: Readonly<{
  params: Promise<{ caseNumber: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}>) {
  const { caseNumber } = await params;
  const wantsLicences = (await searchParams).licences === "1";
  const actor = await requirePermission("console.access", `/console/cases/${caseNumber}`);
  const locale = await getLocale();
  const t = await getTranslations();
  const eventLabels = {
    action: (action: string) => (t.has(`cases.event.${action}`) ? t(`cases.event.${action}`) : null),
    status: (status: string) => t(`cases.status.${status}`),
    fallback: t("cases.console.eventFallback"),
  };
  if (!/^\d{20}$/.test(caseNumber)) notFound();
  let detail: Awaited<ReturnType<typeof getStaffCase>>;
  try {
    detail = await getStaffCase(actor, caseNumber, { locale, ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  // What a supplement request may name (only asked for when the state allows one).
  const supplementChoices = detail.actions.includes("requestSupplement")
    ? await supplementChoicesOf(detail.caseNumber, locale)
    : null;
  // 一次性告知: after the first supplement request, another needs a supervisor's approval (lib/cases/supplement-approval.ts).
  const { approvals: supplementApprovals, supplements } = await supplementApprovalsOf(actor, detail.caseNumber);
  const supplementNeedsApproval =
    detail.actions.includes("requestSupplement") &&
    supplements > 0 &&
    !supplementApprovals.some((approval) => approval.status === "APPROVED");
  const supplementPending = supplementApprovals.some((approval) => approval.status === "PENDING");
  // 证照共享: the applicant's valid licences, looked up only when asked (each lookup is in their read log).
  const sharedLicences = wantsLicences
    ? await licencesOfCaseApplicant(
        actor,
        detail.caseNumber,
        {},
        { ip: clientIpFrom(await headers()), purpose: "console" },
      )
    : null;
  const clockOpen = isStatusIn(DECIDING_STATUSES, detail.status);
  const dl = "grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]";
  const section = "mb-8";
  const h2 = "mb-3 text-xl font-semibold";

  return (
    <>
      <p className="mb-2">
        <Link href="/console" className="underline underline-offset-4">
          ← {t("cases.console.backToQueue")}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold break-all">{t("cases.console.case", { number: detail.caseNumber })}</h1>
      <p className="mb-6 text-lg">
        <strong>{t(`cases.status.${detail.status}`)}</strong>
        <span className="ml-3 text-ink-muted">{t("cases.console.version", { version: detail.version })}</span>
      </p>

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0">
          <section aria-labelledby="overview" className={section}>
            <h2 id="overview" className={h2}>
              {t("cases.console.overview")}
            </h2>
            <dl className={dl}>
              <dt className="font-semibold">{t("cases.console.itemTitle")}</dt>
              <dd>
                {detail.item?.name}（{detail.item?.code}）
              </dd>
              <dt className="font-semibold">{t("cases.console.departmentTitle")}</dt>
              <dd>
                {locale === "en" ? detail.department?.nameEn || detail.department?.name : detail.department?.name}
              </dd>
              <dt className="font-semibold">{t("cases.console.submittedAt")}</dt>
              <dd>{when(detail.submittedAt, locale)}</dd>
              <dt className="font-semibold">{t("cases.console.acceptedAt")}</dt>
              <dd>{when(detail.acceptedAt, locale)}</dd>
            </dl>
          </section>

          <section
            aria-labelledby="deadline"
            className={`${section} rounded border-2 p-3 ${clockOpen ? (WARNING_CLASS[detail.deadline.warning] ?? "border-line") : "border-line"}`}
          >
            <h2 id="deadline" className={h2}>
              {t("cases.console.deadlineTitle")}
            </h2>
            {detail.acceptedAt ? (
              <dl className={dl}>
                <dt className="font-semibold">{t("cases.console.dueDate")}</dt>
                <dd>{detail.deadline.dueDate ?? "—"}</dd>
                <dt className="font-semibold">{t("cases.console.statutoryDueDate")}</dt>
                <dd>{detail.deadline.statutoryDueDate ?? "—"}</dd>
                {clockOpen && detail.deadline.workingDaysUsed !== null && (
                  <>
                    <dt className="font-semibold">{t("cases.console.deadlineTitle")}</dt>
                    <dd>
                      {t("cases.console.daysUsed", {
                        used: detail.deadline.workingDaysUsed,
                        left: detail.deadline.workingDaysRemaining ?? 0,
                      })}
                      {detail.deadline.paused && <span className="block">{t("cases.console.paused")}</span>}
                      <strong className="block">{t(`cases.warning.${detail.deadline.warning}`)}</strong>
                    </dd>
                  </>
                )}
              </dl>
            ) : (
              <p>{t("cases.console.notStarted")}</p>
            )}
          </section>

          {detail.counter && (
            <section aria-labelledby="counter" className={section} data-testid="counter-intake">
              <h2 id="counter" className={h2}>
                {t("cases.counter.caseTitle")}
              </h2>
              <dl className={dl}>
                <dt className="font-semibold">{t("cases.counter.identityCheck")}</dt>
                <dd>
                  {detail.counter.identityCheck
                    ? t(`cases.counter.identityChecks.${detail.counter.identityCheck}`)
                    : "—"}
                </dd>
                <dt className="font-semibold">{t("cases.counter.materials")}</dt>
                <dd>{detail.counter.materialsReceived.length ? detail.counter.materialsReceived.join("、") : "—"}</dd>
                <dt className="font-semibold">{t("cases.counter.registeredBy")}</dt>
                <dd>{detail.counter.registeredBy ?? "—"}</dd>
              </dl>
            </section>
          )}

          <section aria-labelledby="workflow" className={section}>
            <h2 id="workflow" className={h2}>
              {t("cases.console.workflowTitle")}
            </h2>
            <ol className="flex flex-col gap-2">
              {detail.workflow.steps.map((step) => {
                const signed = detail.workflow.signatures.filter((signature) => signature.step === step.kind);
                const current = detail.workflow.currentStep === step.kind;
                return (
                  <li
                    key={step.kind}
                    className={`rounded border-2 p-2 ${current ? "border-brand-700" : "border-line"}`}
                    aria-current={current ? "step" : undefined}
                  >
                    <p>
                      <strong>{t(`cases.step.${step.kind}`)}</strong>
                      <span className="ml-2 text-sm text-ink-muted">{t(`cases.duty.${step.duty}`)}</span>
                      {current && (
                        <span className="ml-2 font-semibold">
                          {t("cases.console.currentStep")}
                          {detail.workflow.stepDueDate &&
                            ` · ${t("cases.console.stepDue", { date: detail.workflow.stepDueDate })}`}
                        </span>
                      )}
                    </p>
                    {signed.map((signature, index) => (
                      <p key={index} className="text-sm">
                        {signature.opinion
                          ? t(`cases.opinion.${signature.opinion}`)
                          : t(`cases.event.${signature.action}`)}
                        {signature.comment && `：${signature.comment}`}
                        {` · ${signature.signer ?? "—"} · ${when(signature.at, locale)}`}
                      </p>
                    ))}
                  </li>
                );
              })}
            </ol>
            {detail.workflow.separateDuties && (
              <p className="mt-2 text-sm text-ink-muted">{t("cases.console.separateDutiesNote")}</p>
            )}
            <p className="mt-2">
              {/* A download, not a page: a plain link. */}
              <a
                href={`/console/cases/${detail.caseNumber}/approval-form`}
                download
                className="inline-flex min-h-11 items-center underline underline-offset-4"
              >
                {t("cases.console.approvalForm")}
              </a>
            </p>
            {supplementApprovals.length > 0 && (
              <div className="mt-4">
                <h3 className="mb-2 text-lg font-semibold">{t("cases.supplementApproval.title")}</h3>
                <SupplementApprovalList approvals={supplementApprovals} />
              </div>
            )}
            {detail.jointOpinions.length > 0 && (
              <div className="mt-4" data-testid="joint-opinions">
                <h3 className="mb-2 text-lg font-semibold">{t("cases.joint.title")}</h3>
                <ul className="flex flex-col gap-2">
                  {detail.jointOpinions.map((entry) => (
                    <li
                      key={entry.departmentId}
                      className={`rounded border-2 p-2 ${entry.opinion === "DISAGREE" || entry.escalated ? "border-accent-600" : "border-line"}`}
                    >
                      <p>
                        <strong>
                          {entry.department
                            ? locale === "en"
                              ? entry.department.nameEn || entry.department.name
                              : entry.department.name
                            : "—"}
                        </strong>
                        <span className="ml-2">
                          {entry.opinion ? t(`cases.opinion.${entry.opinion}`) : t("cases.joint.waiting")}
                          {!entry.answeredAt &&
                            entry.dueDate &&
                            ` · ${t("cases.joint.due", { date: dateColumnToIso(entry.dueDate) })}`}
                          {entry.escalated && !entry.answeredAt && ` · ${t("cases.joint.overdue")}`}
                        </span>
                      </p>
                      {entry.reason && <p className="whitespace-pre-wrap">{entry.reason}</p>}
                      {entry.legalBasis && (
                        <p>
                          {t("cases.field.legalBasis")}：{entry.legalBasis}
                        </p>
                      )}
                      {entry.answeredAt && (
                        <p className="text-sm text-ink-muted">{`${entry.answeredBy ?? "—"} · ${when(entry.answeredAt, locale)}`}</p>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>

          <section aria-labelledby="applicant" className={section}>
            <h2 id="applicant" className={h2}>
              {t("cases.console.applicantTitle")}
            </h2>
            <dl className={dl}>
              <dt className="font-semibold">{t("cases.console.name")}</dt>
              <dd>{detail.applicant.name}</dd>
              <dt className="font-semibold">{t("cases.console.idNumber")}</dt>
              <dd className="font-mono">{detail.applicant.idNumber ?? "—"}</dd>
              <dt className="font-semibold">{t("cases.console.phone")}</dt>
              <dd className="font-mono">{detail.applicant.phone ?? "—"}</dd>
              <dt className="font-semibold">{t("cases.console.assurance")}</dt>
              <dd>{detail.applicant.assuranceLevel ?? "—"}</dd>
            </dl>
            {detail.company && (
              <>
                <h3 className="mt-4 mb-2 text-lg font-semibold">{t("cases.console.companyTitle")}</h3>
                <dl className={dl}>
                  <dt className="font-semibold">{t("cases.console.name")}</dt>
                  <dd>{detail.company.name}</dd>
                  <dt className="font-semibold">{t("cases.console.creditCode")}</dt>
                  <dd className="font-mono">{detail.company.creditCode}</dd>
                  <dt className="font-semibold">{t("cases.console.legalRep")}</dt>
                  <dd>{detail.company.legalRepresentative ?? "—"}</dd>
                </dl>
              </>
            )}
          </section>

          <section aria-labelledby="answers" className={section}>
            <h2 id="answers" className={h2}>
              {t("cases.console.answersTitle", { version: detail.formVersion ?? "—" })}
            </h2>
            {detail.answers.map((part) => (
              <div key={part.title} className="mb-4">
                <h3 className="mb-2 text-lg font-semibold">{part.title}</h3>
                <dl className={dl}>
                  {part.rows.map((row) => (
                    <div key={row.key} className="contents">
                      <dt className="font-semibold">{row.label}</dt>
                      <dd className="min-w-0 break-words">
                        {row.value.kind === "text" && (row.value.text || "—")}
                        {row.value.kind === "files" &&
                          (row.value.fileIds.length ? `${row.value.fileIds.length} × ${row.value.materialCode}` : "—")}
                        {row.value.kind === "table" && (
                          <ScrollRegion label={row.label}>
                            <table className="border-collapse text-sm">
                              <thead>
                                <tr>
                                  {row.value.columns.map((column) => (
                                    <th key={column} scope="col" className="border border-line px-2 py-1">
                                      {column}
                                    </th>
                                  ))}
                                </tr>
                              </thead>
                              <tbody>
                                {row.value.rows.map((cells, index) => (
                                  <tr key={index}>
                                    {cells.map((cell, at) => (
                                      <td key={at} className="border border-line px-2 py-1">
                                        {cell}
                                      </td>
                                    ))}
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </ScrollRegion>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </section>

          <section aria-labelledby="materials" className={section}>
            <h2 id="materials" className={h2}>
              {t("cases.console.materialsTitle")}
            </h2>
            {detail.materials.length === 0 ? (
              <p>{t("cases.console.noMaterials")}</p>
            ) : (
              <ul className="flex flex-col gap-4">
                {detail.materials.map((file) => (
                  <li key={file.fileId} className="rounded border-2 border-line p-3">
                    <p className="font-semibold">
                      {file.materialName}：{file.name}
                      {file.trust === "A" && (
                        <span className="ml-2 rounded border border-ok px-1 text-sm text-ok">
                          {t("cases.console.fromLibrary")}
                        </span>
                      )}
                      {file.trust === "B" && (
                        <span className="ml-2 rounded border border-line px-1 text-sm">
                          {t("cases.console.scannedAtCounter")}
                        </span>
                      )}
                    </p>
                    <p className="mb-2 flex flex-wrap gap-4">
                      {file.contentType.startsWith("image/") && (
                        <a
                          href={`/files/${file.fileId}?inline=1`}
                          target="_blank"
                          rel="noopener"
                          className="underline underline-offset-4"
                        >
                          {t("cases.console.open", { name: file.name })}
                        </a>
                      )}
                      <a href={`/files/${file.fileId}`} className="underline underline-offset-4">
                        {t("cases.console.download")}
                        <span className="sr-only">：{file.name}</span>
                      </a>
                    </p>
                    {file.contentType.startsWith("image/") && (
                      // eslint-disable-next-line @next/next/no-img-element -- a stored file behind its own access check, not a static asset
                      <img
                        src={`/files/${file.fileId}?inline=1`}
                        alt={t("cases.console.preview", { name: file.name })}
                        className="max-h-96 max-w-full border border-line"
                        loading="lazy"
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
            <div className="mt-4 rounded border-2 border-line p-3" data-testid="shared-licences">
              <h3 className="mb-1 text-lg font-semibold">{t("cases.console.licencesTitle")}</h3>
              {sharedLicences === null ? (
                <>
                  <p className="mb-2 text-sm text-ink-muted">{t("cases.console.licencesIntro")}</p>
                  <Link
                    href={`/console/cases/${detail.caseNumber}?licences=1#materials`}
                    className="inline-flex min-h-11 items-center underline underline-offset-4"
                  >
                    {t("cases.console.licencesLookup")}
                  </Link>
                </>
              ) : sharedLicences.length === 0 ? (
                <p>{t("cases.console.licencesNone")}</p>
              ) : (
                <ul className="flex flex-col gap-2">
                  {sharedLicences.map((licence) => (
                    <li key={licence.number}>
                      <strong>{licence.name}</strong>（{licence.typeCode}）
                      <span className="font-mono text-sm break-all"> {licence.number}</span>
                      <span className="block text-sm">
                        {t("cases.console.licenceFacts", {
                          issuer: licence.issuerName,
                          issued: licence.issuedAt,
                          expires: licence.expiresAt ?? t("cases.verify.noExpiry"),
                        })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </section>

          {detail.changes.length > 0 && (
            <section aria-labelledby="changes" className={section} data-testid="submission-changes">
              <h2 id="changes" className={h2}>
                {t("cases.console.changesTitle")}
              </h2>
              {[...detail.changes].reverse().map((change) => {
                const cell = (value: (typeof change.answers)[number]["before"]) =>
                  value === null
                    ? t("cases.console.changeNone")
                    : value.kind === "text"
                      ? value.text || t("cases.console.changeNone")
                      : value.kind === "table"
                        ? value.rows.map((row) => row.join(" · ")).join("；")
                        : "";
                return (
                  <div key={change.number} className="mb-4 rounded border-2 border-line p-3">
                    <h3 className="mb-2 font-semibold">
                      {t("cases.console.changesBetween", { number: change.number, previous: change.previous })}
                    </h3>
                    {change.answers.length === 0 && change.files.length === 0 && (
                      <p>{t("cases.console.changesNone")}</p>
                    )}
                    {change.answers.length > 0 && (
                      <ScrollRegion label={t("cases.console.changesAnswers")}>
                        <table className="w-full border-collapse text-left">
                          <caption className="mb-1 text-left font-semibold">
                            {t("cases.console.changesAnswers")}
                          </caption>
                          <thead>
                            <tr>
                              <th scope="col" className="border-b border-line p-2">
                                {t("cases.console.changeField")}
                              </th>
                              <th scope="col" className="border-b border-line p-2">
                                {t("cases.console.changeBefore")}
                              </th>
                              <th scope="col" className="border-b border-line p-2">
                                {t("cases.console.changeAfter")}
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            {change.answers.map((answer) => (
                              <tr key={answer.key}>
                                <th scope="row" className="border-b border-line p-2 font-semibold">
                                  {answer.label}
                                </th>
                                <td className="border-b border-line p-2 break-all">
                                  <del>{cell(answer.before)}</del>
                                </td>
                                <td className="border-b border-line p-2 break-all">
                                  <ins className="font-semibold no-underline">{cell(answer.after)}</ins>
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </ScrollRegion>
                    )}
                    {change.files.length > 0 && (
                      <ul className="mt-2 flex flex-col gap-1">
                        {change.files.map((files) => (
                          <li key={files.materialName}>
                            <span className="font-semibold">{files.materialName}：</span>
                            {files.added.map((file) => (
                              <a
                                key={file.fileId}
                                href={`/files/${file.fileId}`}
                                className="mr-2 underline underline-offset-4"
                              >
                                {t("cases.console.fileAdded", { name: file.name })}
                              </a>
                            ))}
                            {files.removed.map((file) => (
                              <span key={file.fileId} className="mr-2 text-ink-muted">
                                {t("cases.console.fileRemoved", { name: file.name })}
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </section>
          )}

          {detail.licences.length > 0 && (
            <section aria-labelledby="licences" className={section}>
              <h2 id="licences" className={h2}>
                {t("cases.console.licencesTitle")}
              </h2>
              {detail.canProcess && detail.licences.some((licence) => licence.status === "VALID") && (
                <StepUpNotice actor={actor} returnTo={`/console/cases/${detail.caseNumber}`} />
              )}
              <ul className="flex flex-col gap-3">
                {detail.licences.map((licence) => (
                  <li key={licence.number} className="rounded border-2 border-line p-3">
                    <p className="font-semibold">
                      {licence.name} · {t("cases.console.licenceNumber", { number: licence.number })} ·{" "}
                      {t(`cases.verify.${licence.status}`, {
                        date: licence.revokedAt ? when(licence.revokedAt, locale) : "",
                      })}
                    </p>
                    {licence.fileId && (
                      <p>
                        <a href={`/files/${licence.fileId}`} className="underline underline-offset-4">
                          {t("cases.console.resultFile")}
                        </a>
                      </p>
                    )}
                    {detail.canProcess && licence.status === "VALID" && (
                      <RevokeForm caseNumber={detail.caseNumber} licenceNumber={licence.number} />
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="timeline" className={section}>
            <h2 id="timeline" className={h2}>
              {t("cases.console.timelineTitle")}
            </h2>
            <ol className="flex flex-col gap-3 border-l-4 border-brand-100 pl-4">
              {detail.timeline.map((event) => {
                const data = event.data ?? {};
                const list = Array.isArray(data.supplementList)
                  ? (data.supplementList as { materialCode?: string | null; note: string }[])
                  : [];
                return (
                  <li key={event.id}>
                    <p>
                      <strong>{eventTitle(event, eventLabels)}</strong>
                      {!event.visibleToApplicant && (
                        <span className="ml-2 rounded bg-surface px-1 text-sm">{t("cases.console.internal")}</span>
                      )}
                    </p>
                    <p className="text-sm text-ink-muted">
                      {when(event.at, locale)}
                      {event.actorName && ` · ${t("cases.console.by", { name: event.actorName })}`}
                    </p>
                    {event.reason && <p className="whitespace-pre-wrap">{event.reason}</p>}
                    {event.legalBasis && (
                      <p>
                        {t("cases.field.legalBasis")}：{event.legalBasis}
                      </p>
                    )}
                    {list.length > 0 && (
                      <ul className="list-disc pl-6">
                        {list.map((entry, index) => (
                          <li key={index}>
                            {entry.materialCode ? `${entry.materialCode}：${entry.note}` : entry.note}
                          </li>
                        ))}
                      </ul>
                    )}
                    {typeof data.assigneeName === "string" && (
                      <p>{t("cases.console.assignee", { name: data.assigneeName })}</p>
                    )}
                    {typeof data.toDepartment === "string" && <p>→ {data.toDepartment}</p>}
                    {typeof data.deliveryMethod === "string" && (
                      <p>
                        {t(`cases.delivery.${data.deliveryMethod}`)}
                        {typeof data.trackingNumber === "string" && data.trackingNumber && ` · ${data.trackingNumber}`}
                      </p>
                    )}
                    {typeof data.plannedEnd === "string" && (
                      <p>
                        {t("cases.field.plannedEnd")}：{data.plannedEnd}
                      </p>
                    )}
                    {typeof data.noticeFileId === "string" && (
                      <p>
                        <a href={`/files/${data.noticeFileId}`} className="underline underline-offset-4">
                          {t("cases.console.noticeFile")}
                        </a>
                      </p>
                    )}
                    {event.action === "escalate" && typeof data.to === "string" && (
                      <p>{t(`cases.warning.${data.to}`)}</p>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        </div>

        <aside aria-labelledby="actions" className="min-w-0">
          <h2 id="actions" className={h2}>
            {t("cases.console.actionsTitle")}
          </h2>
          {detail.mayGiveJointOpinion && (
            <div className="mb-6">
              <JointOpinionForm caseNumber={detail.caseNumber} version={detail.version} />
            </div>
          )}
          {!detail.canProcess ? (
            detail.mayGiveJointOpinion ? null : detail.actions.length > 0 ? (
              // A step of this case taken in the reader's department (the step's department code).
              <div className="flex flex-col gap-6">
                {detail.actions.map((action) => (
                  <TransitionForm
                    key={action}
                    caseNumber={detail.caseNumber}
                    action={action}
                    version={detail.version}
                  />
                ))}
              </div>
            ) : (
              <p>{t("cases.console.readOnly")}</p>
            )
          ) : (
            <div className="flex flex-col gap-6">
              {detail.actions.length === 0 && (
                <p>
                  {detail.workflow.currentDuty
                    ? t("cases.console.waitingForDuty", {
                        step: t(`cases.step.${detail.workflow.currentStep ?? "ACCEPTANCE"}`),
                        duty: t(`cases.duty.${detail.workflow.currentDuty}`),
                      })
                    : t("cases.console.noActions")}
                </p>
              )}
              {/* 转报 only where another authority implements the same item: no form that can only fail. */}
              {supplementNeedsApproval && (
                <section
                  aria-labelledby="supplement-approval-title"
                  className="rounded border-2 border-line p-3"
                  data-testid="supplement-approval-request"
                >
                  <h3 id="supplement-approval-title" className="mb-2 text-lg font-semibold">
                    {t("cases.supplementApproval.askTitle")}
                  </h3>
                  <p className="mb-2">{t("cases.supplementApproval.askIntro")}</p>
                  {supplementPending ? (
                    <p className="font-semibold">{t("cases.supplementApproval.waiting")}</p>
                  ) : (
                    <SupplementApprovalForm caseNumber={detail.caseNumber} />
                  )}
                </section>
              )}
              {/* A further supplement request is offered once a supervisor approved it. */}
              {detail.actions
                .filter((action) => action !== "forward" || detail.forwardTargets.length > 0)
                .filter((action) => action !== "requestSupplement" || !supplementNeedsApproval)
                .map((action) => (
                  <TransitionForm
                    key={action}
                    caseNumber={detail.caseNumber}
                    action={action}
                    version={detail.version}
                    supplementChoices={action === "requestSupplement" ? supplementChoices : null}
                    targets={
                      action === "forward"
                        ? detail.forwardTargets.map((target) => ({
                            code: target.code,
                            label: locale === "en" ? target.nameEn || target.name : target.name,
                          }))
                        : []
                    }
                  />
                ))}
              <section aria-labelledby="assign-title">
                <h3 id="assign-title" className="mb-2 text-lg font-semibold">
                  {t("cases.console.assignTitle")}
                </h3>
                <p className="mb-2">
                  {detail.assignee
                    ? t("cases.console.assignee", { name: detail.assignee.name })
                    : t("cases.console.unassigned")}
                </p>
                <AssignForm
                  caseNumber={detail.caseNumber}
                  version={detail.version}
                  staff={detail.staff}
                  assigneeId={detail.assignee?.id ?? null}
                />
              </section>
              <section aria-labelledby="notes-title">
                <h3 id="notes-title" className="mb-2 text-lg font-semibold">
                  {t("cases.console.notesTitle")}
                </h3>
                <NoteForm caseNumber={detail.caseNumber} />
              </section>
              <section aria-labelledby="transfer-title">
                <h3 id="transfer-title" className="mb-2 text-lg font-semibold">
                  {t("cases.console.transferTitle")}
                </h3>
                <TransferForm
                  caseNumber={detail.caseNumber}
                  version={detail.version}
                  departments={detail.departments.map((department) => ({
                    id: department.id,
                    label: locale === "en" ? department.nameEn || department.name : department.name,
                  }))}
                />
              </section>
            </div>
          )}
        </aside>
      </div>
    </>
  );
}
