"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/action-result";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { saveSynonymsAction } from "./actions";

/** One synonym group: edit in place, or (without id) add a new one. Errors stay next to the field. */
export function SynonymForm({ id, terms, note }: Readonly<{ id?: string; terms: string; note: string }>) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(saveSynonymsAction, {
    ok: null,
    values: { terms, note },
  });
  const prefix = id ?? "new";
  const error = state.fieldErrors?.terms;
  return (
    <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      {id && <input type="hidden" name="id" value={id} />}
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor={`${prefix}-terms`} className="font-semibold">
          {t("admin.search.terms")}
        </label>
        {error && (
          <p id={`${prefix}-terms-error`} className="font-semibold text-accent-600">
            {t(error)}
          </p>
        )}
        <Input
          id={`${prefix}-terms`}
          name="terms"
          defaultValue={(state.values?.terms as string | undefined) ?? terms}
          key={(state.values?.terms as string | undefined) ?? terms}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${prefix}-terms-error` : undefined}
        />
      </div>
      <div className="flex flex-col gap-1 sm:w-56">
        <label htmlFor={`${prefix}-note`} className="font-semibold">
          {t("admin.search.note")}
        </label>
        <Input id={`${prefix}-note`} name="note" defaultValue={(state.values?.note as string | undefined) ?? note} />
      </div>
      <Button type="submit" disabled={pending}>
        {id ? t("admin.search.save") : t("admin.search.add")}
      </Button>
      <p role="status" className="sr-only">
        {state.done ? t(state.done) : state.formError && !error ? t(state.formError) : ""}
      </p>
      {state.formError && !error && <p className="font-semibold text-accent-600">{t(state.formError)}</p>}
    </form>
  );
}
