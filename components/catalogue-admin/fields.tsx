"use client";

import { useTranslations } from "next-intl";
import { type FieldErrors, type FieldValues, get, type UseFormRegister } from "react-hook-form";
import { inputClass } from "@/components/ui/input";

/**
 * Small, accessible inputs for the catalogue editor, bound to react-hook-form by name. Every control has a
 * visible label, its error as text under the label (never colour alone), and aria wiring; ids follow the field
 * path so the error summary can link to them.
 */

export type Option = { value: string; label: string };

type Common = {
  name: string;
  label: string;
  hint?: string;
  register: UseFormRegister<FieldValues>;
  errors: FieldErrors;
  disabled?: boolean;
};

export function fieldId(name: string): string {
  return `f-${name.replaceAll(".", "-")}`;
}

function useFieldError(errors: FieldErrors, name: string): string | undefined {
  const error = get(errors, name) as { message?: string } | undefined;
  return typeof error?.message === "string" ? error.message : undefined;
}

function Label({ id, label, hint, error }: { id: string; label: string; hint?: string; error?: string }) {
  const t = useTranslations();
  return (
    <>
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-semibold text-accent-600">
          <span aria-hidden="true">✕ </span>
          {t.has(error) ? t(error) : error}
        </p>
      )}
    </>
  );
}

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

const controlClass = (error?: string) => inputClass({ invalid: Boolean(error), className: "w-full" });

export function TextInput({
  name,
  label,
  hint,
  register,
  errors,
  disabled,
  type = "text",
  maxLength,
}: Common & { type?: "text" | "number"; maxLength?: number }) {
  const id = fieldId(name);
  const error = useFieldError(errors, name);
  return (
    <div className="flex flex-col gap-1">
      <Label id={id} label={label} hint={hint} error={error} />
      <input
        id={id}
        type={type}
        inputMode={type === "number" ? "numeric" : undefined}
        maxLength={maxLength}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={controlClass(error)}
        {...register(
          name,
          type === "number"
            ? { setValueAs: (value: string) => (value === "" || value === null ? null : Number(value)) }
            : undefined,
        )}
      />
    </div>
  );
}

export function TextArea({ name, label, hint, register, errors, disabled, rows = 3 }: Common & { rows?: number }) {
  const id = fieldId(name);
  const error = useFieldError(errors, name);
  return (
    <div className="flex flex-col gap-1 sm:col-span-2">
      <Label id={id} label={label} hint={hint} error={error} />
      <textarea
        id={id}
        rows={rows}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={controlClass(error)}
        {...register(name)}
      />
    </div>
  );
}

export function Select({
  name,
  label,
  hint,
  register,
  errors,
  disabled,
  options,
  allowEmpty,
}: Common & { options: Option[]; allowEmpty?: string }) {
  const id = fieldId(name);
  const error = useFieldError(errors, name);
  return (
    <div className="flex flex-col gap-1">
      <Label id={id} label={label} hint={hint} error={error} />
      <select
        id={id}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={controlClass(error)}
        {...register(
          name,
          allowEmpty !== undefined ? { setValueAs: (value: string) => (value === "" ? null : value) } : undefined,
        )}
      >
        {allowEmpty !== undefined && <option value="">{allowEmpty}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({ name, label, hint, register, errors, disabled }: Common) {
  const id = fieldId(name);
  const error = useFieldError(errors, name);
  return (
    <div className="flex flex-col gap-1">
      {error && (
        <p id={`${id}-error`} className="text-sm font-semibold text-accent-600">
          <ErrorText message={error} />
        </p>
      )}
      <div className="flex min-h-11 items-center gap-2">
        <input
          id={id}
          type="checkbox"
          disabled={disabled}
          className="size-5"
          aria-describedby={describedBy(id, hint, error)}
          {...register(name)}
        />
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
    </div>
  );
}

function ErrorText({ message }: { message: string }) {
  const t = useTranslations();
  return (
    <>
      <span aria-hidden="true">✕ </span>
      {t.has(message) ? t(message) : message}
    </>
  );
}

/** A group of checkboxes whose checked values form an array (audiences, channels, online depth …). */
export function CheckboxGroup({
  name,
  label,
  hint,
  register,
  errors,
  disabled,
  options,
}: Common & { options: Option[] }) {
  const id = fieldId(name);
  const error = useFieldError(errors, name);
  return (
    <fieldset className="flex flex-col gap-1 sm:col-span-2" aria-describedby={describedBy(id, hint, error)} id={id}>
      <legend className="font-semibold">{label}</legend>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-semibold text-accent-600">
          <ErrorText message={error} />
        </p>
      )}
      <div className="flex flex-wrap gap-x-4">
        {options.map((option) => (
          <label key={option.value} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" value={option.value} disabled={disabled} className="size-5" {...register(name)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
