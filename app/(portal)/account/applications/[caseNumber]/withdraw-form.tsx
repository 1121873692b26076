"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { withdrawAction, type WithdrawState } from "../actions";

/** 撤回: a reason (optional) and a confirmation tick; errors next to the field and at the top. */
export function WithdrawForm({ caseNumber, version }: Readonly<{ caseNumber: string; version: number }>) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<WithdrawState, FormData>(withdrawAction, null);
  const confirmError = state && !state.ok ? state.fieldErrors?.confirm : undefined;
  if (state?.ok)
    return (
      <p role="status" className="font-semibold">
        {t("applications.case.withdrawn")}
      </p>
    );
  return (
    <form action={action} className="flex max-w-2xl flex-col gap-3">
      {state && !state.ok && (
        <div role="alert" className="rounded border-4 border-accent-600 p-3">
          <p className="font-semibold">{t(state.formError as never)}</p>
          {confirmError && (
            <a href="#withdraw-confirm" className="text-accent-600 underline underline-offset-4">
              {t(confirmError as never)}
            </a>
          )}
        </div>
      )}
      <input type="hidden" name="caseNumber" value={caseNumber} />
      <input type="hidden" name="expectedVersion" value={version} />
      <label htmlFor="withdraw-reason" className="font-semibold">
        {t("applications.case.withdrawReason")}
      </label>
      <Textarea id="withdraw-reason" name="reason" maxLength={500} rows={2} />
      <div className="flex items-start gap-3">
        <input
          id="withdraw-confirm"
          name="confirm"
          value="yes"
          type="checkbox"
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={confirmError ? "withdraw-confirm-error" : undefined}
          className="mt-1 h-6 w-6 shrink-0"
        />
        <label htmlFor="withdraw-confirm">{t("applications.case.withdrawConfirm")}</label>
      </div>
      {confirmError && (
        <p id="withdraw-confirm-error" className="font-semibold text-accent-600">
          {t(confirmError as never)}
        </p>
      )}
      <Button type="submit" disabled={pending} variant="danger" className="self-start">
        {t("applications.case.withdraw")}
      </Button>
    </form>
  );
}
