"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { FieldNotes } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import type { ActionResult, ActionState } from "@/app/_lib/action-result";
import type { FieldSpec } from "./form-state";

type Props = Readonly<{
  action: (previous: ActionState<unknown>, formData: FormData) => Promise<ActionResult<unknown>>;
  fields?: FieldSpec[];
  initial?: Record<string, string>;
  submitLabel: string;
  /** Names the form for screen readers when a page has several. */
  label?: string;
  variant?: "primary" | "secondary" | "danger";
  /** A one-button form (delete, move, deactivate) sits inline and shows its error next to the button. */
  inline?: boolean;
  idPrefix?: string;
  /** Read after the button's text by screen readers only: what the button acts on ("删除" → "删除：2026-10-01"). */
  srSuffix?: string;
}>;

/**
 * A plain form posting to a server action (works without JavaScript). Errors appear next to each field and in
 * the error summary, and every field keeps what was typed (except passwords).
 */
export function EntityForm({
  action,
  fields = [],
  initial = {},
  submitLabel,
  label,
  variant = "primary",
  inline = false,
  idPrefix = "f",
  srSuffix,
}: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(action, { ok: null });
  // A new answer remounts the inputs so they take the returned values (React resets a form after its action; an
  // answer equal to the last one resets them to the same values).
  const seq = JSON.stringify([state.values ?? null, state.fieldErrors ?? null, state.formError ?? null]);
  const values = (state.values as Record<string, string> | undefined) ?? initial;
  const visible = fields.filter((field) => field.type !== "hidden");
  const errors = visible
    .filter((field) => state.fieldErrors?.[field.name])
    .map((field) => ({
      field: `${idPrefix}-${field.name}`,
      message: state.fieldErrors?.[field.name] ?? "",
      label: field.label,
    }));

  if (inline) {
    return (
      <form action={formAction} aria-label={label} className="inline-flex flex-col gap-1">
        {fields.map((field) => (
          <input key={field.name} type="hidden" name={field.name} value={initial[field.name] ?? ""} />
        ))}
        {/* relative: the screen-reader text stays inside the table's scroll box instead of widening the page. */}
        <Button type="submit" disabled={pending} variant={variant} className="relative">
          {submitLabel}
          {srSuffix ? <span className="sr-only">：{srSuffix}</span> : null}
        </Button>
        {state.formError && (
          <p role="alert" className="text-sm font-semibold text-accent-600">
            {t(state.formError)}
          </p>
        )}
      </form>
    );
  }

  return (
    <form action={formAction} aria-label={label} className="flex flex-col gap-4" noValidate>
      <ErrorSummary errors={errors} formError={state.formError} />
      <div key={seq} className="grid gap-4 sm:grid-cols-2">
        {fields.map((field) => {
          const id = `${idPrefix}-${field.name}`;
          const value = values[field.name] ?? initial[field.name] ?? "";
          if (field.type === "hidden")
            return <input key={field.name} type="hidden" name={field.name} value={initial[field.name] ?? ""} />;
          const error = state.fieldErrors?.[field.name];
          const describedBy =
            [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
          const common = {
            id,
            name: field.name,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": describedBy,
            className: inputClass({ invalid: Boolean(error), className: "w-full" }),
          };
          if (field.type === "checkboxes") {
            const chosen = value.split(",");
            return (
              <fieldset
                key={field.name}
                id={id}
                tabIndex={-1}
                aria-describedby={describedBy}
                className="flex flex-col gap-1 sm:col-span-2"
              >
                <legend className="font-semibold">{field.label}</legend>
                <FieldNotes id={id} hint={field.hint} error={error} />
                <div className="flex flex-wrap gap-x-6">
                  {(field.options ?? []).map((option) => (
                    <label key={option.value} className="flex min-h-11 items-center gap-2">
                      <input
                        type="checkbox"
                        name={field.name}
                        value={option.value}
                        defaultChecked={chosen.includes(option.value)}
                        className="size-5"
                      />
                      {option.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          }
          return (
            <div
              key={field.name}
              className={`flex flex-col gap-1 ${field.wide || field.type === "textarea" ? "sm:col-span-2" : ""}`}
            >
              <label htmlFor={id} className="font-semibold">
                {field.label}
                {field.required === false ? (
                  <span className="font-normal text-ink-muted">{t("reference.optional")}</span>
                ) : null}
              </label>
              <FieldNotes id={id} hint={field.hint} error={error} />
              {field.type === "select" ? (
                <select {...common} defaultValue={value}>
                  {(field.options ?? []).map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.type === "textarea" ? (
                <textarea {...common} rows={3} maxLength={field.maxLength} defaultValue={value} />
              ) : (
                <input
                  {...common}
                  type={field.type ?? "text"}
                  maxLength={field.maxLength}
                  autoComplete={field.autoComplete}
                  defaultValue={field.type === "password" ? undefined : value}
                />
              )}
            </div>
          );
        })}
      </div>
      <Button type="submit" disabled={pending} variant={variant} className="self-start">
        {submitLabel}
      </Button>
    </form>
  );
}
