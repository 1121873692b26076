import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "./reset-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("resetTitle") };
}

/** 找回密码 for citizens and company agents, by a code sent to the account's phone (lib/accounts/passwords.ts). */
export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("resetTitle")}</h1>
      <p className="mb-6 max-w-2xl text-ink-muted">{t("resetIntro")}</p>
      <ResetPasswordForm />
    </>
  );
}
