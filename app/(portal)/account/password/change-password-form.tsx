"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect } from "react";
import { type FieldPath, useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { ChangePassword } from "@/lib/accounts/schemas";
import { changePasswordAction, type ChangePasswordState } from "./actions";

/** 修改密码: the shared zod schema in the browser and on the server; works without JavaScript. */
export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const [state, formAction, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const form = useForm<ChangePassword>({ resolver: zodResolver(ChangePassword), mode: "onTouched", defaultValues: { currentPassword: "", password: "", confirmPassword: "" } });
  const { errors } = form.formState;
  useEffect(() => {
    for (const [field, message] of Object.entries(state.fieldErrors ?? {})) form.setError(field as FieldPath<ChangePassword>, { type: "server", message });
  }, [state, form]);
  const labels: Record<string, string> = { currentPassword: t("currentPassword"), password: t("newPassword"), confirmPassword: t("confirmPassword") };
  const errorOf = (field: keyof ChangePassword) => errors[field]?.message ?? state.fieldErrors?.[field];
  const summary = (Object.keys(errors) as (keyof ChangePassword)[]).map((field) => ({ field, label: labels[field], message: errors[field]?.message ?? "" })).filter((entry) => entry.message);
  const serverSummary = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({ field, label: labels[field], message }));
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
      <ErrorSummary errors={summary.length > 0 ? summary : serverSummary} formError={summary.length > 0 || serverSummary.length > 0 ? undefined : state.formError} />
      <TextField id="currentPassword" label={t("currentPassword")} type="password" autoComplete="current-password" error={errorOf("currentPassword")} registration={form.register("currentPassword")} />
      <TextField id="password" label={t("newPassword")} hint={t("passwordHint")} type="password" autoComplete="new-password" error={errorOf("password")} registration={form.register("password")} />
      <TextField id="confirmPassword" label={t("confirmPassword")} type="password" autoComplete="new-password" error={errorOf("confirmPassword")} registration={form.register("confirmPassword")} />
      <div>
        <button type="submit" disabled={pending} className="min-h-12 rounded bg-brand-700 px-8 text-lg font-semibold text-white hover:bg-brand-800 disabled:opacity-70">
          {t("changePasswordSubmit")}
        </button>
      </div>
    </form>
  );
}
