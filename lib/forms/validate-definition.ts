import { compilePattern } from "./compile";
import {
  type ChildField,
  type Condition,
  conditionLeaves,
  type CrossFieldRule,
  type FieldDef,
  FORM_LIMITS,
  FormDefinition,
  type PrefillSource,
} from "./definition";

/**
 * Checks a form definition before it is saved and reports EVERY problem at once, each with the path in the
 * document ("steps.1.fields.0.visibleWhen") and a message key in the `forms` namespace with its values, so the
 * builder can show it next to the control and the server can refuse the save with the same list.
 */
export type DefinitionProblem = { path: string; key: string; values?: Record<string, string | number> };

export type DefinitionContext = {
  /** Codes of the item's materials; a file field must be bound to one of them. */
  materialCodes: readonly string[];
};

export type DefinitionResult = { ok: true; definition: FormDefinition } | { ok: false; problems: DefinitionProblem[] };

const PREFILL_TYPES: Record<PrefillSource, readonly string[]> = {
  "profile.realName": ["text"],
  "profile.idNumber": ["idNumber", "text"],
  "profile.phone": ["phone", "text"],
  "profile.email": ["email", "text"],
  "company.name": ["text"],
  "company.creditCode": ["creditCode", "text"],
};

const TEXT_TYPES = new Set(["text", "textarea", "idNumber", "phone", "email", "creditCode"]);
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True when a regex could take exponential time: a repeated group that itself contains a quantifier
 * ("(a+)+", "(\d*){2,}", "(x?)*"), or a back-reference. Simple on purpose: such patterns are never needed for a
 * form field, and rejecting them is cheaper than proving them safe.
 */
export function isUnsafePattern(regex: string): boolean {
  if (/\\[1-9]|\\k</.test(regex)) return true;
  const stack: { quantified: boolean }[] = [{ quantified: false }];
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const char = regex[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      continue;
    }
    if (char === "[") inClass = true;
    else if (char === "(") stack.push({ quantified: false });
    else if (char === ")") {
      const group = stack.length > 1 ? stack.pop()! : { quantified: false };
      const rest = regex.slice(i + 1);
      const repeated = /^(?:[*+]|\{\d*,\d*\}|\{\d*[2-9]\d*\}|\{\d{2,}\})/.test(rest);
      if (repeated && group.quantified) return true;
      // A group counts as quantified inside its parent when it contains, or is followed by, a quantifier.
      if (group.quantified || /^[*+?{]/.test(rest)) stack[stack.length - 1]!.quantified = true;
    } else if (char === "*" || char === "+" || char === "?" || char === "{") {
      stack[stack.length - 1]!.quantified = true;
    }
  }
  return false;
}

/** The message key of a structural zod issue: our own keys pass through; zod's generic ones are named by kind. */
function structuralKey(issue: { message: string; code: string }): string {
  if (issue.message.startsWith("forms.")) return issue.message;
  if (issue.code === "too_small" || issue.code === "too_big") return "forms.definition.outOfRange";
  if (issue.code === "unrecognized_keys") return "forms.definition.unknownSetting";
  return "forms.definition.invalid";
}

type Placed = {
  field: FieldDef | ChildField;
  path: string;
  stepIndex: number;
  order: number;
  group?: FieldDef & { type: "group" };
};

