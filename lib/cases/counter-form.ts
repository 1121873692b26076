import type { FormDefinition } from "../forms/definition";

/**
 * The item's form as the counter fills it in (窗口收件, issue 19): every field but uploads. At the counter the papers
 * are ticked as received and scanned per material instead, and the scans then fill the file fields the materials
 * are bound to (as an upload does online). Steps left without fields and rules about removed fields go too; null
 * when nothing is left to fill in.
 */
export function counterDefinition(definition: FormDefinition): FormDefinition | null {
  const steps = definition.steps
    .map((step) => ({ ...step, fields: step.fields.filter((field) => field.type !== "file") }))
    .filter((step) => step.fields.length > 0);
  if (steps.length === 0) return null;
  const keys = new Set(steps.flatMap((step) => step.fields.map((field) => field.key)));
  const rules = definition.rules?.filter((rule) => keys.has(rule.field) && keys.has(rule.other));
  return { ...definition, steps, ...(rules ? { rules } : {}) };
}
