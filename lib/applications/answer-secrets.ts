import type { FormDefinition } from "../forms/definition";
import { decryptPii, encryptPii, isEncryptedPii, type PiiKeys, piiKeys } from "../security/pii";

/**
 * Form answers hold personal data too: values typed into fields of type `idNumber` and `phone` (at the top level and
 * in the rows of repeating groups). They are stored encrypted like the account's own numbers (lib/security/pii.ts)
 * in every answers column (application.answers, case.answers, case_submission.answers) and decrypted on every read:
 * `sealAnswers` on the way into the database, `openAnswers` on the way out. Other fields stay as they are (the
 * console searches and lays them out). Both are idempotent: sealing sealed values, or opening plain ones (rows
 * written before this existed), changes nothing.
 */

const SECRET_TYPES = new Set(["idNumber", "phone"]);
const FIELD = (type: string) => `answers.${type}`;

type Answers = Record<string, unknown>;

/** The keys of secret fields: top-level `key → type`, and per group `groupKey → (childKey → type)`. */
function secretFields(definition: FormDefinition): {
  top: Map<string, string>;
  groups: Map<string, Map<string, string>>;
} {
  const top = new Map<string, string>();
  const groups = new Map<string, Map<string, string>>();
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (SECRET_TYPES.has(field.type)) top.set(field.key, field.type);
      if (field.type === "group") {
        const children = new Map<string, string>();
        for (const child of field.fields) if (SECRET_TYPES.has(child.type)) children.set(child.key, child.type);
        if (children.size > 0) groups.set(field.key, children);
      }
    }
  }
  return { top, groups };
}

function transform(
  definition: FormDefinition,
  answers: Answers,
  one: (type: string, value: string) => string,
): Answers {
  const { top, groups } = secretFields(definition);
  if (top.size === 0 && groups.size === 0) return answers;
  const out: Answers = { ...answers };
  for (const [key, type] of top) {
    const value = out[key];
    if (typeof value === "string" && value !== "") out[key] = one(type, value);
  }
  for (const [key, children] of groups) {
    const rows = out[key];
    if (!Array.isArray(rows)) continue;
    out[key] = rows.map((row: unknown) => {
      if (!row || typeof row !== "object" || Array.isArray(row)) return row;
      const copy: Answers = { ...(row as Answers) };
      for (const [child, type] of children) {
        const value = copy[child];
        if (typeof value === "string" && value !== "") copy[child] = one(type, value);
      }
      return copy;
    });
  }
  return out;
}

/** Answers as they are stored: ID numbers and phones encrypted. */
export function sealAnswers(definition: FormDefinition, answers: Answers, keys: PiiKeys = piiKeys()): Answers {
  return transform(definition, answers, (type, value) =>
    isEncryptedPii(value) ? value : encryptPii(FIELD(type), value, keys),
  );
}

/** Stored answers as the applicant typed them (plain values of older rows pass through). */
export function openAnswers(definition: FormDefinition, answers: Answers, keys?: PiiKeys): Answers {
  return transform(definition, answers, (type, value) =>
    isEncryptedPii(value) ? decryptPii(FIELD(type), value, keys ?? piiKeys()) : value,
  );
}
