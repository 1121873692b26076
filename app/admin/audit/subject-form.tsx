"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionState } from "@/app/_lib/action-result";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { findReadSubjectAction } from "./actions";

/**
 * Who read one person's data: an ID number or a case number, posted (never put in the address) and turned into
 * the audit search's `subject` filter by the action, which then opens the search.
 */
export function SubjectForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionState<unknown>, FormData>(findReadSubjectAction, { ok: null });
  return (
    <form action={action} method="post" className="mb-4 flex flex-col gap-2 rounded border-2 border-ink-muted p-3">
      <label htmlFor="read-subject" className="font-semibold">
        {t("readLog.search.subjectLabel")}
      </label>
      <p id="read-subject-hint" className="text-sm text-ink-muted">
        {t("readLog.search.subjectHint")}
      </p>
      {state.formError && (
        <p id="read-subject-error" role="alert" className="text-sm font-semibold text-accent-600">
          {t(state.formError)}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <Input
          id="read-subject"
          name="subject"
          type="text"
          autoComplete="off"
          maxLength={40}
          aria-invalid={state.formError ? true : undefined}
          aria-describedby={state.formError ? "read-subject-hint read-subject-error" : "read-subject-hint"}
        />
        <Button type="submit" disabled={pending}>
          {t("readLog.search.find")}
        </Button>
      </div>
    </form>
  );
}
