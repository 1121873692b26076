import { z } from "zod";
import { text as safeText } from "../validation/text";
import { AUDIENCES } from "./filters";

/**
 * The content of one version of a service item: every standard guide field (docs/domain-reference.md §1.4–§1.9), its
 * materials, the application form and the workflow, as one document. Drafts, reviews, history, diffs, rollback,
 * the admin editor and the importer all speak this shape; publishing projects it onto the ServiceItem columns
 * and child tables the portal reads (lib/catalogue/versions.ts).
 *
 * Error messages are message keys in the `catalogueAdmin.errors` namespace.
 */

export const ITEM_TYPES = [
  "T01_LICENSING",
  "T02_PENALTY",
  "T03_ENFORCEMENT",
  "T04_LEVY",
  "T05_BENEFIT",
  "T06_INSPECTION",
  "T07_CONFIRMATION",
  "T08_REWARD",
  "T09_ADJUDICATION",
  "T10_OTHER_POWER",
  "T20_PUBLIC_SERVICE",
] as const;
export type ItemTypeName = (typeof ITEM_TYPES)[number];

/** docs/domain.md: only these types can be applied for; 02 处罚, 03 强制 and 06 检查 are listed for transparency only. */
export const APPLICABLE_ITEM_TYPES: readonly ItemTypeName[] = [
  "T01_LICENSING",
  "T04_LEVY",
  "T05_BENEFIT",
  "T07_CONFIRMATION",
  "T08_REWARD",
  "T09_ADJUDICATION",
  "T10_OTHER_POWER",
  "T20_PUBLIC_SERVICE",
];

export function isApplicableType(itemType: string): boolean {
  return (APPLICABLE_ITEM_TYPES as readonly string[]).includes(itemType);
}

export const TIME_UNITS = ["WORKING_DAY", "CALENDAR_DAY", "HOUR", "MONTH"] as const;
export const CASE_TYPES = ["ON_THE_SPOT", "PROMISED", "REPORTED", "JOINT"] as const;
export const CHANNELS = ["WINDOW", "ONLINE", "POST"] as const;
export const ONLINE_DEPTHS = [
  "CONSULT",
  "RECEIVE",
  "PRE_REVIEW",
  "ACCEPT",
  "HANDLE",
  "RESULT_FEEDBACK",
  "LICENCE_FEEDBACK",
] as const;
export const RESULT_TYPES = ["LICENCE", "APPROVAL_DOCUMENT", "OTHER", "NONE"] as const;
export const MATERIAL_NECESSITIES = ["REQUIRED", "OPTIONAL", "DEFERRABLE"] as const;
export const MATERIAL_FORMS = [
  "ORIGINAL",
  "COPY",
  "ORIGINAL_OR_COPY",
  "PAPER",
  "ELECTRONIC",
  "ORIGINAL_AND_COPY",
  "ORIGINAL_AND_SCAN",
] as const;
export const MATERIAL_SOURCES = ["APPLICANT", "DEPARTMENT", "LICENCE", "OTHER"] as const;
/**
 * A case's steps in order (lib/cases/workflow.ts): 预审, 受理, 审查 (承办), 审核, 决定 (审批), 办结, 送达. Sign-off steps
 * (审查, 审核) record an opinion each; the decision grants or refuses.
 */
export const WORKFLOW_STEP_KINDS = [
  "PRE_REVIEW",
  "ACCEPTANCE",
  "EXAMINATION",
  "REVIEW",
  "DECISION",
  "COMPLETION",
  "DELIVERY",
] as const;
export type WorkflowStepKind = (typeof WORKFLOW_STEP_KINDS)[number];
/** Staff duties (岗位职责): which duty takes a step; the same values as the database's StaffDuty. */
export const STAFF_DUTIES = ["INTAKE", "HANDLING", "REVIEW", "DECISION"] as const;
export type StaffDuty = (typeof STAFF_DUTIES)[number];
/** The duty that takes each step unless the item says otherwise. */
export const DEFAULT_STEP_DUTY: Record<WorkflowStepKind, StaffDuty> = {
  PRE_REVIEW: "INTAKE",
  ACCEPTANCE: "INTAKE",
  EXAMINATION: "HANDLING",
  REVIEW: "REVIEW",
  DECISION: "DECISION",
  COMPLETION: "HANDLING",
  DELIVERY: "INTAKE",
};
export const DELIVERY_OPTIONS = ["DOWNLOAD", "POST", "WINDOW_PICKUP"] as const;

