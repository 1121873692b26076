"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/action-result";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { setAvailabilityAction } from "./actions";

/** Suspend (with the public notice) or resume one item; errors stay next to the notice, text kept. */
export function AvailabilityForm({
  code,
  suspended,
  label,
}: Readonly<{ code: string; suspended: boolean; label: string }>) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(setAvailabilityAction, { ok: null });
  const error = state.fieldErrors?.notice;
  const id = `notice-${code}`;
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="action" value={suspended ? "resume" : "suspend"} />
      {!suspended && (
        <>
          <label htmlFor={id} className="text-sm font-semibold">
            {t("admin.items.notice")}
            <span className="sr-only">：{label}</span>
          </label>
          {error && (
            <p id={`${id}-error`} className="text-sm font-semibold text-accent-600">
              {t(error)}
            </p>
          )}
          <Textarea
            id={id}
            name="notice"
            rows={2}
            maxLength={500}
            defaultValue={state.values?.notice as string | undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {state.fieldErrors?.confirmed && (
            <p id={`${id}-confirmed-error`} className="text-sm font-semibold text-accent-600">
              {t(state.fieldErrors.confirmed)}
            </p>
          )}
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="confirmed"
              value="yes"
              required
              aria-invalid={state.fieldErrors?.confirmed ? true : undefined}
              aria-describedby={state.fieldErrors?.confirmed ? `${id}-confirmed-error` : undefined}
              className="size-5"
            />
            {t("admin.items.confirmSuspend")}
            <span className="sr-only">：{label}</span>
          </label>
        </>
      )}
      <Button type="submit" disabled={pending} variant="secondary" className="self-start">
        {suspended ? t("admin.items.resume") : t("admin.items.suspend")}
        <span className="sr-only">：{label}</span>
      </Button>
      {state.formError && !state.fieldErrors && (
        <p className="text-sm font-semibold text-accent-600">{t(state.formError)}</p>
      )}
      <p role="status" className="sr-only">
        {state.done ? t(state.done) : ""}
      </p>
    </form>
  );
}
