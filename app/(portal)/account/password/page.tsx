import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ChangePasswordForm } from "./change-password-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("changePasswordTitle") };
}

/** 修改密码 (lib/accounts/passwords.ts): afterwards every session ends and the person signs in with the new one. */
export default async function ChangePasswordPage() {
  await requirePermission("portal.account", "/account/password");
  const t = await getTranslations("auth");
  const tAccount = await getTranslations("account");
  return (
    <>
      <Breadcrumbs items={[{ href: "/account", label: tAccount("title") }, { label: t("changePasswordTitle") }]} />
      <h1 className="mb-2 text-2xl font-bold">{t("changePasswordTitle")}</h1>
      <p className="mb-6 max-w-2xl text-ink-muted">{t("changePasswordIntro")}</p>
      <ChangePasswordForm />
    </>
  );
}
