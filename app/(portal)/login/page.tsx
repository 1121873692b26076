import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/http/return-path";
import { textParam } from "@/lib/http/params";
import { LoginForm } from "./login-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const t = await getTranslations("auth");
  const config = env();
  const callbackUrl = safeReturnPath(textParam(params.callbackUrl, 500), (await headers()).get("host"), "");
  const oidcName = config.OIDC_ISSUER ? (config.OIDC_DISPLAY_NAME ?? t("oidcDefaultName")) : null;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("signInTitle")}</h1>
      <p className="mb-6 max-w-2xl text-ink-muted">{t("signInIntro")}</p>
      {params.signedOut === "everywhere" && (
        <p role="status" className="mb-4 max-w-md rounded border-2 border-ok p-3 font-semibold text-ok">
          {t("signedOutEverywhere")}
        </p>
      )}
      <LoginForm callbackUrl={callbackUrl} oidcName={oidcName} registered={params.registered === "1"} />
    </>
  );
}
