import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { listDepartmentTree } from "@/lib/admin/queries";
import { localizedName } from "@/lib/i18n/localized";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("departmentsTitle") };
}

export default async function AdminDepartments() {
  const actor = await requirePermission("admin.structure.view", "/admin/departments");
  const departments = await listDepartmentTree(actor);
  const t = await getTranslations("admin");
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("departmentsTitle")}</h1>
      <p className="mb-4 text-ink-muted">{t("departmentsIntro")}</p>
      <DataTable
        caption={t("departmentsTitle")}
        columns={[t("columns.name"), t("columns.code"), t("columns.region"), t("columns.items"), t("subUnits")]}
        rows={departments.map((department) => [
          localizedName(locale, department),
          <code key="code">{department.code}</code>,
          localizedName(locale, department.region),
          department._count.serviceItems,
          department.children.map((child) => localizedName(locale, child)).join("、") || "—",
        ])}
      />
    </>
  );
}
