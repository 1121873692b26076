"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { authoriseAgentAction, type CompanyFormState, requestVerificationAction } from "./actions";

const input = "min-h-11 w-full max-w-md rounded border-2 border-ink px-3 py-2";

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
  const t = useTranslations();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="font-semibold text-accent-600">
          <span aria-hidden="true">✕ </span>
          {t(error)}
        </p>
      )}
      {children}
    </div>
  );
}

function summary(state: CompanyFormState, labels: Record<string, string>) {
  const result = state.result;
  if (!result || result.ok) return { errors: [], formError: undefined, fieldErrors: {} as Record<string, string> };
  const fieldErrors = result.fieldErrors ?? {};
  return {
    errors: Object.entries(fieldErrors).map(([field, message]) => ({ field, message, label: labels[field] })),
    formError: Object.keys(fieldErrors).length > 0 ? undefined : result.formError,
    fieldErrors,
  };
}

/** The legal representative's request to have the company verified; works without JavaScript. */
export function VerificationRequestForm() {
  const t = useTranslations("companies");
  const [state, action, pending] = useActionState<CompanyFormState, FormData>(requestVerificationAction, {});
  const labels = { creditCode: t("creditCode"), companyName: t("companyName") };
  const { errors, formError, fieldErrors } = summary(state, labels);
  return (
    <form action={action} className="flex max-w-xl flex-col gap-4" noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <Field id="companyName" label={labels.companyName} error={fieldErrors.companyName}>
        <input id="companyName" name="companyName" className={input} autoComplete="organization" defaultValue={state.values?.companyName} aria-invalid={fieldErrors.companyName ? true : undefined} />
      </Field>
      <Field id="creditCode" label={labels.creditCode} error={fieldErrors.creditCode}>
        <input id="creditCode" name="creditCode" className={input} autoComplete="off" defaultValue={state.values?.creditCode} aria-invalid={fieldErrors.creditCode ? true : undefined} />
      </Field>
      <div>
        <button type="submit" disabled={pending} className="min-h-12 rounded bg-brand-700 px-6 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
          {t("submitVerify")}
        </button>
      </div>
    </form>
  );
}

/** Authorise an agent (scope, dates, whether they may manage authorisations); works without JavaScript. */
export function AuthoriseAgentForm({ today }: { today: string }) {
  const t = useTranslations("companies");
  const [state, action, pending] = useActionState<CompanyFormState, FormData>(authoriseAgentAction, {});
  const labels = { agent: t("agent"), itemCodes: t("itemCodes"), validFrom: t("validFrom"), validUntil: t("validUntil") };
  const { errors, formError, fieldErrors } = summary(state, labels);
  const values = state.values ?? {};
  return (
    <form action={action} className="flex max-w-xl flex-col gap-4" noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <Field id="agent" label={labels.agent} error={fieldErrors.agent}>
        <input id="agent" name="agent" className={input} autoComplete="off" defaultValue={values.agent} aria-invalid={fieldErrors.agent ? true : undefined} />
      </Field>
      <Field id="itemCodes" label={labels.itemCodes} hint={t("itemCodesHint")} error={fieldErrors.itemCodes}>
        <textarea id="itemCodes" name="itemCodes" rows={3} className={input} defaultValue={values.itemCodes} aria-describedby="itemCodes-hint" aria-invalid={fieldErrors.itemCodes ? true : undefined} />
      </Field>
      <Field id="validFrom" label={labels.validFrom} error={fieldErrors.validFrom}>
        <input id="validFrom" name="validFrom" type="date" className={input} defaultValue={values.validFrom ?? today} min={today} aria-invalid={fieldErrors.validFrom ? true : undefined} />
      </Field>
      <Field id="validUntil" label={labels.validUntil} hint={t("validUntilHint")} error={fieldErrors.validUntil}>
        <input id="validUntil" name="validUntil" type="date" className={input} defaultValue={values.validUntil} min={today} aria-describedby="validUntil-hint" aria-invalid={fieldErrors.validUntil ? true : undefined} />
      </Field>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name="mayAuthorise" defaultChecked={values.mayAuthorise === "on"} className="h-5 w-5" />
        {t("mayAuthorise")}
      </label>
      <div>
        <button type="submit" disabled={pending} className="min-h-12 rounded bg-brand-700 px-6 font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
          {t("submitAuthorise")}
        </button>
      </div>
    </form>
  );
}
