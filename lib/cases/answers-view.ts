import { computeVisibility } from "../forms/compile";
import { type ChildField, type FieldDef, type FormDefinition, localize } from "../forms/definition";
import { maskIdNumber } from "../identity/id-number";

/**
 * The answers of a case laid out like the form it was filed with: one section per step, one row per visible
 * field in the form's order, option values shown with their labels, repeating groups as tables, uploads as
 * file ids (the page links them). Resident ID numbers are masked (first 3 and last 4 shown) wherever they appear.
 * Answers to fields the form no longer has are listed at the end, so nothing the applicant sent is hidden.
 */

export type AnswerCell =
  | { kind: "text"; text: string }
  | { kind: "files"; fileIds: string[]; materialCode: string }
  | { kind: "table"; columns: string[]; rows: string[][] };

export type AnswerSection = { title: string; rows: { key: string; label: string; value: AnswerCell }[] };

function optionLabel(
  field: { options: { value: string; label: { zh: string; en?: string } }[] },
  value: unknown,
  locale: string,
): string {
  const option = field.options.find((candidate) => candidate.value === value);
  return option ? localize(option.label, locale) : String(value ?? "");
}

export function formatAnswer(field: FieldDef | ChildField, value: unknown, locale: string): string {
  if (value === undefined || value === null || value === "") return "";
  switch (field.type) {
    case "select":
    case "radio":
      return optionLabel(field, value, locale);
    case "checkboxes":
      return Array.isArray(value) ? value.map((entry) => optionLabel(field, entry, locale)).join("、") : "";
    case "idNumber":
      return maskIdNumber(String(value));
    case "address": {
      const address = value as { province?: string; city?: string; county?: string; detail?: string };
      return [address.province, address.city, address.county, address.detail].filter(Boolean).join(" ");
    }
    case "number":
      return field.unit ? `${String(value)} ${localize(field.unit, locale)}` : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** `regionName` turns 12-digit region codes of address answers into names (identity when unknown). */
export function layoutAnswers(
  definition: FormDefinition | null,
  answers: Record<string, unknown>,
  locale: string,
  regionName: (code: string) => string = (code) => code,
): AnswerSection[] {
  const withRegions = (field: FieldDef | ChildField, value: unknown) => {
    if (field.type !== "address" || !value || typeof value !== "object") return value;
    const address = value as Record<string, string | undefined>;
    return {
      ...address,
      province: address.province && regionName(address.province),
      city: address.city && regionName(address.city),
      county: address.county && regionName(address.county),
    };
  };
  const sections: AnswerSection[] = [];
  const shown = new Set<string>();
  if (definition) {
    const visible = computeVisibility(definition, answers);
    for (const step of definition.steps) {
      const rows: AnswerSection["rows"] = [];
      for (const field of step.fields) {
        if (visible[field.key] === false) continue;
        shown.add(field.key);
        const value = answers[field.key];
        const label = localize(field.label, locale);
        if (field.type === "file") {
          const fileIds = Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
          rows.push({ key: field.key, label, value: { kind: "files", fileIds, materialCode: field.materialCode } });
        } else if (field.type === "group") {
          const list = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
          rows.push({
            key: field.key,
            label,
            value: {
              kind: "table",
              columns: field.fields.map((child) => localize(child.label, locale)),
              rows: list.map((row) =>
                field.fields.map((child) => formatAnswer(child, withRegions(child, row?.[child.key]), locale)),
              ),
            },
          });
        } else {
          rows.push({
            key: field.key,
            label,
            value: { kind: "text", text: formatAnswer(field, withRegions(field, value), locale) },
          });
        }
      }
      sections.push({ title: localize(step.title, locale), rows });
    }
  }
  const rest = Object.entries(answers).filter(([key]) => !shown.has(key));
  if (rest.length > 0) {
    sections.push({
      title: locale === "en" ? "Other answers" : "其他填报内容",
      rows: rest.map(([key, value]) => ({
        key,
        label: key,
        value: {
          kind: "text",
          text:
            typeof value === "string" && /^\d{17}[\dX]$/i.test(value)
              ? maskIdNumber(value)
              : typeof value === "object"
                ? JSON.stringify(value)
                : String(value),
        },
      })),
    });
  }
  return sections;
}
