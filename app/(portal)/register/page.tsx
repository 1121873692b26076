import { getTranslations } from "next-intl/server";
import { RegisterForm } from "./register-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("registerTitle") };
}

export default async function RegisterPage() {
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("registerTitle")}</h1>
      <p className="mb-6 max-w-2xl text-ink-muted">{t("registerIntro")}</p>
      <RegisterForm />
    </>
  );
}
