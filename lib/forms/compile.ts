import { z } from "zod";
import { chinaToday } from "../calendar/china-time";
import { checkCreditCode, normaliseCreditCode } from "../identity/credit-code";
import { checkIdNumber, normaliseIdNumber } from "../identity/id-number";
import { isMainlandMobile, normalisePhone } from "../identity/phone";
import { unsafeTextProblem } from "../validation/text";
import { evaluateCondition, isEmpty, own } from "./conditions";
import {
  type ChildField,
  type CompareOp,
  type CrossFieldRule,
  type FieldDef,
  type FormDefinition,
  FORM_LIMITS,
  type GroupFieldDef,
  type RegionOption,
} from "./definition";

/**
 * Compiles a form definition to the zod schema of its answers. The same schema runs in the citizen's browser
 * (react-hook-form's zodResolver), on the server when a step is saved or the application submitted, and in the
 * administrator's live preview — one definition, one set of rules.
 *
 * Rules, in order per field: hidden fields (visibleWhen false) are neither validated nor kept; required /
 * requiredWhen; then the type's format and the length, pattern and range rules; then cross-field rules, reported
 * on the rule's `field`. Repeating groups validate every row, with paths like `members.0.idNumber`.
 *
 * Every message is a key in the `forms` namespace ("forms.errors.required"); `errorValues` gives the values
 * its text needs ({max}, {other} …) and any message the administrator wrote, so client and server localise alike.
 *
 * The output is clean: only the definition's visible fields, trimmed and normalised (ID numbers upper-cased,
 * numbers as numbers), empty answers left out. Unknown keys — including "__proto__" — are dropped.
 */

export type Answers = Record<string, unknown>;

export type CompileOptions = {
  /** Validate only this step's fields (per-step "Next"); conditions may still read earlier steps' answers. */
  step?: string;
  /** The region list: when given, address codes must exist and nest (province ⊃ city ⊃ county). */
  regions?: readonly RegionOption[];
  /** Today as YYYY-MM-DD for date bounds of "today" (default: the date in Beijing). */
  today?: string;
};

/** Default caps when the administrator set no maxLength: nobody's answer needs more, and regexes stay fast. */
const DEFAULT_MAX: Record<string, number> = {
  text: 200,
  textarea: 2000,
  email: 254,
  idNumber: 32,
  phone: 20,
  creditCode: 32,
  addressDetail: 200,
  option: 100,
};

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;
const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const REGION_CODE = /^\d{6}(?:\d{6})?$/;

type Issue = { path: (string | number)[]; message: string };

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const patternCache = new Map<string, RegExp | null>();
/** The administrator's pattern anchored to the whole answer; null when it does not compile (it cannot be saved). */
export function compilePattern(regex: string): RegExp | null {
  if (!patternCache.has(regex)) {
    let compiled: RegExp | null = null;
    try {
      compiled = new RegExp(`^(?:${regex})$`, "u");
    } catch {
      compiled = null;
    }
    if (patternCache.size > 500) patternCache.clear();
    patternCache.set(regex, compiled);
  }
  return patternCache.get(regex) ?? null;
}

type RegionIndex = Map<string, RegionOption>;

type Context = { today: string; regions?: RegionIndex };

type Checked = { value?: unknown; issues: Issue[] };

const fail = (message: string, path: (string | number)[] = []): Checked => ({ issues: [{ path, message }] });

