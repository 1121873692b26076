import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { getDepartment } from "@/lib/reference/departments";
import { EntityForm } from "../../_reference/entity-form";
import { saveDepartmentAction } from "../actions";
import { departmentFields } from "../fields";
import { referenceOptions } from "../options";

export async function generateMetadata() {
  return { title: (await getTranslations("reference.departments"))("editTitle") };
}

/** `/admin/departments/new` creates; `/admin/departments/{id}` edits or moves one. */
export default async function EditDepartment({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePermission("admin.structure.manage", `/admin/departments/${id}`);
  const isNew = id === "new";
  const department = isNew ? null : await getDepartment(actor, id);
  if (!isNew && !department) notFound();
  const t = await getTranslations("reference");
  const options = await referenceOptions(actor, await getLocale());
  const initial: Record<string, string> = department
    ? {
        id: department.id,
        code: department.code,
        name: department.name,
        nameEn: department.nameEn,
        kind: department.kind,
        regionCode: department.regionCode,
        parentId: department.parentId ?? "",
        address: department.address ?? "",
        phone: department.phone ?? "",
        officeHours: department.officeHours ?? "",
        sortOrder: String(department.sortOrder),
      }
    : { regionCode: options.regions[0]?.value ?? "", parentId: "", sortOrder: "0" };
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/departments" className="text-brand-700 underline underline-offset-4">
          {t("departments.back")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">{isNew ? t("departments.new") : t("departments.editTitle")}</h1>
      <div className="max-w-3xl">
        <EntityForm
          action={saveDepartmentAction}
          fields={[
            { name: "id", label: "", type: "hidden" },
            ...departmentFields(
              t,
              options.regions,
              options.departments.filter((option) => option.value !== department?.id),
            ),
          ]}
          initial={initial}
          submitLabel={isNew ? t("create") : t("save")}
        />
      </div>
    </>
  );
}
