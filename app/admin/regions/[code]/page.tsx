import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { localizedName } from "@/lib/i18n/localized";
import { listRegionTree } from "@/lib/reference/regions";
import { EntityForm } from "../../_reference/entity-form";
import { updateRegionAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("reference.regions"))("editTitle") };
}

export default async function EditRegion({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePermission("admin.structure.manage", `/admin/regions/${code}`);
  const region = (await listRegionTree(actor)).find((row) => row.code === code);
  if (!region) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/regions" className="text-brand-700 underline underline-offset-4">
          {t("reference.regions.back")}
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">
        {t("reference.regions.editTitle")}：{localizedName(locale, region)}
      </h1>
      <p className="mb-4 text-ink-muted">
        {t("reference.regions.fixed", { code: region.code, level: t(`admin.regionLevels.${region.level}`) })}
      </p>
      <div className="max-w-3xl">
        <EntityForm
          action={updateRegionAction}
          fields={[
            { name: "code", label: "", type: "hidden" },
            { name: "name", label: t("reference.regions.name"), maxLength: 60 },
            { name: "nameEn", label: t("reference.regions.nameEn"), maxLength: 120 },
            { name: "sortOrder", label: t("reference.sortOrder"), type: "number", hint: t("reference.sortOrderHint") },
          ]}
          initial={{ code: region.code, name: region.name, nameEn: region.nameEn, sortOrder: String(region.sortOrder) }}
          submitLabel={t("reference.save")}
        />
      </div>
    </>
  );
}
