"use client";

import { useTranslations } from "next-intl";
import { inputClass, type InputSize } from "@/components/ui/input";

/**
 * Label, hint, error (text, not colour alone) and one control, wired for screen readers: the control gets its id,
 * aria-invalid, aria-describedby and class through the render prop. For plain server-action forms; react-hook-form
 * fields use TextField. The class is components/ui/input.tsx's, `size` its height.
 */
export function Field({
  id,
  label,
  error,
  hint,
  size,
  children,
}: Readonly<{
  id: string;
  label: string;
  error?: string;
  hint?: string;
  size?: InputSize;
  children: (props: {
    id: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
    className: string;
  }) => React.ReactNode;
}>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <FieldNotes id={id} hint={hint} error={error} />
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        className: inputClass({ invalid: Boolean(error), size }),
      })}
    </div>
  );
}

/** A field's hint and its error, with the ids its control's aria-describedby names (`${id}-hint`, `${id}-error`). */
export function FieldNotes({ id, hint, error }: Readonly<{ id: string; hint?: string; error?: string }>) {
  const t = useTranslations();
  return (
    <>
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
    </>
  );
}
