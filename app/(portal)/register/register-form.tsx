"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { useServerErrors } from "@/components/form/use-server-errors";
import { SmsCodeButton } from "@/components/form/sms-code-button";
import { PasswordFields, usePasswordFieldLabels } from "@/components/form/password-fields";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { RegisterAccount } from "@/lib/accounts/schemas";
import type { ActionState } from "@/app/_lib/action-result";
import { registerAction } from "./actions";

/**
 * Registration: the shared zod schema validates in the browser (react-hook-form) and again on the server.
 * Without JavaScript the form posts to the same server action and comes back with the same messages.
 */
export function RegisterForm() {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(registerAction, { ok: null });
  const values = (state.values ?? {}) as Record<string, string>;
  const form = useForm<RegisterAccount>({
    resolver: zodResolver(RegisterAccount),
    mode: "onTouched",
    defaultValues: {
      accountType: values.accountType === "company" ? "company" : "citizen",
      realName: values.realName ?? "",
      idNumber: values.idNumber ?? "",
      phone: values.phone ?? "",
      smsCode: "",
      password: "",
      confirmPassword: "",
    },
  });
  const tIdentity = useTranslations("identity");
  const labels: Record<string, string> = {
    accountType: t("accountType"),
    realName: t("realName"),
    idNumber: t("idNumber"),
    phone: t("phone"),
    smsCode: tIdentity("smsCode"),
    ...usePasswordFieldLabels("password"),
  };
  const { errorOf, summary, formError } = useServerErrors(form, state, labels);

  return (
    <form
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(element, submitter);
        // "Get code" needs only the phone; the whole form is checked when registering.
        if (data.get("intent") === "sendCode") {
          void form.trigger("phone").then((valid) => valid && startTransition(() => formAction(data)));
          return;
        }
        void form.handleSubmit(() => startTransition(() => formAction(data)))(event);
      }}
      className="flex max-w-xl flex-col gap-5"
    >
      {/* Enter in any field submits the form, not "get code": a form's first submit button is its default one. */}
      <button type="submit" tabIndex={-1} aria-hidden="true" className="sr-only">
        {t("submitRegister")}
      </button>
      <ErrorSummary errors={summary} formError={formError} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold">{t("accountType")}</legend>
        {(["citizen", "company"] as const).map((type) => (
          <label key={type} className="flex min-h-11 items-center gap-3">
            <input
              type="radio"
              value={type}
              defaultChecked={(values.accountType ?? "citizen") === type}
              className="h-5 w-5"
              {...form.register("accountType")}
            />
            {type === "citizen" ? t("accountTypeCitizen") : t("accountTypeCompany")}
          </label>
        ))}
        <p className="text-sm text-ink-muted">{tIdentity("companyAccountNote")}</p>
      </fieldset>
      <TextField
        id="realName"
        label={t("realName")}
        autoComplete="name"
        defaultValue={values.realName}
        error={errorOf("realName")}
        registration={form.register("realName")}
      />
      <TextField
        id="idNumber"
        label={t("idNumber")}
        hint={t("idNumberHint")}
        autoComplete="off"
        defaultValue={values.idNumber}
        error={errorOf("idNumber")}
        registration={form.register("idNumber")}
      />
      <TextField
        id="phone"
        label={t("phone")}
        hint={t("phoneHint")}
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        defaultValue={values.phone}
        error={errorOf("phone")}
        registration={form.register("phone")}
      />
      <SmsCodeButton
        requested={values.codeRequested === "1"}
        pending={pending}
        requestedText={tIdentity("codeRequested")}
      />
      <TextField
        id="smsCode"
        label={tIdentity("smsCode")}
        hint={tIdentity("smsCodeHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={12}
        error={errorOf("smsCode")}
        registration={form.register("smsCode")}
      />
      <PasswordFields label="password" register={form.register} errorOf={errorOf} />
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {pending ? t("registering") : t("submitRegister")}
        </Button>
      </div>
      <p>
        {t("haveAccount")}{" "}
        <Link href="/login" className="text-brand-700 underline underline-offset-4">
          {t("signInLink")}
        </Link>
      </p>
    </form>
  );
}
