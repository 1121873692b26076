"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { SignIn } from "@/lib/accounts/schemas";

type Props = Readonly<{ callbackUrl: string; oidcName: string | null; registered: boolean }>;

/** Maps next-auth's error string to a translated message (throttling carries its wait time). */
function describe(error: string): { key: string; minutes?: number } {
  const throttled = /^THROTTLED:(auth\.\w+):(\d+)$/.exec(error);
  if (throttled)
    return { key: throttled[1] ?? "auth.throttledAccount", minutes: Math.max(1, Math.ceil(Number(throttled[2]) / 60)) };
  if (error === "CredentialsSignin") return { key: "auth.invalidCredentials" };
  if (error === "SECOND_FACTOR_WRONG") return { key: "auth.invalidSecondFactor" };
  return { key: "auth.unexpected" };
}

export function LoginForm({ callbackUrl, oidcName, registered }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<{ key: string; minutes?: number } | null>(null);
  // Staff: the password was right and the second factor's code is asked for; username and password stay filled.
  const [askCode, setAskCode] = useState(false);
  const form = useForm<SignIn>({
    resolver: zodResolver(SignIn),
    defaultValues: { username: "", password: "", otp: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (result?.error === "SECOND_FACTOR") {
      setAskCode(true);
      form.setFocus("otp");
      return;
    }
    if (!result || result.error) {
      setFailure(describe(result?.error ?? "unexpected"));
      if (result?.error === "SECOND_FACTOR_WRONG") {
        form.setValue("otp", "");
        form.setFocus("otp");
        return;
      }
      setAskCode(false);
      form.setValue("otp", "");
      form.setValue("password", "");
      return;
    }
    router.replace(`/login/continue?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    router.refresh();
  });

  const summary = (["username", "password", "otp"] as const)
    .filter((field) => errors[field]?.message)
    .map((field) => ({ field, label: t(`auth.${field}`), message: errors[field]?.message ?? "" }));

  return (
    <div className="flex max-w-md flex-col gap-5">
      {registered && (
        <p role="status" className="rounded border-2 border-ok p-3 font-semibold text-ok">
          {t("auth.registered")}
        </p>
      )}
      <ErrorSummary errors={summary} />
      {askCode && !failure && (
        <p role="status" className="rounded border-2 border-brand-700 p-3 font-semibold">
          {t("auth.secondFactorRequired")}
        </p>
      )}
      {failure && (
        <p role="alert" className="rounded border-4 border-accent-600 p-3 font-semibold">
          {t(failure.key, { minutes: failure.minutes ?? 0 })}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        <TextField
          id="username"
          label={t("auth.username")}
          autoComplete="username"
          error={errors.username?.message}
          registration={form.register("username")}
        />
        <TextField
          id="password"
          label={t("auth.password")}
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          registration={form.register("password")}
        />
        {askCode && (
          <TextField
            id="otp"
            label={t("auth.otp")}
            hint={t("auth.otpHint")}
            autoComplete="one-time-code"
            error={errors.otp?.message}
            registration={form.register("otp")}
          />
        )}
        <div>
          <Button type="submit" disabled={isSubmitting} size="lg">
            {isSubmitting ? t("auth.signingIn") : t("auth.submitSignIn")}
          </Button>
        </div>
      </form>
      {oidcName && (
        <>
          <p className="text-ink-muted">{t("auth.or")}</p>
          <Button
            type="button"
            onClick={() =>
              void signIn("oidc", { callbackUrl: `/login/continue?callbackUrl=${encodeURIComponent(callbackUrl)}` })
            }
            variant="secondary"
            size="lg"
          >
            {t("auth.oidcSignIn", { name: oidcName })}
          </Button>
        </>
      )}
      <p>
        <Link href="/login/forgot-password" className="text-brand-700 underline underline-offset-4">
          {t("auth.forgotPassword")}
        </Link>
      </p>
      <p>
        {t("auth.noAccount")}{" "}
        <Link href="/register" className="text-brand-700 underline underline-offset-4">
          {t("auth.registerLink")}
        </Link>
      </p>
    </div>
  );
}