/** A text answer, trimmed; wrong types (numbers excepted) are refused. */
function asText(raw: unknown): string | null {
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

function checkText(field: FieldDef | ChildField, raw: unknown, required: boolean): Checked {
  if (isEmpty(raw)) return required ? fail("forms.errors.required") : { issues: [] };
  const text = asText(raw);
  if (text === null) return fail("forms.errors.invalid");
  // Control and invisible formatting characters (lib/validation/text.ts); line breaks only in a textarea.
  const unsafe = unsafeTextProblem(text, field.type === "textarea" ? "multiline" : "line");
  if (unsafe) return fail(unsafe);
  const max =
    "maxLength" in field && field.maxLength !== undefined
      ? field.maxLength
      : (DEFAULT_MAX[field.type] ?? DEFAULT_MAX.text!);
  // Length in characters as people count them (a CJK character or an emoji is one).
  const length = [...text.slice(0, max * 2 + 2)].length;
  if (length > max) return fail("forms.errors.tooLong");
  if ("minLength" in field && field.minLength !== undefined && length < field.minLength)
    return fail("forms.errors.tooShort");
  switch (field.type) {
    case "text":
      if (field.pattern) {
        const pattern = compilePattern(field.pattern.regex);
        if (pattern && !pattern.test(text)) return fail("forms.errors.pattern");
      }
      return { value: text, issues: [] };
    case "textarea":
      return { value: text, issues: [] };
    case "email": {
      if (!EMAIL.test(text)) return fail("forms.errors.email.format");
      return { value: text, issues: [] };
    }
    case "idNumber": {
      const value = normaliseIdNumber(text);
      const problem = checkIdNumber(value);
      return problem ? fail(`forms.errors.idNumber.${problem}`) : { value, issues: [] };
    }
    case "phone": {
      const value = normalisePhone(text);
      return isMainlandMobile(value) ? { value, issues: [] } : fail("forms.errors.phone.format");
    }
    case "creditCode": {
      const value = normaliseCreditCode(text);
      const problem = checkCreditCode(value);
      return problem ? fail(`forms.errors.creditCode.${problem}`) : { value, issues: [] };
    }
    default:
      return fail("forms.errors.invalid");
  }
}

function checkNumber(field: Extract<FieldDef, { type: "number" }>, raw: unknown, required: boolean): Checked {
  if (isEmpty(raw)) return required ? fail("forms.errors.required") : { issues: [] };
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (
    typeof raw === "string" &&
    raw.trim().length <= 40 &&
    /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(raw.trim())
  ) {
    value = Number(raw.trim());
  } else return fail("forms.errors.number.invalid");
  if (!Number.isFinite(value)) return fail("forms.errors.number.invalid");
  if (field.integer && !Number.isInteger(value)) return fail("forms.errors.number.integer");
  if (field.min !== undefined && value < field.min) return fail("forms.errors.number.min");
  if (field.max !== undefined && value > field.max) return fail("forms.errors.number.max");
  return { value, issues: [] };
}

function checkDate(
  field: Extract<FieldDef, { type: "date" }>,
  raw: unknown,
  required: boolean,
  context: Context,
): Checked {
  if (isEmpty(raw)) return required ? fail("forms.errors.required") : { issues: [] };
  if (typeof raw !== "string" || raw.length > 10 || !isRealDate(raw.trim())) return fail("forms.errors.date.invalid");
  const value = raw.trim();
  const bound = (edge: string | undefined) => (edge === "today" ? context.today : edge);
  const min = bound(field.min);
  const max = bound(field.max);
  if (min && value < min) return fail("forms.errors.date.min");
  if (max && value > max) return fail("forms.errors.date.max");
  return { value, issues: [] };
}

function checkChoice(field: Extract<FieldDef, { type: "select" | "radio" }>, raw: unknown, required: boolean): Checked {
  if (isEmpty(raw)) return required ? fail("forms.errors.required") : { issues: [] };
  if (typeof raw !== "string") return fail("forms.errors.option.invalid");
  const value = raw.trim();
  return field.options.some((option) => option.value === value)
    ? { value, issues: [] }
    : fail("forms.errors.option.invalid");
}

function checkCheckboxes(field: Extract<FieldDef, { type: "checkboxes" }>, raw: unknown, required: boolean): Checked {
  // A single ticked box posts as a string from a plain HTML form.
  const list = typeof raw === "string" ? [raw] : raw;
  if (isEmpty(list) || list === false) return required ? fail("forms.errors.required") : { issues: [] };
  if (!Array.isArray(list) || list.length > field.options.length) return fail("forms.errors.option.invalid");
  if (!list.every((entry) => typeof entry === "string")) return fail("forms.errors.option.invalid");
  const chosen = new Set(list as string[]);
  const value = field.options.filter((option) => chosen.has(option.value)).map((option) => option.value);
  if (value.length !== chosen.size) return fail("forms.errors.option.invalid");
  if (field.min !== undefined && value.length < field.min) return fail("forms.errors.checkboxes.min");
  if (field.max !== undefined && value.length > field.max) return fail("forms.errors.checkboxes.max");
  return { value, issues: [] };
}

function checkAddress(raw: unknown, required: boolean, context: Context): Checked {
  if (isEmpty(raw)) return required ? fail("forms.errors.required", ["province"]) : { issues: [] };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail("forms.errors.invalid", ["province"]);
  const part = (name: string) => {
    const value = own(raw, name);
    return typeof value === "string" ? value.trim() : value === undefined || value === null ? "" : null;
  };
  const province = part("province");
  const city = part("city");
  const county = part("county");
  const detail = part("detail");
  const issues: Issue[] = [];
  const codeProblem = (code: string | null, name: string, parent: string | null) => {
    if (code === null || (code !== "" && !REGION_CODE.test(code)))
      return issues.push({ path: [name], message: "forms.errors.address.region" });
    if (code === "") return;
    const region = context.regions?.get(code);
    if (context.regions && (!region || (parent !== null && region.parentCode !== parent))) {
      issues.push({ path: [name], message: "forms.errors.address.region" });
    }
  };
  if (!province) issues.push({ path: ["province"], message: "forms.errors.required" });
  else codeProblem(province, "province", null);
  if (!city) issues.push({ path: ["city"], message: "forms.errors.required" });
  else codeProblem(city, "city", province || null);
  const cityHasCounties = context.regions
    ? [...context.regions.values()].some((region) => region.parentCode === city && city !== "")
    : false;
  if (!county) {
    if (cityHasCounties) issues.push({ path: ["county"], message: "forms.errors.required" });
  } else codeProblem(county, "county", city || null);
  if (detail === null) issues.push({ path: ["detail"], message: "forms.errors.invalid" });
  else if (detail === "") issues.push({ path: ["detail"], message: "forms.errors.required" });
  else if (unsafeTextProblem(detail))
    issues.push({ path: ["detail"], message: unsafeTextProblem(detail) ?? "forms.errors.invalid" });
  else if ([...detail.slice(0, DEFAULT_MAX.addressDetail! + 2)].length > DEFAULT_MAX.addressDetail!) {
    issues.push({ path: ["detail"], message: "forms.errors.tooLong" });
  }
  if (issues.length > 0) return { issues };
  const value: Record<string, string> = { province: province!, city: city! };
  if (county) value.county = county;
  value.detail = detail!;
  return { value, issues };
}

function checkFiles(field: Extract<FieldDef, { type: "file" }>, raw: unknown, required: boolean): Checked {
  if (isEmpty(raw)) return required ? fail("forms.errors.file.required") : { issues: [] };
  if (!Array.isArray(raw) || raw.length > FORM_LIMITS.files) return fail("forms.errors.file.invalid");
  if (!raw.every((id) => typeof id === "string" && FILE_ID.test(id))) return fail("forms.errors.file.invalid");
  const value = [...new Set(raw as string[])];
  if (field.maxFiles !== undefined && value.length > field.maxFiles) return fail("forms.errors.file.tooMany");
  return { value, issues: [] };
}

function checkScalarField(field: ChildField | FieldDef, raw: unknown, required: boolean, context: Context): Checked {
  switch (field.type) {
    case "number":
      return checkNumber(field, raw, required);
    case "date":
      return checkDate(field, raw, required, context);
    case "select":
    case "radio":
      return checkChoice(field, raw, required);
    case "checkboxes":
      return checkCheckboxes(field, raw, required);
    case "address":
      return checkAddress(raw, required, context);
    case "file":
      return checkFiles(field, raw, required);
    case "group":
      return fail("forms.errors.invalid");
    default:
      return checkText(field, raw, required);
  }
}

/** Compares two clean answers of the same kind (numbers, or dates as YYYY-MM-DD strings). */
function comparePasses(left: unknown, op: CompareOp, right: unknown): boolean {
  if (typeof left !== typeof right) return true;
  const a = left as number | string;
  const b = right as number | string;
  switch (op) {
    case "gt":
      return a > b;
    case "gte":
      return a >= b;
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
    case "eq":
      return a === b;
    case "neq":
      return a !== b;
  }
}

function applyRules(
  rules: readonly CrossFieldRule[] | undefined,
  values: Record<string, unknown>,
  failed: Set<string>,
  applies: (rule: CrossFieldRule) => boolean,
  prefix: (string | number)[],
  issues: Issue[],
) {
  for (const rule of rules ?? []) {
    if (!applies(rule) || failed.has(rule.field)) continue;
    const left = own(values, rule.field);
    const right = own(values, rule.other);
    if (left === undefined || right === undefined) continue;
    if (!comparePasses(left, rule.op, right)) {
      failed.add(rule.field);
      issues.push({ path: [...prefix, rule.field], message: `forms.errors.compare.${rule.op}` });
    }
  }
}

type WalkResult = {
  output: Answers;
  issues: Issue[];
  visible: Record<string, boolean>;
  required: Record<string, boolean>;
};

/**
 * Walks the definition in order over raw answers. Conditions see only answers of visible fields that come
 * earlier (validate-definition guarantees they refer to earlier fields only), so show/hide never loops.
 */
function walk(definition: FormDefinition, raw: unknown, options: CompileOptions, context: Context): WalkResult {
  const issues: Issue[] = [];
  const output: Answers = {};
  const visible: Record<string, boolean> = {};
  const requiredNow: Record<string, boolean> = {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { output, issues: [{ path: [], message: "forms.errors.invalid" }], visible, required: requiredNow };
  }
  // Answers as conditions see them: raw values of visible fields, in order.
  const seen = new Map<string, unknown>();
  const lookupTop = (key: string) => seen.get(key);
  const failedTop = new Set<string>();
  const stepFieldKeys = new Set<string>();

  definition.steps.forEach((step) => {
    const checking = options.step === undefined || options.step === step.id;
    for (const field of step.fields) {
      if (checking) stepFieldKeys.add(field.key);
      const shown = evaluateCondition(field.visibleWhen, lookupTop);
      visible[field.key] = shown;
      if (!shown) continue;
      const rawValue = own(raw, field.key);
      seen.set(field.key, rawValue);
      const required =
        Boolean(field.required) ||
        (field.requiredWhen !== undefined && evaluateCondition(field.requiredWhen, lookupTop));
      requiredNow[field.key] = required;
      if (field.type === "group") {
        const result = checkGroup(field, rawValue, required, lookupTop, context, checking, visible, requiredNow);
        if (checking) {
          for (const issue of result.issues) issues.push({ path: [field.key, ...issue.path], message: issue.message });
          if (result.issues.length > 0) failedTop.add(field.key);
          if (result.value !== undefined) output[field.key] = result.value;
        }
        continue;
      }
      if (!checking) continue;
      const result = checkScalarField(field, rawValue, required, context);
      for (const issue of result.issues) issues.push({ path: [field.key, ...issue.path], message: issue.message });
      if (result.issues.length > 0) failedTop.add(field.key);
      else if (result.value !== undefined) output[field.key] = result.value;
    }
  });

  // Cross-field rules compare clean answers, so in step mode the other side may come from an earlier step.
  const compareValues: Record<string, unknown> = { ...output };
  if (options.step !== undefined) {
    for (const [key, value] of seen) {
      if (stepFieldKeys.has(key) || compareValues[key] !== undefined) continue;
      const field = definition.steps.flatMap((step) => step.fields).find((candidate) => candidate.key === key);
      if (!field || field.type === "group") continue;
      const result = checkScalarField(field, value, false, context);
      if (result.issues.length === 0 && result.value !== undefined) compareValues[key] = result.value;
    }
  }
  applyRules(definition.rules, compareValues, failedTop, (rule) => stepFieldKeys.has(rule.field), [], issues);
  return { output, issues, visible, required: requiredNow };
}

function checkGroup(
  field: GroupFieldDef,
  raw: unknown,
  required: boolean,
  lookupTop: (key: string) => unknown,
  context: Context,
  checking: boolean,
  visible: Record<string, boolean>,
  requiredNow: Record<string, boolean>,
): Checked {
  const issues: Issue[] = [];
  const minRows = Math.max(field.minRows ?? 0, required ? 1 : 0);
  const maxRows = Math.min(field.maxRows ?? FORM_LIMITS.rows, FORM_LIMITS.rows);
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) return fail("forms.errors.invalid");
  const rows = (raw ?? []) as unknown[];
  if (rows.length > maxRows) return fail("forms.errors.group.maxRows");
  const out: Record<string, unknown>[] = [];
  let filled = 0;
  rows.forEach((row, index) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      issues.push({ path: [index], message: "forms.errors.invalid" });
      return;
    }
    // A row left completely blank (an added row never filled in) is no entry: it neither counts towards minRows
    // nor reports its required fields; it is dropped from the answers.
    if (field.fields.every((child) => isEmpty(own(row, child.key)))) return;
    filled++;
    const seenRow = new Map<string, unknown>();
    const lookup = (key: string) =>
      field.fields.some((child) => child.key === key) ? seenRow.get(key) : lookupTop(key);
    const clean: Record<string, unknown> = {};
    const failed = new Set<string>();
    for (const child of field.fields) {
      const shown = evaluateCondition(child.visibleWhen, lookup);
      visible[`${field.key}.${index}.${child.key}`] = shown;
      if (!shown) continue;
      const rawValue = own(row, child.key);
      seenRow.set(child.key, rawValue);
      const childRequired =
        Boolean(child.required) || (child.requiredWhen !== undefined && evaluateCondition(child.requiredWhen, lookup));
      requiredNow[`${field.key}.${index}.${child.key}`] = childRequired;
      if (!checking) continue;
      const result = checkScalarField(child, rawValue, childRequired, context);
      for (const issue of result.issues)
        issues.push({ path: [index, child.key, ...issue.path], message: issue.message });
      if (result.issues.length > 0) failed.add(child.key);
      else if (result.value !== undefined) clean[child.key] = result.value;
    }
    applyRules(field.rules, clean, failed, () => true, [index], issues);
    out.push(clean);
  });
  if (filled < minRows)
    issues.unshift({
      path: [],
      message: filled === 0 && required && minRows <= 1 ? "forms.errors.group.required" : "forms.errors.group.minRows",
    });
  if (issues.length > 0) return { issues };
  return { value: out.length > 0 ? out : undefined, issues };
}

