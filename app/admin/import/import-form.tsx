"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { DataTable } from "@/components/ui/data-table";
import { IMPORT_FORMATS, type ImportReport } from "@/lib/catalogue/import/types";
import type { ActionState } from "@/app/_lib/action-result";
import { type CheckedImport, checkImportAction, confirmImportAction, type FinishedImport } from "./actions";

const SUMMARY_KEYS = [
  "total",
  "created",
  "updated",
  "unchanged",
  "errors",
  "departmentsCreated",
  "themesCreated",
  "catalogItemsCreated",
] as const;

/** Upload → check (every bad row and field listed) → import. Works without JavaScript: two plain forms. */
export function ImportForm() {
  const t = useTranslations();
  const [checked, checkAction, checking] = useActionState<ActionState<CheckedImport>, FormData>(checkImportAction, {
    ok: null,
  });
  const [imported, importAction, importing] = useActionState<ActionState<FinishedImport>, FormData>(
    confirmImportAction,
    { ok: null },
  );
  const message = (key: string) => (t.has(key) ? t(key) : key);
  const fileError = checked.fieldErrors?.file;
  const formatError = checked.fieldErrors?.format;
  const done = imported.ok === true && imported.value.report.committed;
  // The import's answer once there is one, else the check's.
  const current = imported.ok !== null ? imported : checked;
  const shown = current.ok ? current.value : null;
  const format = (checked.values?.format as string | undefined) ?? "auto";
  return (
    <div className="flex flex-col gap-6">
      <form action={checkAction} noValidate className="flex flex-col gap-4 rounded border-2 border-line p-4">
        <h2 className="text-xl font-bold">{t("catalogueImport.page.uploadTitle")}</h2>
        <ErrorSummary
          errors={[
            ...(fileError ? [{ field: "file", message: fileError, label: t("catalogueImport.page.file") }] : []),
            ...(formatError
              ? [{ field: "format", message: formatError, label: t("catalogueImport.page.format") }]
              : []),
          ]}
          formError={checked.formError && !fileError && !formatError ? checked.formError : undefined}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="file" className="font-semibold">
            {t("catalogueImport.page.file")}
          </label>
          <p id="file-hint" className="text-sm text-ink-muted">
            {t("catalogueImport.page.fileHint")}
          </p>
          {fileError && (
            <p id="file-error" className="text-sm font-semibold text-accent-600">
              <span aria-hidden="true">✕ </span>
              {message(fileError)}
            </p>
          )}
          <input
            id="file"
            name="file"
            type="file"
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            className="min-h-11 max-w-full"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="format" className="font-semibold">
            {t("catalogueImport.page.format")}
          </label>
          {formatError && (
            <p id="format-error" className="text-sm font-semibold text-accent-600">
              <span aria-hidden="true">✕ </span>
              {message(formatError)}
            </p>
          )}
          <Select
            id="format"
            name="format"
            defaultValue={format}
            aria-describedby={formatError ? "format-error" : undefined}
            className="max-w-xs"
          >
            <option value="auto">{t("catalogueImport.page.formats.auto")}</option>
            {IMPORT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`catalogueImport.page.formats.${format}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" disabled={checking} className="self-start">
          {checking ? t("catalogueImport.page.checking") : t("catalogueImport.page.check")}
        </Button>
      </form>

      <div role="status" aria-live="polite" className="flex flex-col gap-4">
        {current.formError && current === imported && (
          <p className="font-semibold text-accent-600">{message(current.formError)}</p>
        )}
        {shown && <Report report={shown.report} fileName={shown.fileName} message={message} />}
      </div>

      {checked.ok && checked.value.report.problems.length === 0 && !done && (
        <form action={importAction} className="flex flex-col gap-2 rounded border-2 border-brand-700 p-4">
          <input type="hidden" name="token" value={checked.value.token} />
          <input type="hidden" name="fileName" value={checked.value.fileName} />
          <input type="hidden" name="format" value={format} />
          <p>
            {t("catalogueImport.page.confirmText", {
              count: checked.value.report.summary.created + checked.value.report.summary.updated,
            })}
          </p>
          <Button type="submit" disabled={importing} className="self-start">
            {importing ? t("catalogueImport.page.importing") : t("catalogueImport.page.confirm")}
          </Button>
        </form>
      )}
    </div>
  );
}

function Report({
  report,
  fileName,
  message,
}: Readonly<{ report: ImportReport; fileName: string; message: (key: string) => string }>) {
  const t = useTranslations("catalogueImport");
  const headline = report.dryRun
    ? report.problems.length > 0
      ? "report.notCommitted"
      : "report.dryRunDone"
    : report.committed
      ? "report.committed"
      : "report.notCommitted";
  return (
    <section aria-labelledby="report-title" className="flex flex-col gap-3">
      <h2 id="report-title" className="text-xl font-bold">
        {t(headline)}
      </h2>
      <p className="text-ink-muted">{t("page.reportFor", { fileName, format: t(`page.formats.${report.format}`) })}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 self-start">
        {SUMMARY_KEYS.map((key) => (
          <div key={key} className="contents">
            <dt>{t(`summary.${key}`)}</dt>
            <dd className="text-right font-semibold">{report.summary[key]}</dd>
          </div>
        ))}
      </dl>
      {report.problems.length > 0 && (
        <DataTable
          caption={t("page.problemsCaption", { count: report.problems.length })}
          columns={[t("page.columns.row"), t("page.columns.field"), t("page.columns.problem"), t("page.columns.value")]}
          rows={report.problems
            .slice(0, 1000)
            .map((problem) => [
              problem.row === 0 ? t("page.wholeFile") : String(problem.row),
              problem.field === "_file" ? "" : problem.field,
              message(problem.message),
              problem.value ?? "",
            ])}
        />
      )}
    </section>
  );
}
