import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { type Actor, secondFactorRecent } from "@/lib/auth/policy";

/**
 * On a page with sensitive staff actions (role changes, publishing, exports, revocations): when the second factor
 * was proven more than 15 minutes ago, says so before anyone types, with the way to prove it and come back.
 */
export async function StepUpNotice({ actor, returnTo }: Readonly<{ actor: Actor; returnTo: string }>) {
  if (secondFactorRecent(actor)) return null;
  const t = await getTranslations("auth.secondFactor");
  return (
    <div
      className="mb-4 flex max-w-3xl flex-col gap-2 rounded border-2 border-brand-700 p-3 sm:flex-row sm:items-center sm:justify-between"
      data-testid="step-up-notice"
    >
      <p>{t("stepUpIntro")}</p>
      <Link
        href={`/login/second-factor?callbackUrl=${encodeURIComponent(returnTo)}`}
        className="shrink-0 font-semibold text-brand-700 underline underline-offset-4"
      >
        {t("stepUpLink")}
      </Link>
    </div>
  );
}
