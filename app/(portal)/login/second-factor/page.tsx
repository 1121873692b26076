import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { homeFor, secondFactorRecent } from "@/lib/auth/policy";
import { beginTotpEnrolment, secondFactorStatus } from "@/lib/auth/second-factor";
import { getActor, getSignedIn } from "@/lib/auth/session";
import { textParam } from "@/lib/http/params";
import { safeReturnPath } from "@/lib/http/return-path";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { EnrolForm, RenewRecoveryCodes, VerifyForm } from "./forms";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("auth.secondFactor"))("title") };
}

/**
 * The staff second factor (lib/auth/second-factor.ts), one page for its three moments: enrolment (a staff session
 * without a factor may come only here), entering a code to go on, and proving it again before a sensitive action
 * (`callbackUrl` names where to return). Applicants have nothing to do here.
 */
export default async function SecondFactorPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(textParam(params.callbackUrl, 500), (await headers()).get("host"), "");
  const here = `/login/second-factor${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;
  const signedIn = await getSignedIn();
  if (!signedIn) redirect(`/login?callbackUrl=${encodeURIComponent(here)}`);
  const { user } = signedIn;
  if (!signedIn.usesSecondFactor) redirect(callbackUrl || homeFor(user.role));
  const t = await getTranslations("auth.secondFactor");
  const next = callbackUrl && !callbackUrl.startsWith("/login") ? callbackUrl : homeFor(user.role);
  const status = await secondFactorStatus(user.id);
  // The header shows nobody signed in until the factor is proven: say who this is, and offer to sign out here.
  const [tAuth, tRoles] = await Promise.all([getTranslations("auth"), getTranslations("roles")]);
  const signOut = signedIn.secondFactorPending ? (
    <p className="mt-8 flex flex-wrap items-center gap-2 text-ink-muted">
      {tAuth("signedInAs", { name: user.realName, role: tRoles(user.role) })}
      <SignOutButton />
    </p>
  ) : null;

  if (!status.enabledAt) {
    const enrolment = await beginTotpEnrolment(user.id);
    const qr = await QRCode.toDataURL(enrolment.uri, { margin: 2, width: 240, errorCorrectionLevel: "M" });
    return (
      <>
        <h1 className="mb-2 text-2xl font-bold">{t("enrolTitle")}</h1>
        <p className="mb-6 max-w-2xl text-ink-muted">{t("enrolIntro")}</p>
        <EnrolForm next={next} qr={qr} secret={enrolment.secret} />
        {signOut}
      </>
    );
  }

  const actor = await getActor();
  const format = await getFormatter();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      {actor && secondFactorRecent(actor) && !callbackUrl ? (
        <section aria-labelledby="security-title" className="flex max-w-2xl flex-col gap-3">
          <h2 id="security-title" className="text-xl font-bold">
            {t("securityTitle")}
          </h2>
          <p>{t("enabledSince", { date: format.dateTime(status.enabledAt, { dateStyle: "long" }) })}</p>
          <RenewRecoveryCodes next={next} left={status.recoveryCodesLeft} />
        </section>
      ) : (
        <>
          <p className="mb-2 max-w-2xl">{t("verifyIntro")}</p>
          {actor && <p className="mb-6 max-w-2xl text-ink-muted">{t("stepUpIntro")}</p>}
          <VerifyForm callbackUrl={next} />
          {signOut}
        </>
      )}
    </>
  );
}
