import { z } from "zod";
import { text } from "../validation/text";

/**
 * Application-form definitions (申请表单定义): per service item, the form a citizen fills in is DATA, stored in the
 * item's versioned content. One definition compiles (lib/forms/compile.ts) to one zod schema that the citizen's
 * browser, the server and the administrator's live preview all use.
 *
 * Shape: `{ version: 1, steps: [{ id, title, description?, fields: [...] }], rules?: [...] }`. A step is the
 * section of the form shown on one page; fields sit directly in it (no further nesting, so the builder stays
 * simple and every field has one obvious place). Repeating groups (`type: "group"`) hold child fields.
 *
 * This schema checks STRUCTURE and hard size caps (so a hostile document cannot exhaust the server while it is
 * parsed). Meaning (duplicate keys, conditions on unknown fields, regex safety …) is checked by
 * `validateFormDefinition` in validate-definition.ts, which reports every problem at once.
 */

/** Hard caps. A definition above them is refused before any other work is done. */
export const FORM_LIMITS = {
  /** Bytes of the JSON text of a definition. */
  definitionBytes: 256 * 1024,
  steps: 20,
  fieldsPerStep: 100,
  /** Fields in the whole form, group children included. */
  fieldsTotal: 300,
  childFields: 30,
  options: 300,
  conditionsPerGroup: 20,
  rules: 50,
  /** The largest maxLength an administrator may allow, per type. */
  textMax: 2000,
  textareaMax: 20000,
  /** Rows of a repeating group. */
  rows: 100,
  /** Files per file field. */
  files: 30,
  label: 200,
  help: 2000,
  pattern: 200,
} as const;

/** Field keys: a letter first, then letters, digits and underscores (also safe as a react-hook-form path). */
export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

/** Keys that collide with properties of every JavaScript object; refused so answers can never reach a prototype. */
export const RESERVED_KEYS = new Set([
  "constructor",
  "prototype",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "then",
]);