function contextFor(options: CompileOptions): Context {
  const context: Context = { today: options.today ?? chinaToday() };
  if (options.regions) context.regions = new Map(options.regions.map((region) => [region.code, region]));
  return context;
}

/**
 * The zod schema of the answers to a definition (all steps, or `options.step` only). Parse output: the clean
 * answers (see the module comment). Issues: `{ path, message: "forms.errors.…" }`.
 */
export function compileAnswersSchema(
  definition: FormDefinition,
  options: CompileOptions = {},
): z.ZodType<Answers, unknown> {
  const context = contextFor(options);
  return z.unknown().transform((raw, ctx) => {
    const result = walk(definition, raw, options, context);
    if (result.issues.length > 0) {
      for (const issue of result.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return result.output;
  });
}

/**
 * Which fields are shown, and which are required right now, for these answers: `{ key: boolean }` for top-level
 * fields and `{ "members.0.relation": boolean }` for children of group rows (required is set for shown fields
 * only). The renderer hides and marks exactly what the schema ignores and requires.
 */
export function computeFieldState(
  definition: FormDefinition,
  answers: unknown,
): { visible: Record<string, boolean>; required: Record<string, boolean> } {
  const { visible, required } = walk(definition, answers ?? {}, { step: "\u0000none" }, { today: "" });
  return { visible, required };
}

/** `computeFieldState(…).visible`. */
export function computeVisibility(definition: FormDefinition, answers: unknown): Record<string, boolean> {
  return computeFieldState(definition, answers).visible;
}

/** zod issues → `{ "members.0.idNumber": "forms.errors.idNumber.checksum" }`, the first message per path. */
export function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}

/** The step that holds a top-level field, for jumping to the first step with an error. */
export function stepOfPath(definition: FormDefinition, path: string): string | undefined {
  const key = path.split(".")[0];
  return definition.steps.find((step) => step.fields.some((field) => field.key === key))?.id;
}
