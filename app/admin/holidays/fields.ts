import type { FieldSpec } from "../_reference/form-state";

/** The fields of a holiday row, for the add form and the edit page. */
export function holidayFields(
  t: (key: string) => string,
  regionOptions: { value: string; label: string }[],
): FieldSpec[] {
  return [
    { name: "date", label: t("holidays.date"), type: "date", hint: t("holidays.dateHint") },
    {
      name: "kind",
      label: t("holidays.kind"),
      type: "select",
      options: [
        { value: "HOLIDAY", label: t("holidays.kinds.HOLIDAY") },
        { value: "MAKEUP_WORKDAY", label: t("holidays.kinds.MAKEUP_WORKDAY") },
      ],
    },
    { name: "name", label: t("holidays.name"), maxLength: 40, hint: t("holidays.nameHint") },
    {
      name: "regionCode",
      label: t("holidays.region"),
      type: "select",
      options: [{ value: "", label: t("holidays.national") }, ...regionOptions],
    },
  ];
}
