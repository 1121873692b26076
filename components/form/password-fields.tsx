"use client";

import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "./text-field";

/** The two fields of the pair, named as the shared schema names them (`newPasswordPair` in lib/accounts/schemas.ts). */
export type PasswordPairField = "password" | "confirmPassword";

/**
 * The first field's label: 密码 where an account gets its first password (registration), 新密码 where one replaces
 * another (找回密码, 修改密码). The e2e tests find the fields by these labels.
 */
export type PasswordFieldsLabel = "password" | "newPassword";

/** The pair's labels, for the fields and for the form's error summary, so both name a field the same way. */
export function usePasswordFieldLabels(label: PasswordFieldsLabel): Record<PasswordPairField, string> {
  const t = useTranslations("auth");
  return { password: t(label), confirmPassword: t("confirmPassword") };
}

/**
 * The new password typed twice, as registration, 找回密码 and 修改密码 ask for it: the rule as a hint, both fields
 * `autocomplete="new-password"` (a password manager offers to generate and save one), and each field's error from
 * the form's `errorOf` (the browser's or the server's message key), wired through TextField. Plain inputs of a
 * react-hook-form form, so the form still posts without JavaScript.
 */
export function PasswordFields({
  label,
  register,
  errorOf,
}: Readonly<{
  label: PasswordFieldsLabel;
  /** The form's `form.register`. */
  register: (field: PasswordPairField) => UseFormRegisterReturn;
  /** The form's `errorOf` from useServerErrors. */
  errorOf: (field: PasswordPairField) => string | undefined;
}>) {
  const t = useTranslations("auth");
  const labels = usePasswordFieldLabels(label);
  return (
    <>
      <TextField
        id="password"
        label={labels.password}
        hint={t("passwordHint")}
        type="password"
        autoComplete="new-password"
        error={errorOf("password")}
        registration={register("password")}
      />
      <TextField
        id="confirmPassword"
        label={labels.confirmPassword}
        type="password"
        autoComplete="new-password"
        error={errorOf("confirmPassword")}
        registration={register("confirmPassword")}
      />
    </>
  );
}
