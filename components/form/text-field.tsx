"use client";

import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

type Props = Readonly<
  {
    id: string;
    label: string;
    hint?: string;
    /** A message key in the `errors` namespace, as the shared zod schema reports it. */
    error?: string;
    registration: UseFormRegisterReturn;
  } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">
>;

/** Label, hint, error and input, wired for screen readers; the error is text, never colour alone. */
export function TextField({ id, label, hint, error, registration, ...input }: Props) {
  const t = useTranslations();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`min-h-12 rounded border-2 bg-white px-3 text-ink ${error ? "border-accent-600" : "border-ink-muted"}`}
        {...input}
        {...registration}
      />
    </div>
  );
}
