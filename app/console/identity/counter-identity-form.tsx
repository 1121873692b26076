"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ErrorSummary } from "@/components/form/error-summary";
import { FieldNotes } from "@/components/form/field";
import { TextField } from "@/components/form/text-field";
import { useServerErrors } from "@/components/form/use-server-errors";
import { Button } from "@/components/ui/button";
import { CounterIdentityInput, IDENTITY_CHECKS } from "@/lib/accounts/schemas";
import type { ActionState } from "@/app/_lib/action-result";
import { type CounterVerification, verifyAtCounterAction } from "./actions";

type Values = z.input<typeof CounterIdentityInput>;

/** The clerk's 实名核验 form: the shared zod schema in the browser and on the server; works without JavaScript. */
export function CounterIdentityForm() {
  const t = useTranslations("cases.counter");
  const tIdentity = useTranslations("account.identity.counter");
  const [state, formAction, pending] = useActionState<ActionState<CounterVerification>, FormData>(
    verifyAtCounterAction,
    {
      ok: null,
    },
  );
  const done = state.ok ? state.value : null;
  const form = useForm<Values>({
    resolver: zodResolver(CounterIdentityInput),
    mode: "onTouched",
    // Without JavaScript the page comes back from the action: what was entered is shown again from the state.
    defaultValues: {
      realName: (state.values?.realName as string | undefined) ?? "",
      idNumber: (state.values?.idNumber as string | undefined) ?? "",
      identityCheck: (state.values?.identityCheck as Values["identityCheck"]) ?? "ORIGINAL_DOCUMENT",
    },
  });
  const labels = {
    realName: t("realName"),
    idNumber: t("idNumber"),
    identityCheck: t("identityCheck"),
    identityConfirmed: t("identityConfirmed"),
  };
  const { errorOf, summary, formError } = useServerErrors(form, state, labels);
  const checkError = errorOf("identityCheck");
  const confirmError = errorOf("identityConfirmed");
  return (
    <form
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        void form.handleSubmit(() => startTransition(() => formAction(data)))(event);
      }}
      className="flex max-w-xl flex-col gap-5"
    >
      {done && (
        <p
          role="status"
          className="rounded border-2 border-brand-700 bg-brand-50 p-3 font-semibold"
          data-testid="identity-verified"
        >
          {done.after > done.before
            ? tIdentity("done", { name: done.realName, before: done.before, after: done.after })
            : tIdentity("doneUnchanged", { name: done.realName, after: done.after })}
        </p>
      )}
      <ErrorSummary errors={summary} formError={formError} />
      <TextField
        id="realName"
        label={t("realName")}
        autoComplete="off"
        error={errorOf("realName")}
        registration={form.register("realName")}
      />
      <TextField
        id="idNumber"
        label={t("idNumber")}
        autoComplete="off"
        error={errorOf("idNumber")}
        registration={form.register("idNumber")}
      />
      <fieldset aria-describedby={checkError ? "identityCheck-error" : undefined}>
        <legend className="font-semibold">{t("identityCheck")}</legend>
        <FieldNotes id="identityCheck" error={checkError} />
        {IDENTITY_CHECKS.map((check) => (
          <label key={check} className="mt-2 flex min-h-11 items-center gap-3">
            <input type="radio" value={check} className="h-5 w-5" {...form.register("identityCheck")} />
            {t(`identityChecks.${check}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <label className="flex min-h-11 items-center gap-3 font-semibold">
          <input
            type="checkbox"
            className="h-5 w-5"
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? "identityConfirmed-error" : undefined}
            {...form.register("identityConfirmed")}
          />
          {t("identityConfirmed")}
        </label>
        <FieldNotes id="identityConfirmed" error={confirmError} />
      </div>
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {tIdentity("submit")}
        </Button>
      </div>
    </form>
  );
}