/** Parses and checks a definition (any JSON value); see `DefinitionProblem`. */
export function validateFormDefinition(input: unknown, context: DefinitionContext): DefinitionResult {
  const parsed = FormDefinition.safeParse(input);
  if (!parsed.success) {
    const seen = new Set<string>();
    const problems: DefinitionProblem[] = [];
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".");
      const key = structuralKey(issue);
      if (seen.has(`${path}|${key}`)) continue;
      seen.add(`${path}|${key}`);
      problems.push({ path, key });
      if (problems.length >= 200) break;
    }
    return { ok: false, problems };
  }
  const definition = parsed.data;
  const problems: DefinitionProblem[] = [];
  const add = (path: string, key: string, values?: Record<string, string | number>) =>
    problems.push(values ? { path, key, values } : { path, key });

  // Every field in order, with its place, so conditions can be checked against "earlier".
  const placed: Placed[] = [];
  let order = 0;
  definition.steps.forEach((step, stepIndex) => {
    step.fields.forEach((field, fieldIndex) => {
      const path = `steps.${stepIndex}.fields.${fieldIndex}`;
      placed.push({ field, path, stepIndex, order: order++ });
      if (field.type === "group") {
        field.fields.forEach((child, childIndex) =>
          placed.push({ field: child, path: `${path}.fields.${childIndex}`, stepIndex, order: order++, group: field }),
        );
      }
    });
  });
  if (placed.length > FORM_LIMITS.fieldsTotal)
    add("steps", "forms.definition.tooManyFields", { max: FORM_LIMITS.fieldsTotal });

  const stepIds = new Set<string>();
  definition.steps.forEach((step, index) => {
    if (stepIds.has(step.id)) add(`steps.${index}.id`, "forms.definition.duplicateStepId");
    stepIds.add(step.id);
    if (step.fields.length === 0) add(`steps.${index}.fields`, "forms.definition.emptyStep");
  });

  const byKey = new Map<string, Placed>();
  for (const entry of placed) {
    if (byKey.has(entry.field.key)) add(`${entry.path}.key`, "forms.definition.duplicateKey", { key: entry.field.key });
    else byKey.set(entry.field.key, entry);
  }

  const materials = new Set(context.materialCodes);
  for (const entry of placed) checkField(entry, byKey, materials, add);

  const checkRules = (
    rules: readonly CrossFieldRule[] | undefined,
    base: string,
    group?: FieldDef & { type: "group" },
  ) => {
    (rules ?? []).forEach((rule, index) => {
      const path = `${base}.${index}`;
      const left = byKey.get(rule.field);
      const right = byKey.get(rule.other);
      const inScope = (entry: Placed | undefined) =>
        entry !== undefined && (group ? entry.group === group : entry.group === undefined);
      if (!inScope(left)) add(`${path}.field`, "forms.definition.ruleUnknownField", { key: rule.field });
      if (!inScope(right)) add(`${path}.other`, "forms.definition.ruleUnknownField", { key: rule.other });
      if (!inScope(left) || !inScope(right)) return;
      if (rule.field === rule.other) return add(`${path}.other`, "forms.definition.ruleSameField");
      if (right!.stepIndex > left!.stepIndex) add(`${path}.other`, "forms.definition.ruleLaterStep");
      const a = left!.field.type;
      const b = right!.field.type;
      const ordered = (type: string) => type === "number" || type === "date";
      const comparable = (type: string) =>
        ordered(type) || TEXT_TYPES.has(type) || type === "select" || type === "radio";
      const fits =
        rule.op === "eq" || rule.op === "neq"
          ? comparable(a) && (a === b || (TEXT_TYPES.has(a) && TEXT_TYPES.has(b)))
          : ordered(a) && a === b;
      if (!fits) add(path, "forms.definition.ruleTypes");
    });
  };
  checkRules(definition.rules, "rules");
  for (const entry of placed) {
    if (entry.field.type === "group") checkRules(entry.field.rules, `${entry.path}.rules`, entry.field);
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}

