"use client";

import { useEffect } from "react";
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";

type ServerState = { fieldErrors?: Record<string, string>; formError?: string };

/**
 * The errors of a react-hook-form form whose server action answers with message keys (the shared zod schema on
 * both sides): the server's field errors are set on the fields, `errorOf` gives a field's message, and the error
 * summary lists the browser's errors, or else the server's with its form-level message.
 */
export function useServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  state: ServerState,
  labels: Record<string, string>,
) {
  const { errors } = form.formState;
  useEffect(() => {
    for (const [field, message] of Object.entries(state.fieldErrors ?? {}))
      form.setError(field as FieldPath<T>, { type: "server", message });
  }, [state, form]);
  const messageOf = (field: string) => {
    const message = (errors as Record<string, { message?: unknown } | undefined>)[field]?.message;
    return typeof message === "string" ? message : undefined;
  };
  const inBrowser = Object.keys(errors)
    .map((field) => ({ field, label: labels[field], message: messageOf(field) ?? "" }))
    .filter((entry) => entry.message);
  const fromServer = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({
    field,
    label: labels[field],
    message,
  }));
  return {
    errorOf: (field: FieldPath<T>) => messageOf(field) ?? state.fieldErrors?.[field],
    summary: inBrowser.length > 0 ? inBrowser : fromServer,
    formError: inBrowser.length > 0 ? undefined : state.formError,
  };
}
