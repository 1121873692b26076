import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { myCompanyStatus } from "@/lib/accounts/companies";
import { type Actor, can } from "@/lib/auth/policy";

/** On a company agent's account page: the company they act for (or none), and where to manage it. */
export async function CompanyStatus({ actor }: { actor: Actor }) {
  if (!can(actor, "company.verification.request")) return null;
  const t = await getTranslations("companies");
  const status = await myCompanyStatus(actor);
  return (
    <section aria-labelledby="company-title" className="mb-8 max-w-2xl rounded border-2 border-brand-700 p-4">
      <h2 id="company-title" className="mb-2 text-xl font-semibold">
        {t("sectionTitle")}
      </h2>
      <p className="mb-3">
        {status.company
          ? t("actingFor", { company: status.company.name, creditCode: status.company.creditCode })
          : t("notAuthorised")}
      </p>
      {status.offers.length > 0 && (
        <p className="mb-3 font-semibold">
          {t("offersTitle")}（{status.offers.length}）
        </p>
      )}
      <Link href="/account/company" className={buttonClass({ variant: "secondary" })}>
        {t("manageLink")}
      </Link>
    </section>
  );
}
