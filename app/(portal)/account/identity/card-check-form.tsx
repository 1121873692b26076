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
import { CARD_TYPES, CardCheckInput } from "@/lib/accounts/schemas";
import type { ActionState } from "@/app/_lib/action-result";
import { cardCheckAction } from "./actions";

type Values = z.input<typeof CardCheckInput>;

/** 银行卡/社保卡核验: the shared zod schema in the browser and on the server; works without JavaScript. */
export function CardCheckForm() {
  const t = useTranslations("account.identity");
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(cardCheckAction, { ok: null });
  const form = useForm<Values>({
    resolver: zodResolver(CardCheckInput),
    mode: "onTouched",
    defaultValues: { cardType: "BANK_CARD", cardNumber: "" },
  });
  const { errorOf, summary, formError } = useServerErrors(form, state, {
    cardType: t("cardType"),
    cardNumber: t("cardNumber"),
  });
  const typeError = errorOf("cardType");
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
      <ErrorSummary errors={summary} formError={formError} />
      <fieldset aria-describedby={typeError ? "cardType-error" : undefined}>
        <legend className="font-semibold">{t("cardType")}</legend>
        <FieldNotes id="cardType" error={typeError} />
        {CARD_TYPES.map((type) => (
          <label key={type} className="mt-2 flex min-h-11 items-center gap-3">
            <input
              type="radio"
              value={type}
              className="h-5 w-5"
              defaultChecked={(state.values?.cardType ?? "BANK_CARD") === type}
              {...form.register("cardType")}
            />
            {t(`cardTypes.${type}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        id="cardNumber"
        label={t("cardNumber")}
        hint={t("cardNumberHint")}
        inputMode="text"
        autoComplete="off"
        error={errorOf("cardNumber")}
        registration={form.register("cardNumber")}
      />
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
