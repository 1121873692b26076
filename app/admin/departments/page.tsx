import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { Button, buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { can } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listDepartments } from "@/lib/reference/departments";
import { listRegionTree } from "@/lib/reference/regions";
import { EntityForm } from "../_reference/entity-form";
import { DoneNotice } from "../_reference/notices";
import { deleteDepartmentAction } from "./actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("departmentsTitle") };
}

export default async function AdminDepartments({ searchParams }: Props) {
  const actor = await requirePermission("admin.structure.view", "/admin/departments");
  const params = await searchParams;
  const regions = await listRegionTree(actor);
  const requested = typeof params.region === "string" ? params.region : "";
  const regionCode = regions.some((region) => region.code === requested) ? requested : null;
  const departments = await listDepartments(actor, { regionCode });
  const manage = can(actor, "admin.structure.manage");
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.departmentsTitle")}</h1>
      <p className="mb-4 text-ink-muted">{t("admin.departmentsIntro")}</p>
      <DoneNotice done={params.done} />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="region" className="font-semibold">
              {t("reference.departments.region")}
            </label>
            <Select id="region" name="region" defaultValue={regionCode ?? ""}>
              <option value="">{t("reference.allRegions")}</option>
              {regions.map((region) => (
                <option key={region.code} value={region.code}>
                  {"　".repeat(region.depth)}
                  {localizedName(locale, region)}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            {t("reference.show")}
          </Button>
        </form>
        {manage && (
          <Link href="/admin/departments/new" className={buttonClass()}>
            {t("reference.departments.new")}
          </Link>
        )}
      </div>
      <DataTable
        caption={t("reference.departments.caption", { count: departments.length })}
        columns={[
          t("admin.columns.name"),
          t("admin.columns.code"),
          t("admin.columns.region"),
          t("admin.columns.items"),
          t("reference.departments.staff"),
          ...(manage ? [t("reference.actions")] : []),
        ]}
        rows={departments.map((department) => [
          <span key="name" style={{ paddingInlineStart: `${department.depth * 1.5}rem` }} className="inline-block">
            {department.depth > 0 ? <span aria-hidden="true">└ </span> : null}
            {manage ? (
              <Link
                href={`/admin/departments/${department.id}`}
                className="text-brand-700 underline underline-offset-4"
              >
                {localizedName(locale, department)}
              </Link>
            ) : (
              localizedName(locale, department)
            )}
          </span>,
          <code key="code">{department.code}</code>,
          localizedName(locale, department.region),
          department._count.serviceItems,
          department._count.staff,
          ...(manage
            ? [
                department.inUse ? (
                  <span key="in-use" className="text-ink-muted">
                    {t("reference.departments.inUse")}
                  </span>
                ) : (
                  <EntityForm
                    key="delete"
                    action={deleteDepartmentAction}
                    inline
                    variant="danger"
                    fields={[{ name: "id", label: "", type: "hidden" }]}
                    initial={{ id: department.id }}
                    submitLabel={t("reference.departments.delete")}
                    srSuffix={localizedName(locale, department)}
                  />
                ),
              ]
            : []),
        ])}
      />
    </>
  );
}
