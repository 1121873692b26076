import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { ExportLinks } from "@/components/reports/range-filters";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { DataTable } from "@/components/ui/data-table";
import { checkAuditChain } from "@/lib/admin/queries";
import { can } from "@/lib/auth/policy";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { isAppError } from "@/lib/errors";
import { firstValues } from "@/lib/statistics/filters";
import { searchAudit } from "@/lib/supervision/audit-search";
import { SubjectForm } from "./subject-form";
import { VerifyButton } from "./verify-button";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("auditTitle") };
}

const KEYS = [
  "actor",
  "action",
  "caseNumber",
  "objectType",
  "objectId",
  "from",
  "to",
  "reads",
  "subject",
  "after",
] as const;
const PAGE = 50;

export default async function AdminAudit({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("admin.audit.view", "/admin/audit");
  const values = firstValues(await searchParams, KEYS);
  let fieldErrors: Record<string, string> = {};
  let result: Awaited<ReturnType<typeof searchAudit>>;
  try {
    result = await searchAudit(actor, values, { pageSize: PAGE });
  } catch (error) {
    if (!isAppError(error) || error.code !== "VALIDATION") throw error;
    fieldErrors = error.details.fieldErrors ?? {};
    result = await searchAudit(actor, {}, { pageSize: PAGE });
  }
  const chain = await checkAuditChain(actor);
  const t = await getTranslations();
  const format = await getFormatter();
  const filters = new URLSearchParams(Object.entries(values).filter(([key]) => key !== "after"));
  const mayExport = can(actor, "admin.audit.export");
  // Reads of personal data (issue 15): only reads, and only those of one person or case.
  const maySearchReads = can(actor, "readLog.search");
  // The step's name where people have one (case steps, reads of personal data); the code stays below it, since the
  // action filter takes codes.
  const actionLabel = (action: string): string | null => {
    const [family, step] = action.split(".", 2) as [string, string | undefined];
    if (family === "case" && step && t.has(`cases.event.${step}` as never)) return t(`cases.event.${step}` as never);
    if (family === "read" && step && t.has(`readLog.actions.${step}` as never))
      return t(`readLog.actions.${step}` as never);
    return null;
  };
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.auditTitle")}</h1>
      <p className="mb-4 text-ink-muted">{t("admin.auditIntro")}</p>
      <p
        role="status"
        className={`mb-4 rounded border-2 p-3 font-semibold ${chain.ok ? "border-ok text-ok" : "border-accent-600 text-accent-600"}`}
      >
        {chain.ok ? t("admin.chainOk", { count: chain.checked }) : t("admin.chainBroken", { id: chain.firstBrokenId })}
      </p>
      {can(actor, "admin.audit.verify") && <VerifyButton />}

      <h2 className="mb-2 text-xl font-bold">{t("supervision.audit.searchTitle")}</h2>
      {maySearchReads && <SubjectForm />}
      {result.subject && (
        <p role="status" className="mb-4 rounded border-2 border-brand-700 p-3">
          {result.subject.kind === "case"
            ? t("readLog.search.showingCase", { caseNumber: result.subject.caseNumber })
            : t("readLog.search.showingAccount", {
                idNumber: result.subject.idNumber ?? "—",
                role: result.subject.role ? t(`roles.${result.subject.role}` as "roles.CITIZEN") : "—",
              })}{" "}
          <Link
            href={`/admin/audit?${new URLSearchParams(Object.entries(values).filter(([key]) => key !== "after" && key !== "subject")).toString()}`}
            className="underline underline-offset-4"
          >
            {t("readLog.search.clearSubject")}
          </Link>
        </p>
      )}
      <form
        method="get"
        action="/admin/audit"
        className="mb-4 grid grid-cols-1 gap-3 rounded border-2 border-ink-muted p-3 sm:grid-cols-2 lg:grid-cols-3"
      >
        {(["actor", "action", "caseNumber", "objectType", "objectId", "from", "to"] as const).map((name) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={`audit-${name}`} className="font-semibold">
              {t(`supervision.audit.${name}`)}
            </label>
            {fieldErrors[name] && (
              <p id={`audit-${name}-error`} className="text-sm font-semibold text-accent-600">
                {t(fieldErrors[name])}
              </p>
            )}
            <Input
              id={`audit-${name}`}
              name={name}
              type={name === "from" || name === "to" ? "date" : "text"}
              inputMode={name === "caseNumber" ? "numeric" : undefined}
              defaultValue={values[name] ?? ""}
              maxLength={100}
              aria-invalid={fieldErrors[name] ? true : undefined}
              aria-describedby={fieldErrors[name] ? `audit-${name}-error` : undefined}
            />
          </div>
        ))}
        {maySearchReads && (
          <div className="flex items-center gap-2 sm:col-span-2 lg:col-span-3">
            <input
              id="audit-reads"
              name="reads"
              type="checkbox"
              value="1"
              defaultChecked={values.reads === "1" || !!values.subject}
              className="size-5"
            />
            <label htmlFor="audit-reads" className="font-semibold">
              {t("readLog.search.readsOnly")}
            </label>
            {values.subject && !fieldErrors.subject && <input type="hidden" name="subject" value={values.subject} />}
          </div>
        )}
        {fieldErrors.subject && (
          <p className="text-sm font-semibold text-accent-600 sm:col-span-2 lg:col-span-3">{t(fieldErrors.subject)}</p>
        )}
        <div className="flex items-end gap-4 sm:col-span-2 lg:col-span-3">
          <Button type="submit">{t("supervision.audit.search")}</Button>
          <Link href="/admin/audit" className="min-h-11 content-center underline underline-offset-4">
            {t("supervision.audit.reset")}
          </Link>
        </div>
      </form>
      {mayExport && (
        <ExportLinks
          href={(exportFormat) =>
            `/admin/audit/export?${filters.toString()}${filters.size ? "&" : ""}format=${exportFormat}`
          }
        />
      )}
      {result.entries.length === 0 ? (
        <p>{t("supervision.audit.empty")}</p>
      ) : (
        <DataTable
          caption={t("supervision.audit.results", { count: PAGE })}
          columns={(["id", "time", "actor", "action", "object", "ip"] as const).map((column) =>
            t(`supervision.audit.columns.${column}`),
          )}
          rows={result.entries.map((entry) => [
            entry.id,
            format.dateTime(entry.at, { dateStyle: "short", timeStyle: "medium", timeZone: CHINA_TIME_ZONE }),
            entry.actorName
              ? `${entry.actorName}（${entry.actorRole ? t(`roles.${entry.actorRole}` as "roles.CLERK") : ""}）`
              : t("admin.system"),
            <span key="action">
              {actionLabel(entry.action) && <span className="block">{actionLabel(entry.action)}</span>}
              <code className="text-sm text-ink-muted">{entry.action}</code>
            </span>,
            <span key="object" className="break-all">
              {entry.caseNumber ? (
                <span className="block">{t("readLog.search.caseNumber", { caseNumber: entry.caseNumber })}</span>
              ) : (
                <>
                  {t.has(`supervision.audit.objectTypes.${entry.objectType}` as never)
                    ? t(`supervision.audit.objectTypes.${entry.objectType}` as never)
                    : entry.objectType}
                  {entry.objectId && <span className="block text-sm text-ink-muted">{entry.objectId}</span>}
                </>
              )}
            </span>,
            entry.ip ?? "—",
          ])}
        />
      )}
      {result.next && (
        <p className="mt-4">
          <Link
            href={`/admin/audit?${filters.toString()}${filters.size ? "&" : ""}after=${result.next}`}
            rel="next"
            className="font-semibold text-brand-700 underline underline-offset-4"
          >
            {t("supervision.audit.next")}
          </Link>
        </p>
      )}
    </>
  );
}