function checkField(
  entry: Placed,
  byKey: Map<string, Placed>,
  materials: Set<string>,
  add: (path: string, key: string, values?: Record<string, string | number>) => void,
) {
  const { field, path } = entry;
  switch (field.type) {
    case "text":
    case "textarea":
      if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
        add(`${path}.minLength`, "forms.definition.minGreaterThanMax");
      }
      if (field.type === "text" && field.pattern) {
        if (!compilePattern(field.pattern.regex)) add(`${path}.pattern.regex`, "forms.definition.patternInvalid");
        else if (isUnsafePattern(field.pattern.regex)) add(`${path}.pattern.regex`, "forms.definition.patternUnsafe");
      }
      break;
    case "number":
      if (field.min !== undefined && field.max !== undefined && field.min > field.max)
        add(`${path}.min`, "forms.definition.minGreaterThanMax");
      break;
    case "date":
      if (field.min && field.max && field.min !== "today" && field.max !== "today" && field.min > field.max) {
        add(`${path}.min`, "forms.definition.minGreaterThanMax");
      }
      break;
    case "select":
    case "radio":
    case "checkboxes": {
      if (field.options.length === 0) add(`${path}.options`, "forms.definition.noOptions");
      const values = new Set<string>();
      field.options.forEach((option, index) => {
        if (values.has(option.value))
          add(`${path}.options.${index}.value`, "forms.definition.duplicateOption", { value: option.value });
        values.add(option.value);
      });
      if (field.type === "checkboxes") {
        if (field.min !== undefined && field.max !== undefined && field.min > field.max)
          add(`${path}.min`, "forms.definition.minGreaterThanMax");
        if (field.min !== undefined && field.min > field.options.length)
          add(`${path}.min`, "forms.definition.minAboveOptions");
      }
      break;
    }
    case "file":
      if (!materials.has(field.materialCode))
        add(`${path}.materialCode`, "forms.definition.unknownMaterial", { code: field.materialCode });
      break;
    case "group":
      if (field.minRows !== undefined && field.maxRows !== undefined && field.minRows > field.maxRows) {
        add(`${path}.minRows`, "forms.definition.minGreaterThanMax");
      }
      break;
  }
  if ("prefill" in field && field.prefill) {
    if (entry.group) add(`${path}.prefill`, "forms.definition.prefillInGroup");
    else if (!PREFILL_TYPES[field.prefill].includes(field.type)) add(`${path}.prefill`, "forms.definition.prefillType");
  }
  checkCondition(entry, field.visibleWhen, `${path}.visibleWhen`, byKey, add);
  checkCondition(entry, field.requiredWhen, `${path}.requiredWhen`, byKey, add);
}

function checkCondition(
  entry: Placed,
  condition: Condition | undefined,
  path: string,
  byKey: Map<string, Placed>,
  add: (path: string, key: string, values?: Record<string, string | number>) => void,
) {
  for (const leaf of conditionLeaves(condition)) {
    const target = byKey.get(leaf.field);
    // Inside a group row a condition may read the row's earlier fields or any earlier top-level field;
    // outside, only earlier top-level fields (another group's rows have no single answer).
    if (!target || (target.group !== undefined && target.group !== entry.group)) {
      add(path, "forms.definition.conditionUnknownField", { key: leaf.field });
      continue;
    }
    if (target === entry || (entry.group && target.field === entry.group)) {
      add(path, "forms.definition.conditionSelf", { key: leaf.field });
      continue;
    }
    if (target.stepIndex > entry.stepIndex) {
      add(path, "forms.definition.conditionLaterStep", { key: leaf.field });
      continue;
    }
    if (target.order > entry.order) {
      add(path, "forms.definition.conditionLaterField", { key: leaf.field });
      continue;
    }
    if (!conditionValueFits(target.field, leaf.op, leaf.value))
      add(path, "forms.definition.conditionValue", { key: leaf.field });
  }
}

function conditionValueFits(field: FieldDef | ChildField, op: string, value: unknown): boolean {
  if (op === "truthy" || op === "falsy") return true;
  if (op === "gt" || op === "lt") {
    if (field.type === "number") return typeof value === "number";
    if (field.type === "date") return typeof value === "string" && DATE_VALUE.test(value);
    return false;
  }
  const scalarFits = (scalar: unknown): boolean => {
    switch (field.type) {
      case "number":
        return typeof scalar === "number";
      case "date":
        return typeof scalar === "string" && DATE_VALUE.test(scalar);
      case "select":
      case "radio":
      case "checkboxes":
        return typeof scalar === "string" && field.options.some((option) => option.value === scalar);
      case "address":
      case "file":
      case "group":
        return false;
      default:
        return typeof scalar === "string";
    }
  };
  if (op === "in" || op === "notIn") return Array.isArray(value) && value.length > 0 && value.every(scalarFits);
  return !Array.isArray(value) && value !== undefined && scalarFits(value);
}

/** Parses the JSON text of a definition (e.g. from the builder's hidden input), refusing oversized text first. */
export function parseDefinitionJson(text: string, context: DefinitionContext): DefinitionResult {
  if (new TextEncoder().encode(text).length > FORM_LIMITS.definitionBytes) {
    return {
      ok: false,
      problems: [{ path: "", key: "forms.definition.tooLarge", values: { max: FORM_LIMITS.definitionBytes / 1024 } }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: "", key: "forms.definition.notJson" }] };
  }
  return validateFormDefinition(value, context);
}
