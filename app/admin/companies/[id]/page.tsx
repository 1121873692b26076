import { notFound } from "next/navigation";
import { StepUpNotice } from "@/components/form/step-up-notice";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { verificationForReview } from "@/lib/accounts/companies";
import { isAppError } from "@/lib/errors";
import { textParam } from "@/lib/http/params";
import { checkVerificationAction, decideVerificationAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("companies.admin"))("title") };
}

/** One company verification: the request, the registry record, whether they match, and the review step due. */
export default async function CompanyVerificationPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requirePermission("company.verification.review", `/admin/companies/${encodeURIComponent(id)}`);
  const query = await searchParams;
  const t = await getTranslations("companies");
  const tAll = await getTranslations();
  const format = await getFormatter();
  const review = await verificationForReview(actor, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { request, registry, problems, requesterName, evidence } = review;
  const error = textParam(query.error, 80);
  const step = request.status === "SUBMITTED" ? "check" : request.status === "CHECKED" ? "decide" : null;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">
        {t("admin.title")}：{request.companyName}
      </h1>
      {step && <StepUpNotice actor={actor} returnTo={`/admin/companies/${encodeURIComponent(id)}`} />}
      {query.done && (
        <p role="status" className="mb-4 max-w-2xl rounded border-2 border-ok p-3 font-semibold text-ok">
          {t("admin.done")}
        </p>
      )}
      {error && /^(companies|errors|auth)\./.test(error) && (
        <p role="alert" className="mb-4 max-w-2xl rounded border-4 border-accent-600 p-3 font-semibold">
          {tAll(error)}
        </p>
      )}
      <dl className="mb-6 grid max-w-2xl grid-cols-1 border-t border-line sm:grid-cols-[12rem_1fr]">
        {(
          [
            [t("admin.requester"), requesterName],
            [t("companyName"), request.companyName],
            [t("creditCode"), request.creditCode],
            [t("admin.submittedAt"), format.dateTime(request.createdAt, { dateStyle: "medium", timeStyle: "short" })],
            [t("table.status"), t(`status.${request.status}`)],
            [t("admin.registryName"), registry?.name ?? "—"],
            [t("admin.registryRepresentative"), registry?.legalRepresentativeName ?? "—"],
          ] as [string, string][]
        ).map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="border-b border-line bg-surface px-3 py-2 font-semibold">{term}</dt>
            <dd className="border-b border-line px-3 py-2">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="match-title" className="mb-6 max-w-2xl">
        <h2 id="match-title" className="mb-2 text-xl font-semibold">
          {t("admin.registryTitle")}
        </h2>
        {problems.length === 0 ? (
          <p className="font-semibold text-ok">{t("admin.matchOk")}</p>
        ) : (
          <ul className="list-disc pl-6 font-semibold text-accent-600">
            {problems.map((problem) => (
              <li key={problem}>{tAll(problem)}</li>
            ))}
          </ul>
        )}
        {request.checkNote && <p className="mt-2">{t("admin.checkedBy", { note: request.checkNote })}</p>}
      </section>
      <section aria-labelledby="evidence-title" className="mb-6 max-w-2xl">
        <h2 id="evidence-title" className="mb-2 text-xl font-semibold">
          {t("evidence.title")}
        </h2>
        {evidence.length === 0 ? (
          <p>{t("evidence.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="verification-evidence">
            {evidence.map((file) => (
              <li key={file.fileId}>
                {/* Downloads go through /files/{id}: file.read for reviewers, and each one is in the read log. */}
                <a
                  href={`/files/${file.fileId}`}
                  className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                >
                  {t("evidence.download", { name: file.name, kind: t(`evidence.kinds.${file.kind}`) })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {step && (
        <form
          action={step === "check" ? checkVerificationAction : decideVerificationAction}
          className="flex max-w-2xl flex-col gap-3"
        >
          <input type="hidden" name="id" value={request.id} />
          <label htmlFor="note" className="font-semibold">
            {t("admin.note")}
          </label>
          <p id="note-hint" className="text-sm text-ink-muted">
            {t("admin.noteHint")}
          </p>
          <Textarea id="note" name="note" rows={3} aria-describedby="note-hint" className="w-full" />
          <div className="flex flex-wrap gap-3">
            {problems.length === 0 && (
              <Button type="submit" name="approve" value="true">
                {step === "check" ? t("admin.check") : t("admin.approve")}
              </Button>
            )}
            <Button type="submit" name="approve" value="false" variant="danger">
              {t("admin.reject")}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
