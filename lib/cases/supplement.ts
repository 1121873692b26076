import { type FormDefinition, localize } from "../forms/definition";
import type { SupplementEntry } from "./transition";

/**
 * 一次性告知补正: what a clerk may ask the applicant to fix, and the check that a request names only those. Every
 * entry names a material of the case's item version or a top-level answer of its form, so that it unlocks exactly
 * what the applicant must change (issue 18: a free-text line such as "M1：…" matched nothing, and a line without a
 * material unlocked nothing the applicant could fix). Uploads are asked for by material, not by their file field.
 */

export type SupplementChoices = {
  materials: { code: string; name: string }[];
  fields: { key: string; label: string }[];
};

export function supplementChoices(
  facts: { definition: FormDefinition; materials: { code: string; name: string }[] },
  locale: string,
): SupplementChoices {
  const materials = facts.materials
    .filter((material) => material.code)
    .map((material) => ({ code: material.code, name: material.name || material.code }));
  // A file field's material may be missing from the list (an old version): it can still be asked for.
  for (const step of facts.definition.steps)
    for (const field of step.fields)
      if (field.type === "file" && !materials.some((material) => material.code === field.materialCode))
        materials.push({ code: field.materialCode, name: localize(field.label, locale) });
  const fields = facts.definition.steps.flatMap((step) =>
    step.fields
      .filter((field) => field.type !== "file")
      .map((field) => ({ key: field.key, label: localize(field.label, locale) })),
  );
  return { materials, fields };
}

/** Field errors for a request that names something the case does not have, or nothing at all. */
export function supplementListProblems(
  list: readonly SupplementEntry[],
  choices: SupplementChoices,
): Record<string, string> {
  if (list.length === 0) return { supplementList: "cases.errors.required" };
  const materials = new Set(choices.materials.map((material) => material.code));
  const fields = new Set(choices.fields.map((field) => field.key));
  const known = (entry: SupplementEntry) =>
    (entry.materialCode ? materials.has(entry.materialCode) : false) ||
    (entry.field ? fields.has(entry.field.split(".")[0] ?? "") : false);
  return list.every(known) ? {} : { supplementList: "cases.errors.supplementUnknown" };
}
