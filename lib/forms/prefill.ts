import type { FormDefinition, PrefillSource } from "./definition";

/** What the applicant's account knows, as the application page loads it (only what prefill sources name). */
export type PrefillData = {
  profile?: { realName?: string | null; idNumber?: string | null; phone?: string | null; email?: string | null } | null;
  company?: { name?: string | null; creditCode?: string | null } | null;
};

function sourceValue(source: PrefillSource, data: PrefillData): string | undefined {
  const [scope, name] = source.split(".") as [keyof PrefillData, string];
  const record = data[scope] as Record<string, string | null | undefined> | null | undefined;
  const value = record && Object.hasOwn(record, name) ? record[name] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Answers taken from the applicant's profile or company for fields with a `prefill` source. Only top-level
 * fields are filled (group rows start empty). Answers already given in `existing` (a resumed draft) win: prefill
 * never overwrites what the applicant typed. Returns a new object; the prefilled values stay editable.
 */
export function prefillAnswers(
  definition: FormDefinition,
  data: PrefillData,
  existing: Record<string, unknown> = {},
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(existing)) {
    if (key !== "__proto__") answers[key] = value;
  }
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (!("prefill" in field) || !field.prefill) continue;
      const current = answers[field.key];
      if (Object.hasOwn(answers, field.key) && current !== undefined && current !== null && current !== "") continue;
      const value = sourceValue(field.prefill, data);
      if (value !== undefined) answers[field.key] = value;
    }
  }
  return answers;
}