const E = "catalogueAdmin.errors";
/**
 * Guide text is written by administrators and imported from spreadsheets, and the item page keeps its line breaks,
 * so it may span lines; names, numbers and codes (`line`) are one line. Both refuse control and invisible formatting
 * characters (lib/validation/text.ts).
 */
const text = (max: number) =>
  safeText({ multiline: true, typeMessage: `${E}.required` })
    .min(1, `${E}.required`)
    .max(max, `${E}.tooLong`);
const line = (max: number) =>
  safeText({ typeMessage: `${E}.required` })
    .min(1, `${E}.required`)
    .max(max, `${E}.tooLong`);
/** Optional text: empty input means "not given" and is stored as null, so a cleared field really clears. */
const optionalText = (max: number, multiline = true) =>
  safeText({ multiline })
    .max(max, `${E}.tooLong`)
    .nullish()
    .transform((value) => (value ? value : null));
const count = (max: number) =>
  z.coerce
    .number({ message: `${E}.number` })
    .int(`${E}.integer`)
    .min(0, `${E}.notNegative`)
    .max(max, `${E}.tooLarge`);
const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `${E}.choice` });
const uuid = z.uuid({ message: `${E}.fileReference` });

export const TimeLimit = z.object({
  limit: count(3650),
  unit: enumOf(TIME_UNITS),
  note: optionalText(500),
});
export type TimeLimit = z.infer<typeof TimeLimit>;

export const GuideLegalBasis = z.object({
  lawName: line(200),
  documentNumber: optionalText(100, false),
  clauseNumber: optionalText(100, false),
  clauseContent: text(5000),
});

export const GuideMaterial = z.object({
  /** Stable within the item; forms bind file fields to it and applications upload against it. */
  code: safeText()
    .min(1, `${E}.required`)
    .max(64, `${E}.tooLong`)
    .regex(/^[a-z0-9][a-z0-9-]*$/, `${E}.materialCode`),
  name: line(200),
  necessity: enumOf(MATERIAL_NECESSITIES),
  /** "Required if …": when set, the material applies only in the cases it names. */
  condition: optionalText(500),
  form: enumOf(MATERIAL_FORMS),
  originalCopies: count(99),
  copyCopies: count(99),
  paperSize: optionalText(20, false),
  source: enumOf(MATERIAL_SOURCES),
  sourceNote: optionalText(200),
  /** GB/T 36902 licence type that satisfies the material (免提交). */
  licenceTypeCode: safeText()
    .max(20, `${E}.tooLong`)
    .regex(/^[0-9A-Za-z]*$/, `${E}.licenceType`)
    .nullish()
    .transform((value) => (value ? value : null)),
  fillingNotes: optionalText(2000),
  acceptanceStandard: optionalText(2000),
  legalBasis: optionalText(1000),
  signRequirement: optionalText(500),
  remarks: optionalText(1000),
  blankFormFileId: uuid.nullish().transform((value) => value ?? null),
  sampleFileId: uuid.nullish().transform((value) => value ?? null),
});
export type GuideMaterial = z.infer<typeof GuideMaterial>;

export const GuideSituation = z.object({
  name: line(100),
  description: optionalText(500),
  materialCodes: z.array(safeText({ trim: false }).max(64)).max(100, `${E}.tooMany`),
});

