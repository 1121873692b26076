import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { listLicenceTypes } from "@/lib/results/licence-types";
import { EntityForm } from "../_reference/entity-form";
import { DoneNotice } from "../_reference/notices";
import { saveLicenceTypeAction } from "./actions";
import { licenceTypeFields } from "./fields";

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin.licenceTypes"))("title") };
}

/** 证照类型 (GB/T 36902, issue 20): the licence types items issue and materials accept; platform administrators. */
export default async function LicenceTypes({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  await requirePermission("licenceTypes.manage", "/admin/licence-types");
  const params = await searchParams;
  const types = await listLicenceTypes();
  const t = await getTranslations("catalogueAdmin.licenceTypes");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("intro")}</p>
      <DoneNotice done={params.done} />
      <DataTable
        caption={t("caption", { count: types.length })}
        columns={[t("code"), t("name"), t("holderType"), t("validityMonths"), t("status"), t("actions")]}
        rows={types.map((type) => {
          const name = locale === "en" && type.nameEn ? type.nameEn : type.name;
          return [
            <code key="code">{type.code}</code>,
            name,
            t(`holders.${type.holderType}`),
            type.validityMonths === null ? t("longTerm") : t("months", { count: type.validityMonths }),
            type.active ? t("activeYes") : t("activeNo"),
            <Link
              key="edit"
              href={`/admin/licence-types/${type.code}`}
              className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
            >
              {t("edit")}
              <span className="sr-only">：{name}</span>
            </Link>,
          ];
        })}
      />
      <section aria-labelledby="new-type" className="mt-8 max-w-3xl">
        <h2 id="new-type" className="mb-2 text-xl font-bold">
          {t("new")}
        </h2>
        <EntityForm
          action={saveLicenceTypeAction}
          fields={licenceTypeFields(t, { codeEditable: true })}
          initial={{ mode: "create", issuingLevel: "COUNTY", holderType: "COMPANY", active: "true" }}
          submitLabel={t("create")}
        />
      </section>
    </>
  );
}
