"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionResult, ActionState } from "@/app/_lib/action-result";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";

/**
 * A small form with a text area (and, for supervisors, a choice of comment or request) posting to a server action.
 * Keeps what was typed on every error; errors are shown next to the field and in the summary.
 */
export function NoteForm({
  action,
  hidden,
  idPrefix,
  textLabel,
  submitLabel,
  savedMessage,
  kinds,
}: Readonly<{
  action: (state: ActionState<unknown>, formData: FormData) => Promise<ActionResult<unknown>>;
  hidden: Record<string, string>;
  idPrefix: string;
  textLabel: string;
  submitLabel: string;
  savedMessage: string;
  kinds?: { legend: string; options: { value: string; label: string }[] };
}>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(action, { ok: null });
  const saved = state.ok === true;
  const values = (state.values ?? {}) as Record<string, string | undefined>;
  const errors = Object.entries(state.fieldErrors ?? {})
    .filter(([field]) => field === "text" || field === "kind")
    .map(([field, message]) => ({
      field: `${idPrefix}-${field}`,
      message,
      label: field === "text" ? textLabel : kinds?.legend,
    }));
  const formError = state.formError && errors.length === 0 ? state.formError : undefined;
  const textError = state.fieldErrors?.text;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {kinds && (
        <fieldset className="flex flex-col gap-2" id={`${idPrefix}-kind`}>
          <legend className="font-semibold">{kinds.legend}</legend>
          {kinds.options.map((option, index) => (
            <label key={option.value} className="flex min-h-11 items-center gap-2">
              <input
                type="radio"
                name="kind"
                value={option.value}
                defaultChecked={
                  (values.kind ?? kinds.options[0]?.value) === option.value || (!values.kind && index === 0)
                }
                className="h-5 w-5"
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-text`} className="font-semibold">
          {textLabel}
        </label>
        {textError && (
          <p id={`${idPrefix}-text-error`} className="font-semibold text-accent-600">
            {t(textError)}
          </p>
        )}
        <Textarea
          key={saved ? "saved" : "editing"}
          id={`${idPrefix}-text`}
          name="text"
          rows={4}
          maxLength={2000}
          defaultValue={values.text ?? ""}
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? `${idPrefix}-text-error` : undefined}
        />
      </div>
      {saved && (
        <p role="status" className="font-semibold text-ok">
          {savedMessage}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