export const GuideFee = z.object({
  name: line(200),
  standard: text(500),
  basis: optionalText(500),
  waivable: z.boolean().default(false),
  waiverBasis: optionalText(500),
});

export const GuideWindow = z.object({
  name: line(200),
  address: text(300),
  phone: line(40),
  hours: text(300),
  transport: optionalText(500),
});

export const GuideFaq = z.object({ question: text(500), answer: text(5000) });

export const GuideStep = z.object({
  name: line(100),
  handler: line(100),
  timeLimit: count(3650)
    .nullish()
    .transform((value) => value ?? null),
  timeUnit: enumOf(TIME_UNITS)
    .nullish()
    .transform((value) => value ?? null),
  standard: optionalText(2000),
  result: optionalText(500),
});

export const GuideSpecialProcedure = z.object({
  name: line(100),
  limit: count(3650),
  unit: enumOf(TIME_UNITS),
  basis: optionalText(500),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const WorkflowStep = z.object({
  kind: enumOf(WORKFLOW_STEP_KINDS),
  enabled: z.boolean(),
  /** Which duty takes the step, in the item's department (or in `departmentCode`'s, when set). */
  duty: enumOf(STAFF_DUTIES),
  departmentCode: optionalText(32, false),
  /**
   * The step's own time limit, within the item's promised limit, in working days. The editor's one number box sends
   * `{ limit: "" }` for none and no unit: both read as intended.
   */
  limit: z
    .preprocess(
      (value) =>
        isRecord(value)
          ? value.limit === "" || value.limit === null || value.limit === undefined
            ? null
            : { unit: "WORKING_DAY", note: null, ...value }
          : value,
      TimeLimit.nullish(),
    )
    .transform((value) => value ?? null),
});

/**
 * Versions stored before duties (issue 19) name a staff role per step and lack 审查: each step gets its kind's default
 * duty, a missing kind is added switched off, and steps come in the case's order, so the editor's rows and a case's
 * reading of the workflow line up whatever version wrote them.
 */
function canonicalSteps(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  const steps = raw.map((step) =>
    isRecord(step) &&
    step.duty === undefined &&
    typeof step.kind === "string" &&
    Object.hasOwn(DEFAULT_STEP_DUTY, step.kind)
      ? { ...step, duty: DEFAULT_STEP_DUTY[step.kind as WorkflowStepKind] }
      : step,
  );
  const present = new Set(steps.map((step) => (isRecord(step) ? step.kind : undefined)));
  for (const kind of WORKFLOW_STEP_KINDS)
    if (!present.has(kind))
      steps.push({ kind, enabled: false, duty: DEFAULT_STEP_DUTY[kind], departmentCode: null, limit: null });
  const order = (step: unknown) => {
    const index = isRecord(step) ? (WORKFLOW_STEP_KINDS as readonly unknown[]).indexOf(step.kind) : -1;
    return index === -1 ? WORKFLOW_STEP_KINDS.length : index;
  };
  return steps.sort((a, b) => order(a) - order(b));
}

export const Workflow = z.object({
  steps: z.preprocess(canonicalSteps, z.array(WorkflowStep).max(WORKFLOW_STEP_KINDS.length, `${E}.tooMany`)),
  /** Hearing, inspection, expert review (特别程序) may pause the clock on this item's cases. */
  specialProceduresAllowed: z.boolean(),
  /**
   * Separation of duties (issue 19): the person who examined or reviewed a case does not decide it, and the reviewer
   * is not the examiner. On unless the item turns it off.
   */
  separateDuties: z.boolean().default(true),
  /**
   * 并联审批: departments (by code) whose opinions the case needs, asked in parallel when it is accepted, each with
   * `jointLimitDays` working days to answer; the decision waits for all of them (lib/cases/joint-opinions.ts).
   */
  jointDepartmentCodes: z
    .preprocess(
      (value) => (typeof value === "string" ? value.split(/[\s,，、]+/).filter(Boolean) : value),
      z.array(line(32)).max(10, `${E}.tooMany`),
    )
    .default([]),
  jointLimitDays: z
    .preprocess((value) => (value === "" ? null : value), count(3650).nullish())
    .transform((value) => value ?? null),
  deliveryOptions: z.array(enumOf(DELIVERY_OPTIONS)).min(1, `${E}.deliveryRequired`),
});
export type Workflow = z.infer<typeof Workflow>;

/** The item types whose cases are examined, reviewed and decided by different people unless the item says otherwise. */
const SIGNED_OFF_TYPES = ["T01_LICENSING", "T09_ADJUDICATION", "T07_CONFIRMATION"];

/** Sensible defaults by item type: licensing goes through every step; simple services skip the sign-offs. */
export function defaultWorkflow(itemType: string): Workflow {
  const full = SIGNED_OFF_TYPES.includes(itemType);
  return {
    steps: WORKFLOW_STEP_KINDS.map((kind) => ({
      kind,
      enabled: full || !(kind === "EXAMINATION" || kind === "REVIEW" || kind === "DECISION"),
      duty: DEFAULT_STEP_DUTY[kind],
      departmentCode: null,
      limit: null,
    })),
    // Allowed once the guide lists the procedures (行政许可法 §45 needs them named), so off by default.
    specialProceduresAllowed: false,
    separateDuties: full,
    jointDepartmentCodes: [],
    jointLimitDays: null,
    deliveryOptions: ["DOWNLOAD", "WINDOW_PICKUP"],
  };
}

const MAX_LIST = 100;

const GuideContentShape = z.object({
  implementationCode: safeText()
    .min(1, `${E}.required`)
    .max(64, `${E}.tooLong`)
    .regex(/^[0-9A-Za-z-]+$/, `${E}.code`),
  handlingItemCode: safeText()
    .max(50, `${E}.tooLong`)
    .regex(/^[0-9A-Za-z-]*$/, `${E}.code`)
    .nullish()
    .transform((value) => (value ? value : null)),
  name: line(200),
  nameEn: safeText().max(300, `${E}.tooLong`).default(""),
  itemType: enumOf(ITEM_TYPES),
  /** 行使层级 1 national … 6 village. */
  exerciseLevel: z.coerce
    .number({ message: `${E}.number` })
    .int(`${E}.integer`)
    .min(1, `${E}.choice`)
    .max(6, `${E}.choice`),
  powerSource: z.coerce
    .number()
    .int()
    .min(1, `${E}.choice`)
    .max(6, `${E}.choice`)
    .nullish()
    .transform((value) => value ?? null),
  entrustingDepartment: optionalText(200),
  coHandlingBodies: optionalText(500),
  audiences: z.array(enumOf(AUDIENCES)).min(1, `${E}.audienceRequired`),
  themeCodes: z.array(safeText({ trim: false }).max(40)).max(20, `${E}.tooMany`),
  caseType: enumOf(CASE_TYPES),
  channels: z.array(enumOf(CHANNELS)).min(1, `${E}.channelRequired`),
  acceptanceConditions: safeText({ multiline: true }).max(10000, `${E}.tooLong`).default(""),
  reviewStandard: optionalText(10000),
  statutory: TimeLimit.nullish().transform((value) => value ?? null),
  promised: TimeLimit,
  visits: count(20),
  visitReason: optionalText(500),
  feeCharged: z.boolean(),
  feeBasis: optionalText(1000),
  windowProcess: safeText({ multiline: true }).max(5000, `${E}.tooLong`).default(""),
  onlineProcess: optionalText(5000),
  consultation: safeText({ multiline: true }).max(1000, `${E}.tooLong`).default(""),
  complaint: safeText({ multiline: true }).max(1000, `${E}.tooLong`).default(""),
  reconsideration: optionalText(1000),
  litigation: optionalText(1000),
  onlineCapable: z.boolean(),
  onlineDepth: z.array(enumOf(ONLINE_DEPTHS)),
  inServiceHall: z.boolean(),
  courierDelivery: z.boolean(),
  onlinePayment: z.boolean(),
  bookingSupported: z.boolean(),
  kioskSupported: z.boolean(),
  crossRegionScope: optionalText(200),
  quantityLimit: optionalText(200),
  intermediaryService: optionalText(500),
  resultType: enumOf(RESULT_TYPES),
  resultName: optionalText(200, false),
  /** The licence type (证照类型) the certificate is (lib/results/licence-types.ts): its validity and holder. */
  resultLicenceTypeCode: safeText()
    .max(20, `${E}.tooLong`)
    .regex(/^[0-9A-Za-z]*$/, `${E}.licenceType`)
    .nullish()
    .transform((value) => (value ? value : null)),
  minAssuranceLevel: z.coerce.number().int().min(1, `${E}.choice`).max(5, `${E}.choice`),
  legalBases: z.array(GuideLegalBasis).max(MAX_LIST, `${E}.tooMany`),
  materials: z.array(GuideMaterial).max(MAX_LIST, `${E}.tooMany`),
  situations: z.array(GuideSituation).max(MAX_LIST, `${E}.tooMany`),
  fees: z.array(GuideFee).max(MAX_LIST, `${E}.tooMany`),
  windows: z.array(GuideWindow).max(MAX_LIST, `${E}.tooMany`),
  faqs: z.array(GuideFaq).max(MAX_LIST, `${E}.tooMany`),
  steps: z.array(GuideStep).max(MAX_LIST, `${E}.tooMany`),
  specialProcedures: z.array(GuideSpecialProcedure).max(MAX_LIST, `${E}.tooMany`),
  /**
   * The application form definition (lib/forms), checked structurally by the publish step against the item's
   * materials; null when the item has no online application.
   */
  form: z
    .unknown()
    .nullish()
    .transform((value) => value ?? null),
  workflow: Workflow,
});

/** Rough conversion to calendar days, only to catch a promised limit that plainly exceeds the statutory one. */
function approximateCalendarDays({ limit, unit }: { limit: number; unit: (typeof TIME_UNITS)[number] }): number {
  switch (unit) {
    case "WORKING_DAY":
      return limit;
    case "CALENDAR_DAY":
      return limit;
    case "HOUR":
      return limit / 24;
    case "MONTH":
      return limit * 30;
  }
}

function duplicates(values: string[]): Set<number> {
  const seen = new Map<string, number>();
  const clashes = new Set<number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else clashes.add(index);
  });
  return clashes;
}

