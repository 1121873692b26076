"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { trackAction, type TrackState } from "./actions";

export function TrackForm({ initial }: Readonly<{ initial: { caseNumber: string } }>) {
  const t = useTranslations("feedback.track");
  const tAll = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState<TrackState, FormData>(trackAction, {
    values: { caseNumber: initial.caseNumber, code: "" },
  });
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
      <ErrorSummary errors={errors} formError={state.formError} />
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
              <input
                id={id}
                name={field.name}
                defaultValue={state.values[field.name as "caseNumber" | "code"]}
                key={`${field.name}-${state.values[field.name as "caseNumber" | "code"]}`}
                maxLength={field.maxLength}
                inputMode={field.inputMode}
                autoComplete="off"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
                className={`min-h-12 rounded border-2 bg-white px-3 font-mono ${error ? "border-accent-600" : "border-ink-muted"}`}
              />
            </div>
          );
        })}
        <button
          type="submit"
          disabled={pending}
          className="min-h-12 self-start rounded bg-brand-700 px-4 font-semibold text-white disabled:opacity-70"
        >
          {t("submit")}
        </button>
      </form>
      <section aria-live="polite" className="mt-6 max-w-xl">
        {state.notFound && <p className="rounded border-4 border-accent-600 p-4 font-semibold">{t("notFound")}</p>}
        {state.result && (
          <div className="rounded border-4 border-brand-700 p-4">
            <h2 className="mb-3 text-xl font-bold">
              {t("statusIs")} <span data-testid="track-status">{state.result.statusLabel}</span>
            </h2>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[9rem_1fr]">
              <dt className="font-semibold">{t("caseNumber")}</dt>
              <dd className="font-mono break-all">{state.result.caseNumber}</dd>
              <dt className="font-semibold">{t("item")}</dt>
              <dd>{state.result.item}</dd>
              <dt className="font-semibold">{t("department")}</dt>
              <dd>{state.result.department}</dd>
              <dt className="font-semibold">{t("submittedAt")}</dt>
              <dd>{date(state.result.submittedAt)}</dd>
              <dt className="font-semibold">{t("acceptedAt")}</dt>
              <dd>{date(state.result.acceptedAt)}</dd>
              <dt className="font-semibold">{t("dueDate")}</dt>
              <dd>
                {state.result.dueDate
                  ? format.dateTime(new Date(`${state.result.dueDate}T00:00:00Z`), {
                      dateStyle: "long",
                      timeZone: "UTC",
                    })
                  : t("none")}
              </dd>
              <dt className="font-semibold">{t("completedAt")}</dt>
              <dd>{date(state.result.completedAt)}</dd>
            </dl>
          </div>
        )}
      </section>
    </>
  );
}
