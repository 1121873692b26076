import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/policy";
import { localizedName } from "@/lib/i18n/localized";
import { listRegionTree } from "@/lib/reference/regions";
import { REGION_LEVELS } from "@/lib/reference/schemas";
import { EntityForm } from "../_reference/entity-form";
import { DoneNotice } from "../_reference/notices";
import { createRegionAction } from "./actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("regionsTitle") };
}

export default async function AdminRegions({ searchParams }: Props) {
  const actor = await requirePermission("admin.structure.view", "/admin/regions");
  const params = await searchParams;
  const regions = await listRegionTree(actor);
  const manage = can(actor, "admin.structure.manage");
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.regionsTitle")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("reference.regions.intro")}</p>
      <DoneNotice done={params.done} />
      <DataTable
        caption={t("admin.regionsTitle")}
        columns={[
          t("admin.columns.name"),
          t("admin.columns.code"),
          t("admin.columns.level"),
          t("admin.counts.departments"),
          t("admin.columns.items"),
          t("reference.sortOrder"),
          ...(manage ? [t("reference.actions")] : []),
        ]}
        rows={regions.map((region) => [
          <span key="name" style={{ paddingInlineStart: `${region.depth * 1.5}rem` }} className="inline-block">
            {localizedName(locale, region)}
          </span>,
          <code key="code">{region.code}</code>,
          t(`admin.regionLevels.${region.level}`),
          region._count.departments,
          region._count.serviceItems,
          region.sortOrder,
          ...(manage
            ? [
                <Link
                  key="edit"
                  href={`/admin/regions/${region.code}`}
                  className="relative inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4"
                >
                  {t("reference.edit")}
                  <span className="sr-only">：{localizedName(locale, region)}</span>
                </Link>,
              ]
            : []),
        ])}
      />
      {manage && (
        <section aria-labelledby="new-region" className="mt-8 max-w-3xl">
          <h2 id="new-region" className="mb-2 text-xl font-bold">
            {t("reference.regions.new")}
          </h2>
          <p className="mb-3 text-ink-muted">{t("reference.regions.newIntro")}</p>
          <EntityForm
            action={createRegionAction}
            fields={[
              {
                name: "code",
                label: t("reference.regions.code"),
                hint: t("reference.regions.codeHint"),
                maxLength: 12,
                autoComplete: "off",
              },
              {
                name: "level",
                label: t("admin.columns.level"),
                type: "select",
                options: REGION_LEVELS.map((level) => ({ value: level, label: t(`admin.regionLevels.${level}`) })),
              },
              {
                name: "parentCode",
                label: t("reference.regions.parent"),
                type: "select",
                options: [
                  { value: "", label: t("reference.regions.noParent") },
                  ...regions.map((region) => ({
                    value: region.code,
                    label: `${"　".repeat(region.depth)}${localizedName(locale, region)}`,
                  })),
                ],
              },
              { name: "name", label: t("reference.regions.name"), maxLength: 60 },
              { name: "nameEn", label: t("reference.regions.nameEn"), maxLength: 120 },
              {
                name: "sortOrder",
                label: t("reference.sortOrder"),
                type: "number",
                hint: t("reference.sortOrderHint"),
              },
            ]}
            initial={{ level: "COUNTY", parentCode: "", sortOrder: "0" }}
            submitLabel={t("reference.create")}
          />
        </section>
      )}
    </>
  );
}
