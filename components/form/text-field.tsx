"use client";

import { Field } from "./field";
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
  } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "className">
>;

/** Label, hint, error and input, wired for screen readers (through Field); the error is text, never colour alone. */
export function TextField({ id, label, hint, error, registration, ...input }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error} size="lg">
      {(props) => <input {...props} {...input} {...registration} />}
    </Field>
  );
}
