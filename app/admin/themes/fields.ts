import type { FieldSpec } from "../_reference/form-state";

export function themeFields(t: (key: string) => string, { codeEditable }: { codeEditable: boolean }): FieldSpec[] {
  return [
    { name: "mode", label: "", type: "hidden" },
    codeEditable
      ? { name: "code", label: t("themes.code"), hint: t("themes.codeHint"), maxLength: 40, autoComplete: "off" }
      : { name: "code", label: "", type: "hidden" },
    { name: "name", label: t("themes.name"), maxLength: 40 },
    { name: "nameEn", label: t("themes.nameEn"), maxLength: 80 },
    {
      name: "audience",
      label: t("themes.audience"),
      type: "select",
      options: [
        { value: "PERSONAL", label: t("themes.audiences.PERSONAL") },
        { value: "CORPORATE", label: t("themes.audiences.CORPORATE") },
      ],
    },
    {
      name: "featured",
      label: t("themes.featured"),
      hint: t("themes.featuredHint"),
      type: "select",
      options: [
        { value: "true", label: t("themes.featuredYes") },
        { value: "false", label: t("themes.featuredNo") },
      ],
    },
  ];
}