/**
 * Rules that tie fields together. Kept separate from the shape so a draft can be saved with gaps (a draft is
 * work in progress) while submission and publishing require the complete, consistent guide.
 */
export function checkGuideRules(
  content: z.infer<typeof GuideContentShape>,
  add: (path: (string | number)[], message: string) => void,
) {
  const { promised, statutory } = content;
  if (statutory) {
    const comparable = promised.unit === statutory.unit || (promised.unit !== "HOUR" && statutory.unit !== "HOUR");
    const exceeds =
      promised.unit === statutory.unit
        ? promised.limit > statutory.limit
        : approximateCalendarDays(promised) > approximateCalendarDays(statutory);
    // A working-day promise against a calendar-day statute compares day counts: 10 working days never fit in 7 days.
    if (comparable && exceeds) add(["promised", "limit"], `${E}.promisedOverStatutory`);
  }
  if (content.caseType === "ON_THE_SPOT" && promised.limit !== 0) add(["promised", "limit"], `${E}.onTheSpotLimit`);
  if (content.visits > 0 && !content.visitReason) add(["visitReason"], `${E}.visitReasonRequired`);
  if (content.feeCharged) {
    if (content.fees.length === 0) add(["fees"], `${E}.feeItemsRequired`);
    if (!content.feeBasis && content.fees.some((fee) => !fee.basis)) add(["feeBasis"], `${E}.feeBasisRequired`);
  } else if (content.fees.length > 0) add(["feeCharged"], `${E}.feesButFree`);
  for (const [index, fee] of content.fees.entries())
    if (fee.waivable && !fee.waiverBasis) add(["fees", index, "waiverBasis"], `${E}.waiverBasisRequired`);

  const applicable = isApplicableType(content.itemType);
  if (applicable) {
    if (!content.acceptanceConditions) add(["acceptanceConditions"], `${E}.required`);
    if (!content.windowProcess) add(["windowProcess"], `${E}.required`);
    if (!content.consultation) add(["consultation"], `${E}.required`);
    if (!content.complaint) add(["complaint"], `${E}.required`);
    if (content.legalBases.length === 0 && content.itemType !== "T20_PUBLIC_SERVICE")
      add(["legalBases"], `${E}.legalBasisRequired`);
  } else {
    if (content.form !== null) add(["form"], `${E}.formNotApplicable`);
    if (content.onlineCapable) add(["onlineCapable"], `${E}.onlineNotApplicable`);
  }
  if (content.onlineCapable && !content.channels.includes("ONLINE")) add(["channels"], `${E}.onlineChannelRequired`);
  if (content.form !== null && !content.onlineCapable) add(["onlineCapable"], `${E}.formNeedsOnline`);
  if (applicable) checkOnlineClaims(content, add);

  const materialCodes = content.materials.map((material) => material.code);
  for (const index of duplicates(materialCodes)) add(["materials", index, "code"], `${E}.duplicateMaterialCode`);
  for (const [index, material] of content.materials.entries()) {
    if (material.source === "LICENCE" && !material.licenceTypeCode)
      add(["materials", index, "licenceTypeCode"], `${E}.licenceTypeRequired`);
    if (material.originalCopies + material.copyCopies === 0 && material.form !== "ELECTRONIC")
      add(["materials", index, "copyCopies"], `${E}.copiesRequired`);
  }
  for (const [index, situation] of content.situations.entries())
    for (const code of situation.materialCodes)
      if (!materialCodes.includes(code)) add(["situations", index, "materialCodes"], `${E}.unknownMaterial`);
  for (const [index, step] of content.steps.entries())
    if ((step.timeLimit === null) !== (step.timeUnit === null))
      add(["steps", index, "timeLimit"], `${E}.limitNeedsUnit`);

  const kinds = content.workflow.steps.map((step) => step.kind);
  for (const index of duplicates(kinds)) add(["workflow", "steps", index, "kind"], `${E}.duplicateWorkflowStep`);
  if (!content.workflow.steps.some((step) => step.enabled && step.kind === "ACCEPTANCE"))
    add(["workflow", "steps"], `${E}.acceptanceStepRequired`);
  if (content.workflow.deliveryOptions.includes("POST") && !content.courierDelivery)
    add(["workflow", "deliveryOptions"], `${E}.postNeedsCourier`);
  // Each step's own limit runs inside the promised one: together they cannot exceed it (same unit only).
  const stepDays = content.workflow.steps
    .filter((step) => step.enabled && step.limit)
    .reduce((sum, step) => sum + (step.limit?.limit ?? 0), 0);
  if (content.promised.unit === "WORKING_DAY" && stepDays > content.promised.limit)
    add(["workflow", "steps"], `${E}.stepLimitsExceedPromised`);
  for (const [index, step] of content.workflow.steps.entries())
    if (step.limit && step.limit.unit !== "WORKING_DAY")
      add(["workflow", "steps", index, "limit"], `${E}.stepLimitUnit`);
  if (content.workflow.specialProceduresAllowed && content.specialProcedures.length === 0)
    add(["specialProcedures"], `${E}.specialProceduresMissing`);
}