/** Bilingual text written by an administrator: Chinese required, English optional (falls back to Chinese). */
export const LocalizedText = z.strictObject({
  zh: text({ multiline: true })
    .min(1, "forms.definition.textRequired")
    .max(FORM_LIMITS.help, "forms.definition.textTooLong"),
  en: text({ multiline: true }).max(FORM_LIMITS.help, "forms.definition.textTooLong").optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

const Label = z.strictObject({
  zh: text().min(1, "forms.definition.textRequired").max(FORM_LIMITS.label, "forms.definition.textTooLong"),
  en: text().max(FORM_LIMITS.label, "forms.definition.textTooLong").optional(),
});

/** Picks the text for a locale: English when asked for and present, otherwise Chinese. */
export function localize(text: LocalizedText | undefined, locale: string): string {
  if (!text) return "";
  return locale === "en" && text.en ? text.en : text.zh;
}

const FieldKey = text({ trim: false })
  .max(64, "forms.definition.keyFormat")
  .regex(FIELD_KEY_PATTERN, "forms.definition.keyFormat")
  .refine((key) => !RESERVED_KEYS.has(key), "forms.definition.keyReserved");

export const StepId = text({ trim: false })
  .max(64, "forms.definition.keyFormat")
  .regex(/^[a-z][a-zA-Z0-9_-]*$/, "forms.definition.keyFormat");

// ── Conditions ───────────────────────────────────────────────────────────────────────────────────────────

export const CONDITION_OPS = ["eq", "neq", "in", "notIn", "truthy", "falsy", "gt", "lt"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

const Scalar = z.union([text({ trim: false }).max(FORM_LIMITS.label), z.number().finite(), z.boolean()]);

/**
 * `{ field, op, value }`: eq/neq compare with one value (for checkboxes: "is ticked" / "is not ticked"), in/notIn
 * with a list, truthy/falsy test for an answer (no value needed), gt/lt compare numbers or dates (YYYY-MM-DD).
 */
export const ConditionLeaf = z.strictObject({
  field: FieldKey,
  op: z.enum(CONDITION_OPS),
  value: z.union([Scalar, z.array(Scalar).max(FORM_LIMITS.options)]).optional(),
});
export type ConditionLeaf = z.infer<typeof ConditionLeaf>;

// Two levels of all/any are plenty for a form ("A and (B or C)") and keep parsing depth bounded: no recursion.
const InnerGroup = z.union([
  z.strictObject({ all: z.array(ConditionLeaf).min(1).max(FORM_LIMITS.conditionsPerGroup) }),
  z.strictObject({ any: z.array(ConditionLeaf).min(1).max(FORM_LIMITS.conditionsPerGroup) }),
]);
const Member = z.union([ConditionLeaf, InnerGroup]);

/** A single condition, or all/any of conditions (each of which may itself be all/any of single conditions). */
export const Condition = z.union([
  ConditionLeaf,
  z.strictObject({ all: z.array(Member).min(1).max(FORM_LIMITS.conditionsPerGroup) }),
  z.strictObject({ any: z.array(Member).min(1).max(FORM_LIMITS.conditionsPerGroup) }),
]);
export type Condition = ConditionLeaf | { all: Condition[] } | { any: Condition[] };

// ── Cross-field rules ────────────────────────────────────────────────────────────────────────────────────

export const COMPARE_OPS = ["gt", "gte", "lt", "lte", "eq", "neq"] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/**
 * "`field` must be `op` `other`" (e.g. endDate gt startDate; amount lte limit). Reported on `field`; skipped
 * while either answer is empty or hidden (required-ness is the field's own rule).
 */
export const CrossFieldRule = z.strictObject({
  field: FieldKey,
  op: z.enum(COMPARE_OPS),
  other: FieldKey,
  message: Label.optional(),
});
export type CrossFieldRule = z.infer<typeof CrossFieldRule>;

// ── Fields ───────────────────────────────────────────────────────────────────────────────────────────────

export const PREFILL_SOURCES = [
  "profile.realName",
  "profile.idNumber",
  "profile.phone",
  "profile.email",
  "company.name",
  "company.creditCode",
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

const Length = z.number().int().min(0);

const base = {
  key: FieldKey,
  label: Label,
  help: LocalizedText.optional(),
  required: z.boolean().optional(),
  /** Shown (and validated, and kept in the answers) only while the condition holds. */
  visibleWhen: Condition.optional(),
  /** Required while the condition holds (in addition to `required`). */
  requiredWhen: Condition.optional(),
};

const withPrefill = { prefill: z.enum(PREFILL_SOURCES).optional() };

export const OptionDef = z.strictObject({
  value: text().min(1, "forms.definition.optionValue").max(100, "forms.definition.optionValue"),
  label: Label,
});
export type OptionDef = z.infer<typeof OptionDef>;
const Options = z.array(OptionDef).max(FORM_LIMITS.options, "forms.definition.tooManyOptions");

/** ISO date (YYYY-MM-DD), or "today" (the day of filling in, Beijing time). */
export const DateBound = z.union([
  z.literal("today"),
  text().regex(/^\d{4}-\d{2}-\d{2}$/, "forms.definition.dateFormat"),
]);

const TextField = z.strictObject({
  ...base,
  ...withPrefill,
  type: z.literal("text"),
  minLength: Length.optional(),
  maxLength: Length.max(FORM_LIMITS.textMax).optional(),
  /** A JavaScript regular expression the whole answer must match, with the message shown when it does not. */
  pattern: z
    .strictObject({ regex: text({ trim: false }).min(1).max(FORM_LIMITS.pattern), message: Label.optional() })
    .optional(),
  placeholder: Label.optional(),
});
const TextareaField = z.strictObject({
  ...base,
  type: z.literal("textarea"),
  minLength: Length.optional(),
  maxLength: Length.max(FORM_LIMITS.textareaMax).optional(),
});
const NumberField = z.strictObject({
  ...base,
  type: z.literal("number"),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  integer: z.boolean().optional(),
  /** Shown after the input, e.g. 元, 平方米. */
  unit: Label.optional(),
});
const DateField = z.strictObject({
  ...base,
  type: z.literal("date"),
  min: DateBound.optional(),
  max: DateBound.optional(),
});
const SelectField = z.strictObject({ ...base, type: z.literal("select"), options: Options });
const RadioField = z.strictObject({ ...base, type: z.literal("radio"), options: Options });
const CheckboxesField = z.strictObject({
  ...base,
  type: z.literal("checkboxes"),
  options: Options,
  /** Fewest / most boxes to tick (when any answer is given; `required` means at least one). */
  min: Length.optional(),
  max: Length.optional(),
});
const IdNumberField = z.strictObject({ ...base, ...withPrefill, type: z.literal("idNumber") });
const PhoneField = z.strictObject({ ...base, ...withPrefill, type: z.literal("phone") });
const EmailField = z.strictObject({ ...base, ...withPrefill, type: z.literal("email") });
const CreditCodeField = z.strictObject({ ...base, ...withPrefill, type: z.literal("creditCode") });
/** Province → city → county cascade (12-digit region codes) plus a detail line; value `AddressValue`. */
const AddressField = z.strictObject({ ...base, type: z.literal("address") });
/** Uploads for one material of the item; the value is the list of uploaded file ids. */
const FileField = z.strictObject({
  ...base,
  type: z.literal("file"),
  materialCode: text().min(1, "forms.definition.materialRequired").max(64),
  maxFiles: z.number().int().min(1).max(FORM_LIMITS.files).optional(),
});

const CHILD_FIELD_TYPES = [
  TextField,
  TextareaField,
  NumberField,
  DateField,
  SelectField,
  RadioField,
  CheckboxesField,
  IdNumberField,
  PhoneField,
  EmailField,
  CreditCodeField,
  AddressField,
] as const;

/** A field inside a repeating group: every type except file and group (no nesting of tables). */
export const ChildField = z.discriminatedUnion("type", CHILD_FIELD_TYPES);
export type ChildField = z.infer<typeof ChildField>;

/** Repeating group (a table such as family members or shareholders); the value is a list of row objects. */
const GroupField = z.strictObject({
  ...base,
  type: z.literal("group"),
  fields: z.array(ChildField).min(1, "forms.definition.groupEmpty").max(FORM_LIMITS.childFields),
  minRows: z.number().int().min(0).max(FORM_LIMITS.rows).optional(),
  maxRows: z.number().int().min(1).max(FORM_LIMITS.rows).optional(),
  /** Cross-field rules between the child fields, applied to every row. */
  rules: z.array(CrossFieldRule).max(FORM_LIMITS.rules).optional(),
  /** What one row is called on its add/remove buttons (e.g. 家庭成员). */
  rowLabel: Label.optional(),
});

export const FieldDef = z.discriminatedUnion("type", [...CHILD_FIELD_TYPES, FileField, GroupField]);
export type FieldDef = z.infer<typeof FieldDef>;
export type FieldType = FieldDef["type"];
export type GroupFieldDef = Extract<FieldDef, { type: "group" }>;
export type FileFieldDef = Extract<FieldDef, { type: "file" }>;

export const FIELD_TYPES = [
  "text",
  "textarea",
  "number",
  "date",
  "select",
  "radio",
  "checkboxes",
  "idNumber",
  "phone",
  "email",
  "address",
  "creditCode",
  "file",
  "group",
] as const satisfies readonly FieldType[];

export const StepDef = z.strictObject({
  id: StepId,
  title: Label,
  description: LocalizedText.optional(),
  fields: z.array(FieldDef).max(FORM_LIMITS.fieldsPerStep, "forms.definition.tooManyFields"),
});
export type StepDef = z.infer<typeof StepDef>;

/** The whole definition document. */
export const FormDefinition = z.strictObject({
  version: z.literal(1),
  steps: z.array(StepDef).min(1, "forms.definition.noSteps").max(FORM_LIMITS.steps, "forms.definition.tooManySteps"),
  /** Cross-field rules between top-level fields. */
  rules: z.array(CrossFieldRule).max(FORM_LIMITS.rules).optional(),
});
export type FormDefinition = z.infer<typeof FormDefinition>;

/** The value of an address field. */
export type AddressValue = { province?: string; city?: string; county?: string; detail?: string };

/** A region as the address cascade needs it (from the `region` table). */
export type RegionOption = {
  code: string;
  name: string;
  nameEn?: string | null;
  parentCode: string | null;
  level: string;
};

/** A definition with one empty step: where the builder starts. */
export function emptyFormDefinition(): FormDefinition {
  return { version: 1, steps: [{ id: "step1", title: { zh: "基本信息", en: "Basic information" }, fields: [] }] };
}

/** Every field of the form in order, with its step index and, for group children, the group. */
export function listFields(
  definition: FormDefinition,
): { field: FieldDef | ChildField; stepIndex: number; group?: GroupFieldDef }[] {
  const out: { field: FieldDef | ChildField; stepIndex: number; group?: GroupFieldDef }[] = [];
  definition.steps.forEach((step, stepIndex) => {
    for (const field of step.fields) {
      out.push({ field, stepIndex });
      if (field.type === "group") for (const child of field.fields) out.push({ field: child, stepIndex, group: field });
    }
  });
  return out;
}

/** The single conditions inside a condition, however nested. */
export function conditionLeaves(condition: Condition | undefined): ConditionLeaf[] {
  if (!condition) return [];
  if ("all" in condition) return condition.all.flatMap(conditionLeaves);
  if ("any" in condition) return condition.any.flatMap(conditionLeaves);
  return [condition];
}
