"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { useServerErrors } from "@/components/form/use-server-errors";
import { PasswordFields, usePasswordFieldLabels } from "@/components/form/password-fields";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { ChangePassword } from "@/lib/accounts/schemas";
import type { ActionState } from "@/app/_lib/action-result";
import { changePasswordAction } from "./actions";

/** 修改密码: the shared zod schema in the browser and on the server; works without JavaScript. */
export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState<ActionState<unknown>, FormData>(changePasswordAction, {
    ok: null,
  });
  const form = useForm<ChangePassword>({
    resolver: zodResolver(ChangePassword),
    mode: "onTouched",
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
  });
  const labels: Record<string, string> = {
    currentPassword: t("currentPassword"),
    ...usePasswordFieldLabels("newPassword"),
  };
  const { errorOf, summary, formError } = useServerErrors(form, state, labels);
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
      <TextField
        id="currentPassword"
        label={t("currentPassword")}
        type="password"
        autoComplete="current-password"
        error={errorOf("currentPassword")}
        registration={form.register("currentPassword")}
      />
      <PasswordFields label="newPassword" register={form.register} errorOf={errorOf} />
      <div>
        <Button type="submit" disabled={pending} size="lg">
          {t("changePasswordSubmit")}
        </Button>
      </div>
    </form>
  );
}