/** Online depths that mean the application itself is made online (网上收件 onwards). */
export const ONLINE_APPLICATION_DEPTHS = ["RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"] as const;

/** The material codes the form's file fields upload (the form's own structure is checked against the materials on publish). */
export function formMaterialCodes(form: unknown): Set<string> {
  const codes = new Set<string>();
  const steps = (form as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return codes;
  for (const step of steps) {
    const fields = (step as { fields?: unknown } | null)?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields) {
      const { type, materialCode } = (field ?? {}) as { type?: unknown; materialCode?: unknown };
      if (type === "file" && typeof materialCode === "string") codes.add(materialCode);
    }
  }
  return codes;
}

/**
 * What a guide says about applying online must be what the applicant finds: an item marked as applied for online,
 * offered on the online channel or at an online depth from 网上收件 on has a form, a form is offered only at those
 * depths, and every material the applicant must always provide themselves can be uploaded in it (others come from
 * the e-licence library, the departments' shared data or conditional fields).
 */
function checkOnlineClaims(
  content: z.infer<typeof GuideContentShape>,
  add: (path: (string | number)[], message: string) => void,
) {
  const appliesOnline = content.onlineDepth.some((depth) =>
    (ONLINE_APPLICATION_DEPTHS as readonly string[]).includes(depth),
  );
  if (content.form === null) {
    if (content.onlineCapable) add(["form"], `${E}.onlineNeedsForm`);
    if (appliesOnline) add(["onlineDepth"], `${E}.onlineDepthNeedsForm`);
    if (content.channels.includes("ONLINE")) add(["channels"], `${E}.onlineChannelNeedsForm`);
    return;
  }
  if (!content.onlineDepth.includes("RECEIVE")) add(["onlineDepth"], `${E}.formNeedsReceiveDepth`);
  const uploaded = formMaterialCodes(content.form);
  for (const [index, material] of content.materials.entries())
    if (
      material.necessity === "REQUIRED" &&
      !material.condition &&
      (material.source === "APPLICANT" || material.source === "OTHER") &&
      !uploaded.has(material.code)
    )
      add(["materials", index, "code"], `${E}.materialNotInForm`);
}

