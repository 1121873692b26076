import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInErrorMessage } from "@/lib/auth/oidc-claims";
import { getSignedIn } from "@/lib/auth/session";
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
  const tIdentity = await getTranslations("identity");
  const config = env();
  const host = (await headers()).get("host");
  const callbackUrl = safeReturnPath(textParam(params.callbackUrl, 500), host, "");
  // Signed in with the password but the staff second factor still to prove: that step, not a second sign-in.
  if ((await getSignedIn())?.secondFactorPending)
    redirect(`/login/second-factor${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`);
  const oidcName = config.OIDC_ISSUER ? (config.OIDC_DISPLAY_NAME ?? t("oidcDefaultName")) : null;
  // Back from the unified identity provider without a session: why (lib/auth/oidc-claims.ts), or a general message.
  const signInError = signInErrorMessage(textParam(params.error, 80));
  // Sessions belong to the public address (NEXTAUTH_URL): signed in under another name for this server (127.0.0.1
  // for localhost), the cookie would be set where the next page never sends it. Say so, and link the right address.
  const publicAddress = config.NEXTAUTH_URL ? new URL(config.NEXTAUTH_URL) : null;
  if (publicAddress && host && host.toLowerCase() !== publicAddress.host.toLowerCase()) {
    const target = `${publicAddress.origin}/login${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;
    return (
      <>
        <h1 className="mb-2 text-2xl font-bold">{t("signInTitle")}</h1>
        <div role="alert" className="max-w-2xl rounded border-4 border-accent-600 p-4">
          <p className="mb-3">{tIdentity("wrongAddress", { address: publicAddress.origin })}</p>
          <a href={target} className="font-semibold text-brand-700 underline underline-offset-4">
            {tIdentity("wrongAddressLink", { address: publicAddress.host })}
          </a>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("signInTitle")}</h1>
      <p className="mb-6 max-w-2xl text-ink-muted">{t("signInIntro")}</p>
      {(params.passwordReset === "1" || params.passwordChanged === "1") && (
        <p role="status" className="mb-4 max-w-md rounded border-2 border-ok p-3 font-semibold text-ok">
          {t(params.passwordReset === "1" ? "passwordReset" : "passwordChanged")}
        </p>
      )}
      {params.signedOut === "everywhere" && (
        <p role="status" className="mb-4 max-w-md rounded border-2 border-ok p-3 font-semibold text-ok">
          {t("signedOutEverywhere")}
        </p>
      )}
      {signInError && (
        <p role="alert" className="mb-4 max-w-2xl rounded border-4 border-accent-600 p-3 font-semibold">
          {tIdentity(signInError)}
        </p>
      )}
      <LoginForm callbackUrl={callbackUrl} oidcName={oidcName} registered={params.registered === "1"} />
    </>
  );
}
