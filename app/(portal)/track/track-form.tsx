"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import type { ActionState } from "@/app/_lib/action-result";
import type { CaseStatusView } from "@/lib/tracking/lookup";
import { trackAction } from "./actions";

export function TrackForm({ initial }: Readonly<{ initial: { caseNumber: string } }>) {
  const t = useTranslations("feedback.track");
  const tAll = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState<ActionState<CaseStatusView | null>, FormData>(trackAction, {
    ok: null,
    values: { caseNumber: initial.caseNumber, code: "" },
  });
  const values = (state.values ?? {}) as Record<string, string | undefined>;
  const result = state.ok ? state.value : null;
  const notFound = state.ok === true && state.value === null;
  const errors = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({
    field: `track-${field}`,
    message,
    label: t(field === "code" ? "code" : "caseNumber"),
  }));
  const fields = [
    {
      name: "caseNumber",
      label: t("caseNumber"),
      hint: t("caseNumberHint"),
      maxLength: 20,
      inputMode: "numeric" as const,
    },
    { name: "code", label: t("code"), hint: t("codeHint"), maxLength: 12, inputMode: "text" as const },
  ];
  const date = (value: string | null) =>
    value ? format.dateTime(new Date(value), { dateStyle: "long", timeZone: CHINA_TIME_ZONE }) : t("none");
  return (
    <>
      <ErrorSummary errors={errors} formError={errors.length > 0 ? undefined : state.formError} />
      <form action={action} className="flex max-w-xl flex-col gap-4" noValidate>
        {fields.map((field) => {
          const error = state.fieldErrors?.[field.name];
          const id = `track-${field.name}`;
          return (
            <div key={field.name} className="flex flex-col gap-1">
              <label htmlFor={id} className="font-semibold">
                {field.label}
              </label>
              <p id={`${id}-hint`} className="text-sm text-ink-muted">
                {field.hint}
              </p>
              {error && (
                <p id={`${id}-error`} className="font-semibold text-accent-600">
                  <span aria-hidden="true">✕ </span>
                  {tAll(error)}
                </p>
              )}
              <Input
                id={id}
                name={field.name}
                defaultValue={values[field.name]}
                key={`${field.name}-${values[field.name]}`}
                maxLength={field.maxLength}
                inputMode={field.inputMode}
                autoComplete="off"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
                size="lg"
                className="font-mono"
              />
            </div>
          );
        })}
        <Button type="submit" disabled={pending} size="lg" className="self-start">
          {t("submit")}
        </Button>
      </form>
      <section aria-live="polite" className="mt-6 max-w-xl">
        {notFound && <p className="rounded border-4 border-accent-600 p-4 font-semibold">{t("notFound")}</p>}
        {result && (
          <div className="rounded border-4 border-brand-700 p-4">
            <h2 className="mb-3 text-xl font-bold">
              {t("statusIs")} <span data-testid="track-status">{result.statusLabel}</span>
            </h2>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[9rem_1fr]">
              <dt className="font-semibold">{t("caseNumber")}</dt>
              <dd className="font-mono break-all">{result.caseNumber}</dd>
              <dt className="font-semibold">{t("item")}</dt>
              <dd>{result.item}</dd>
              <dt className="font-semibold">{t("department")}</dt>
              <dd>{result.department}</dd>
              <dt className="font-semibold">{t("submittedAt")}</dt>
              <dd>{date(result.submittedAt)}</dd>
              <dt className="font-semibold">{t("acceptedAt")}</dt>
              <dd>{date(result.acceptedAt)}</dd>
              <dt className="font-semibold">{t("dueDate")}</dt>
              <dd>
                {result.dueDate
                  ? format.dateTime(new Date(`${result.dueDate}T00:00:00Z`), {
                      dateStyle: "long",
                      timeZone: "UTC",
                    })
                  : t("none")}
              </dd>
              <dt className="font-semibold">{t("completedAt")}</dt>
              <dd>{date(result.completedAt)}</dd>
            </dl>
          </div>
        )}
      </section>
    </>
  );
}
