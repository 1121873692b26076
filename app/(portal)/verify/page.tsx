import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { VerifyForm } from "./verify-form";

export async function generateMetadata() {
  return { title: (await getTranslations("cases.verify"))("title") };
}

/** The public e-licence check: number and check code (the certificate's QR code opens /verify/{number}?code=…). */
export default async function VerifyLicence({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const t = await getTranslations("cases.verify");
  const { number, code } = await searchParams;
  if (typeof number === "string" && number.trim() && typeof code === "string" && code.trim())
    redirect(
      `/verify/${encodeURIComponent(number.trim().slice(0, 64))}?code=${encodeURIComponent(code.trim().slice(0, 16))}`,
    );
  return (
    <VerifyForm
      title={t("title")}
      intro={t("intro")}
      labels={{ number: t("number"), code: t("code"), check: t("check") }}
    />
  );
}
