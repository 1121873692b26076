import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { getOffice } from "@/lib/reference/offices";
import { EntityForm } from "../../_reference/entity-form";
import { referenceOptions } from "../../departments/options";
import { saveOfficeAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("reference.offices"))("editTitle") };
}

/** `/admin/offices/new` creates a service hall; `/admin/offices/{id}` edits one. */
export default async function EditOffice({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePermission("admin.structure.manage", `/admin/offices/${id}`);
  const isNew = id === "new";
  const office = isNew ? null : await getOffice(actor, id);
  if (!isNew && !office) notFound();
  const t = await getTranslations("reference");
  const options = await referenceOptions(actor, await getLocale());
  const initial: Record<string, string> = office
    ? {
        id: office.id,
        code: office.code,
        name: office.name,
        nameEn: office.nameEn,
        regionCode: office.regionCode,
        departmentId: office.departmentId ?? "",
        address: office.address,
        phone: office.phone,
        openingHours: office.openingHours,
        transport: office.transport ?? "",
        sortOrder: String(office.sortOrder),
      }
    : { regionCode: options.regions[0]?.value ?? "", departmentId: "", sortOrder: "0" };
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/offices" className="text-brand-700 underline underline-offset-4">
          {t("offices.back")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">{isNew ? t("offices.new") : t("offices.editTitle")}</h1>
      <div className="max-w-3xl">
        <EntityForm
          action={saveOfficeAction}
          fields={[
            { name: "id", label: "", type: "hidden" },
            { name: "name", label: t("offices.name"), maxLength: 100 },
            { name: "nameEn", label: t("offices.nameEn"), maxLength: 200 },
            { name: "code", label: t("offices.code"), hint: t("offices.codeHint"), maxLength: 40, autoComplete: "off" },
            { name: "regionCode", label: t("offices.region"), type: "select", options: options.regions },
            {
              name: "departmentId",
              label: t("offices.department"),
              type: "select",
              hint: t("offices.departmentHint"),
              options: [{ value: "", label: t("offices.jointHall") }, ...options.departments],
              wide: true,
            },
            { name: "address", label: t("offices.address"), wide: true, maxLength: 200 },
            { name: "phone", label: t("offices.phone"), maxLength: 40 },
            {
              name: "openingHours",
              label: t("offices.openingHours"),
              hint: t("offices.openingHoursHint"),
              maxLength: 200,
            },
            { name: "transport", label: t("offices.transport"), type: "textarea", required: false, maxLength: 300 },
            { name: "sortOrder", label: t("sortOrder"), type: "number", hint: t("sortOrderHint") },
          ]}
          initial={initial}
          submitLabel={isNew ? t("create") : t("save")}
        />
      </div>
    </>
  );
}
