"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionResult, ActionState, FormValues } from "@/app/_lib/action-result";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";

/**
 * One accessible form for the feedback pages (rating, reply, review, question, answer): labels, hints, errors
 * next to each field and in the summary, values kept on every error. The server action answers `ActionResult`
 * (app/_lib/action.ts).
 */

export type FieldSpec = {
  name: string;
  label: string;
  hint?: string;
  type: "text" | "textarea" | "date" | "radio" | "checkboxes" | "checkbox";
  options?: { value: string; label: string }[];
  required?: boolean;
  maxLength?: number;
};

type Props = Readonly<{
  id: string;
  action: (state: ActionState<unknown>, formData: FormData) => Promise<ActionResult<unknown>>;
  fields: FieldSpec[];
  initial: FormValues;
  hidden?: Record<string, string>;
  submitLabel: string;
}>;

const asList = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export function ActionForm({ id, action, fields, initial, hidden = {}, submitLabel }: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(action, {
    ok: null,
    values: initial,
  });
  const values = state.values ?? {};
  const labels = new Map(fields.map((field) => [field.name, field.label]));
  const errors = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({
    field: `${id}-${field}`,
    message,
    label: labels.get(field),
  }));
  const stamp = JSON.stringify(values).length + (state.fieldErrors ? Object.keys(state.fieldErrors).join() : "");
  return (
    <>
      {/* A field's own message says it better than the form's general one. */}
      <ErrorSummary errors={errors} formError={errors.length > 0 ? undefined : state.formError} />
      {state.done && (
        <p role="status" className="mb-4 rounded border-4 border-ok p-3 font-semibold">
          {t(state.done)}
        </p>
      )}
      <form action={formAction} className="flex max-w-2xl flex-col gap-5" noValidate>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {fields.map((field) => {
          const error = state.fieldErrors?.[field.name];
          const fieldId = `${id}-${field.name}`;
          const describedBy =
            [field.hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(" ") ||
            undefined;
          const value = values[field.name];
          const hint = field.hint && (
            <p id={`${fieldId}-hint`} className="text-sm text-ink-muted">
              {field.hint}
            </p>
          );
          const errorText = error && (
            <p id={`${fieldId}-error`} className="font-semibold text-accent-600">
              <span aria-hidden="true">✕ </span>
              {t(error)}
            </p>
          );
          if (field.type === "radio" || field.type === "checkboxes") {
            const chosen = asList(value);
            return (
              <fieldset
                key={`${field.name}-${stamp}`}
                id={fieldId}
                tabIndex={-1}
                aria-describedby={describedBy}
                className="flex flex-col gap-2"
              >
                <legend className="mb-1 font-semibold">{field.label}</legend>
                {hint}
                {errorText}
                <div className="flex flex-wrap gap-2">
                  {field.options?.map((option) => (
                    <label
                      key={option.value}
                      className="flex min-h-11 cursor-pointer items-center gap-2 rounded border-2 border-line px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-surface"
                    >
                      <input
                        type={field.type === "radio" ? "radio" : "checkbox"}
                        name={field.name}
                        value={option.value}
                        defaultChecked={chosen.includes(option.value)}
                        className="h-5 w-5"
                      />
                      {option.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          }
          if (field.type === "checkbox") {
            return (
              <div key={`${field.name}-${stamp}`} className="flex flex-col gap-1">
                {errorText}
                <label htmlFor={fieldId} className="flex min-h-11 items-center gap-2">
                  <input
                    id={fieldId}
                    type="checkbox"
                    name={field.name}
                    defaultChecked={value === "on"}
                    aria-describedby={describedBy}
                    className="h-5 w-5"
                  />
                  <span className="font-semibold">{field.label}</span>
                </label>
                {hint}
              </div>
            );
          }
          const common = {
            id: fieldId,
            name: field.name,
            defaultValue: typeof value === "string" ? value : "",
            maxLength: field.maxLength,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": describedBy,
          };
          return (
            <div key={`${field.name}-${stamp}`} className="flex flex-col gap-1">
              <label htmlFor={fieldId} className="font-semibold">
                {field.label}
                {!field.required && <span className="font-normal text-ink-muted"> {t("feedback.optional")}</span>}
              </label>
              {hint}
              {errorText}
              {field.type === "textarea" ? (
                <Textarea rows={5} {...common} size="lg" />
              ) : (
                <Input type={field.type} {...common} size="lg" />
              )}
            </div>
          );
        })}
        <Button type="submit" disabled={pending} size="lg" className="self-start">
          {submitLabel}
        </Button>
      </form>
    </>
  );
}
