import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { listRegions } from "@/lib/admin/queries";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("regionsTitle") };
}

export default async function AdminRegions() {
  const actor = await requirePermission("admin.structure.view", "/admin/regions");
  const regions = await listRegions(actor);
  const t = await getTranslations("admin");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("regionsTitle")}</h1>
      <DataTable
        caption={t("regionsTitle")}
        columns={[t("columns.name"), t("columns.code"), t("columns.level"), t("counts.departments"), t("columns.items")]}
        rows={regions.map((region) => [
          <span key="name" className={region.level === "COUNTY" ? "pl-6" : region.level === "CITY" ? "pl-3" : ""}>
            {localizedName(locale, region)}
          </span>,
          <code key="code">{region.code}</code>,
          t(`regionLevels.${region.level}`),
          region._count.departments,
          region._count.serviceItems,
        ])}
      />
    </>
  );
}
