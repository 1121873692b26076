import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { localizedName } from "@/lib/i18n/localized";
import { findHoliday } from "@/lib/reference/holidays";
import { listRegionTree } from "@/lib/reference/regions";
import { EntityForm } from "../../_reference/entity-form";
import { saveHolidayAction } from "../actions";
import { holidayFields } from "../fields";

export async function generateMetadata() {
  return { title: (await getTranslations("reference.holidays"))("editTitle") };
}

export default async function EditHoliday({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePermission("admin.structure.manage", `/admin/holidays/${id}`);
  const holiday = await findHoliday(actor, id);
  if (!holiday) notFound();
  const regions = await listRegionTree(actor);
  const t = await getTranslations("reference");
  const locale = await getLocale();
  const regionOptions = regions.map((region) => ({
    value: region.code,
    label: `${"　".repeat(region.depth)}${localizedName(locale, region)}`,
  }));
  return (
    <>
      <p className="mb-2">
        <Link
          href={`/admin/holidays?year=${holiday.date.slice(0, 4)}`}
          className="text-brand-700 underline underline-offset-4"
        >
          {t("holidays.back")}
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">{t("holidays.editTitle")}</h1>
      <p className="mb-4 text-ink-muted">{t("holidays.editIntro")}</p>
      <div className="max-w-3xl">
        <EntityForm
          action={saveHolidayAction}
          fields={[{ name: "id", label: "", type: "hidden" }, ...holidayFields(t, regionOptions)]}
          initial={{
            id: holiday.id,
            date: holiday.date,
            kind: holiday.kind,
            name: holiday.name,
            regionCode: holiday.regionCode ?? "",
          }}
          submitLabel={t("save")}
        />
      </div>
    </>
  );
}
