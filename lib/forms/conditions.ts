import type { Condition, ConditionLeaf } from "./definition";

/**
 * Condition evaluation, shared by the compiled schema (server and browser) and the renderer's live show/hide,
 * so a field is hidden in the browser exactly when the server ignores it.
 *
 * `lookup(key)` returns the answer a condition sees: undefined while the referenced field is hidden or empty.
 */
export type Lookup = (key: string) => unknown;

/** Own property only: answers are untrusted input and must never reach Object.prototype. */
export function own(record: unknown, key: string): unknown {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return undefined;
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** No answer: undefined, null, blank text, an empty list, or an object whose every part is empty. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

function equals(answer: unknown, expected: unknown): boolean {
  if (Array.isArray(answer)) return answer.some((entry) => equals(entry, expected));
  if (isEmpty(answer)) return false;
  if (typeof expected === "number") return Number(answer) === expected;
  if (typeof expected === "boolean") return answer === expected || String(answer) === String(expected);
  return typeof answer === "string" || typeof answer === "number" ? String(answer).trim() === String(expected) : false;
}

function compare(answer: unknown, expected: unknown): number | null {
  if (isEmpty(answer) || Array.isArray(answer) || typeof answer === "object") return null;
  if (typeof expected === "number") {
    const number = Number(answer);
    return Number.isFinite(number) ? number - expected : null;
  }
  if (typeof expected === "string" && typeof answer === "string") {
    const a = answer.trim();
    // Dates (YYYY-MM-DD) order as strings.
    return a < expected ? -1 : a > expected ? 1 : 0;
  }
  return null;
}

function evaluateLeaf(leaf: ConditionLeaf, lookup: Lookup): boolean {
  const answer = lookup(leaf.field);
  const list = Array.isArray(leaf.value) ? leaf.value : leaf.value === undefined ? [] : [leaf.value];
  switch (leaf.op) {
    case "truthy":
      return !isEmpty(answer);
    case "falsy":
      return isEmpty(answer);
    case "eq":
      return equals(answer, leaf.value);
    case "neq":
      return !equals(answer, leaf.value);
    case "in":
      return list.some((value) => equals(answer, value));
    case "notIn":
      return !list.some((value) => equals(answer, value));
    case "gt": {
      const order = compare(answer, leaf.value);
      return order !== null && order > 0;
    }
    case "lt": {
      const order = compare(answer, leaf.value);
      return order !== null && order < 0;
    }
  }
}

/** True when the condition holds; an absent condition always holds. */
export function evaluateCondition(condition: Condition | undefined, lookup: Lookup): boolean {
  if (!condition) return true;
  if ("all" in condition) return condition.all.every((part) => evaluateCondition(part, lookup));
  if ("any" in condition) return condition.any.some((part) => evaluateCondition(part, lookup));
  return evaluateLeaf(condition, lookup);
}
