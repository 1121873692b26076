import { chinaToday } from "../calendar/china-time";
import { type ChildField, type FieldDef, type FormDefinition, localize } from "./definition";

/**
 * Turns a compiled-schema message key into what a translator needs: the values its text names ({max},
 * {other} …), or the administrator's own message (a pattern's or a cross-field rule's) which replaces the key.
 * Used by the renderer (next-intl `t(key, values)`) and by any server code that shows the same errors.
 */
export type ErrorText = { key: string; values: Record<string, string | number>; custom?: string };

const DEFAULT_MAX: Record<string, number> = {
  text: 200,
  textarea: 2000,
  email: 254,
  idNumber: 32,
  phone: 20,
  creditCode: 32,
};

/** The field (or group child) a path such as "members.0.idNumber" or "home.province" points at. */
export function fieldAtPath(
  definition: FormDefinition,
  path: string,
): { field: FieldDef | ChildField; group?: FieldDef } | undefined {
  const parts = path.split(".");
  const top = definition.steps.flatMap((step) => step.fields).find((field) => field.key === parts[0]);
  if (!top) return undefined;
  if (top.type === "group" && parts.length >= 3) {
    const child = top.fields.find((field) => field.key === parts[2]);
    return child ? { field: child, group: top } : { field: top };
  }
  return { field: top };
}

export function errorText(
  definition: FormDefinition,
  path: string,
  key: string,
  locale: string,
  today?: string,
): ErrorText {
  const found = fieldAtPath(definition, path);
  const values: Record<string, string | number> = {};
  if (!found) return { key, values };
  const { field, group } = found;
  const dateBound = (bound: string | undefined) => (bound === "today" ? (today ?? chinaToday()) : (bound ?? ""));
  switch (key) {
    case "forms.errors.tooLong":
      values.max =
        ("maxLength" in field && field.maxLength !== undefined ? field.maxLength : DEFAULT_MAX[field.type]) ?? 200;
      break;
    case "forms.errors.tooShort":
      values.min = "minLength" in field ? (field.minLength ?? 0) : 0;
      break;
    case "forms.errors.pattern":
      if (field.type === "text" && field.pattern?.message)
        return { key, values, custom: localize(field.pattern.message, locale) };
      break;
    case "forms.errors.number.min":
    case "forms.errors.checkboxes.min":
      values.min = "min" in field && typeof field.min === "number" ? field.min : 0;
      break;
    case "forms.errors.number.max":
    case "forms.errors.checkboxes.max":
      values.max = "max" in field && typeof field.max === "number" ? field.max : 0;
      break;
    case "forms.errors.date.min":
      values.min = field.type === "date" ? dateBound(field.min) : "";
      break;
    case "forms.errors.date.max":
      values.max = field.type === "date" ? dateBound(field.max) : "";
      break;
    case "forms.errors.file.tooMany":
      values.max = field.type === "file" ? (field.maxFiles ?? 0) : 0;
      break;
    case "forms.errors.group.minRows":
      values.min = field.type === "group" ? (field.minRows ?? 1) : 1;
      break;
    case "forms.errors.group.maxRows":
      values.max = field.type === "group" ? (field.maxRows ?? 100) : 100;
      break;
    default:
      if (key.startsWith("forms.errors.compare.")) {
        const op = key.slice("forms.errors.compare.".length);
        const rules = group?.type === "group" ? (group.rules ?? []) : (definition.rules ?? []);
        const rule = rules.find((candidate) => candidate.field === field.key && candidate.op === op);
        if (rule?.message) return { key, values, custom: localize(rule.message, locale) };
        const siblings = group?.type === "group" ? group.fields : definition.steps.flatMap((step) => step.fields);
        const other = siblings.find((candidate) => candidate.key === rule?.other);
        values.other = other ? localize(other.label, locale) : (rule?.other ?? "");
      }
  }
  return { key, values };
}
