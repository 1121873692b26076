import type { FieldSpec } from "../_reference/form-state";

type Option = { value: string; label: string };

/** The department form's fields; parents are listed with their region so the same-region rule is visible. */
export function departmentFields(t: (key: string) => string, regions: Option[], parents: Option[]): FieldSpec[] {
  return [
    { name: "name", label: t("departments.name"), maxLength: 100 },
    { name: "nameEn", label: t("departments.nameEn"), maxLength: 200 },
    { name: "code", label: t("departments.code"), hint: t("departments.codeHint"), maxLength: 32, autoComplete: "off" },
    { name: "kind", label: t("departments.kind"), hint: t("departments.kindHint"), maxLength: 40, autoComplete: "off" },
    { name: "regionCode", label: t("departments.region"), type: "select", options: regions },
    {
      name: "parentId",
      label: t("departments.parent"),
      type: "select",
      hint: t("departments.parentHint"),
      options: [{ value: "", label: t("departments.noParent") }, ...parents],
    },
    { name: "address", label: t("departments.address"), required: false, wide: true, maxLength: 200 },
    { name: "phone", label: t("departments.phone"), required: false, maxLength: 40 },
    { name: "officeHours", label: t("departments.officeHours"), required: false, maxLength: 200 },
    { name: "sortOrder", label: t("sortOrder"), type: "number", hint: t("sortOrderHint") },
  ];
}
