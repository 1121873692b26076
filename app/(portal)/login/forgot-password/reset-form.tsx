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
import { ResetPassword } from "@/lib/accounts/schemas";
import type { ActionState } from "@/app/_lib/action-result";
import { resetPasswordAction } from "./actions";

/**
 * 找回密码: the phone, a code sent to it, the new password twice. The shared zod schema checks in the browser and
 * again on the server; without JavaScript the buttons post the same form and come back with the same messages.
 */
export function ResetPasswordForm() {
  const t = useTranslations("auth");
  const tIdentity = useTranslations("identity");
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(resetPasswordAction, {
    ok: null,
  });
  const form = useForm<ResetPassword>({
    resolver: zodResolver(ResetPassword),
    mode: "onTouched",
    defaultValues: {
      phone: (state.values?.phone as string | undefined) ?? "",
      smsCode: "",
      password: "",
      confirmPassword: "",
    },
  });
  const labels: Record<string, string> = {
    phone: t("phone"),
    smsCode: tIdentity("smsCode"),
    ...usePasswordFieldLabels("newPassword"),
  };
  const { errorOf, summary, formError } = useServerErrors(form, state, labels);
  return (
    <form
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
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
        {t("resetSubmit")}
      </button>
      <ErrorSummary errors={summary} formError={formError} />
      <input type="hidden" name="codeRequested" value={state.values?.codeRequested === "1" ? "1" : ""} />
      <TextField
        id="phone"
        label={t("phone")}
        hint={tIdentity("resetPhoneHint")}
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        defaultValue={state.values?.phone as string | undefined}
        error={errorOf("phone")}
        registration={form.register("phone")}
      />
      <SmsCodeButton
        requested={state.values?.codeRequested === "1"}
        pending={pending}
        requestedText={tIdentity("resetCodeRequested")}
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
      <PasswordFields label="newPassword" register={form.register} errorOf={errorOf} />
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {t("resetSubmit")}
        </Button>
      </div>
      <p>
        <Link href="/login" className="text-brand-700 underline underline-offset-4">
          {t("backToSignIn")}
        </Link>
      </p>
    </form>
  );
}
