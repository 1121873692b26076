import { HOLDER_TYPES, ISSUING_LEVELS } from "@/lib/results/licence-type-codes";
import type { FieldSpec } from "../_reference/form-state";

export function licenceTypeFields(
  t: (key: string) => string,
  { codeEditable }: { codeEditable: boolean },
): FieldSpec[] {
  return [
    { name: "mode", label: "", type: "hidden" },
    codeEditable
      ? { name: "code", label: t("code"), hint: t("codeHint"), maxLength: 20, autoComplete: "off" }
      : { name: "code", label: "", type: "hidden" },
    { name: "name", label: t("name"), maxLength: 100 },
    { name: "nameEn", label: t("nameEn"), maxLength: 200 },
    {
      name: "issuingLevel",
      label: t("issuingLevel"),
      type: "select",
      options: ISSUING_LEVELS.map((level) => ({ value: level, label: t(`levels.${level}`) })),
    },
    {
      name: "holderType",
      label: t("holderType"),
      type: "select",
      options: HOLDER_TYPES.map((holder) => ({ value: holder, label: t(`holders.${holder}`) })),
    },
    { name: "validityMonths", label: t("validityMonths"), hint: t("validityHint"), type: "number", maxLength: 4 },
    {
      name: "active",
      label: t("active"),
      type: "select",
      options: [
        { value: "true", label: t("activeYes") },
        { value: "false", label: t("activeNo") },
      ],
    },
  ];
}
