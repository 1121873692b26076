import { computeVisibility } from "./compile";
import { own } from "./conditions";
import { type ChildField, type FieldDef, type FormDefinition, localize, type RegionOption } from "./definition";

/**
 * Answers as people read them, step by step — for the "check your answers" page (with change links to the
 * step), the clerk's case view and printouts. Option values become their labels, region codes their names,
 * file ids their names. Every shown question is listed; one left unanswered has `value: ""` (the page shows
 * "未填写"). Hidden questions are left out, as the schema leaves them out of the answers.
 */
export type AnswerLine = {
  path: string;
  label: string;
  value: string;
  rows?: { label: string; lines: AnswerLine[] }[];
};
export type AnswerStep = { stepId: string; title: string; lines: AnswerLine[] };

export type SummaryOptions = {
  locale: string;
  regions?: readonly RegionOption[];
  /** File names by file id. */
  files?: Record<string, { name: string }>;
};

function display(field: FieldDef | ChildField, value: unknown, options: SummaryOptions): string {
  if (value === undefined || value === null || value === "") return "";
  const join = (parts: string[]) => parts.join(options.locale === "en" ? ", " : "、");
  switch (field.type) {
    case "select":
    case "radio":
      return localize(field.options.find((option) => option.value === value)?.label, options.locale) || String(value);
    case "checkboxes":
      return Array.isArray(value)
        ? join(
            value.map(
              (entry) =>
                localize(field.options.find((option) => option.value === entry)?.label, options.locale) ||
                String(entry),
            ),
          )
        : "";
    case "number":
      return field.unit ? `${String(value)} ${localize(field.unit, options.locale)}` : String(value);
    case "address": {
      const region = (code: unknown) => {
        const found = options.regions?.find((candidate) => candidate.code === code);
        return found
          ? options.locale === "en" && found.nameEn
            ? found.nameEn
            : found.name
          : typeof code === "string"
            ? code
            : "";
      };
      const parts = [region(own(value, "province")), region(own(value, "city")), region(own(value, "county"))].filter(
        Boolean,
      );
      const detail = own(value, "detail");
      return [parts.join(options.locale === "en" ? ", " : ""), typeof detail === "string" ? detail : ""]
        .filter(Boolean)
        .join(options.locale === "en" ? ", " : " ");
    }
    case "file":
      return Array.isArray(value) ? join(value.map((id) => options.files?.[String(id)]?.name ?? String(id))) : "";
    case "group":
      return "";
    default:
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }
}

/** The answers of a definition as labelled lines per step (see the module comment). */
export function summarizeAnswers(
  definition: FormDefinition,
  answers: Record<string, unknown>,
  options: SummaryOptions,
): AnswerStep[] {
  const visible = computeVisibility(definition, answers);
  return definition.steps.map((step) => ({
    stepId: step.id,
    title: localize(step.title, options.locale),
    lines: step.fields
      .filter((field) => visible[field.key] !== false)
      .map((field): AnswerLine => {
        const value = own(answers, field.key);
        const label = localize(field.label, options.locale);
        if (field.type !== "group") return { path: field.key, label, value: display(field, value, options) };
        const rows = (Array.isArray(value) ? value : []).map((row, index) => ({
          label: `${field.rowLabel ? localize(field.rowLabel, options.locale) : label} ${index + 1}`,
          lines: field.fields
            .filter((child) => visible[`${field.key}.${index}.${child.key}`] !== false)
            .map((child) => ({
              path: `${field.key}.${index}.${child.key}`,
              label: localize(child.label, options.locale),
              value: display(child, own(row, child.key), options),
            })),
        }));
        return { path: field.key, label, value: "", rows };
      }),
  }));
}