/** The shape alone: what a draft must satisfy to be saved. */
export const GuideDraftContent = GuideContentShape;
/** Shape and rules: what a version must satisfy to be submitted for review and published. */
export const GuideContent = GuideContentShape.superRefine((content, context) =>
  checkGuideRules(content, (path, message) => context.addIssue({ code: "custom", path, message })),
);
export type GuideContent = z.infer<typeof GuideContentShape>;
export type GuideContentInput = z.input<typeof GuideContentShape>;

/** Zod issues as `{ "materials.2.code": messageKey }`, first message per path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  return fieldErrors;
}

/** A minimal valid-shaped draft for a new item, to be completed in the editor. */
export function newItemContent(base: {
  implementationCode: string;
  name: string;
  nameEn?: string;
  itemType: ItemTypeName;
  audiences: string[];
  exerciseLevel: number;
}): GuideContent {
  return GuideDraftContent.parse({
    implementationCode: base.implementationCode,
    name: base.name,
    nameEn: base.nameEn ?? "",
    itemType: base.itemType,
    exerciseLevel: base.exerciseLevel,
    audiences: base.audiences.length ? base.audiences : ["NATURAL_PERSON"],
    themeCodes: [],
    caseType: "PROMISED",
    channels: ["WINDOW"],
    promised: { limit: 20, unit: "WORKING_DAY" },
    statutory: null,
    visits: 1,
    visitReason: null,
    feeCharged: false,
    onlineCapable: false,
    onlineDepth: ["CONSULT"],
    inServiceHall: true,
    courierDelivery: false,
    onlinePayment: false,
    bookingSupported: false,
    kioskSupported: false,
    resultType: "NONE",
    minAssuranceLevel: 2,
    legalBases: [],
    materials: [],
    situations: [],
    fees: [],
    windows: [],
    faqs: [],
    steps: [],
    specialProcedures: [],
    form: null,
    workflow: defaultWorkflow(base.itemType),
  });
}
