import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { CounterIdentityForm } from "./counter-identity-form";

export async function generateMetadata() {
  return { title: (await getTranslations("account.identity.counter"))("title") };
}

/** 实名核验 at a counter (issue 15): a clerk with the intake duty checks a registered person against their ID card. */
export default async function CounterIdentityPage() {
  await requirePermission("account.identity.verifyAtCounter", "/console/identity");
  const t = await getTranslations("account.identity.counter");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-3xl text-ink-muted">{t("intro")}</p>
      <CounterIdentityForm />
    </>
  );
}
