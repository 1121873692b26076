import type { ChangeKind, FieldChange } from "./version-diff";

/**
 * Turns the field changes of two guide versions (version-diff.ts) into rows a reviewer reads: each change named by
 * the labels the guide editor and the guide page already use (申请材料 · 居民身份证 · 复印件份数), and each value
 * shown as text, a translated choice (工作日, 是/否, 自然人), a list or a small set of labelled fields — never as
 * JSON (issue 18, point 7: reviewers could not read the raw diff). Plain TypeScript, no React and no messages:
 * labels are message keys the page translates, so the same rows serve both languages.
 */

/** Something to show as a label: a message key (values may themselves be labels) or text as the administrator typed it. */
export type Label = { key: string; values?: Record<string, string | number | Label> } | { text: string };

export type ShownValue =
  | { kind: "none" }
  /** Text as typed (may be long, with line breaks). */
  | { kind: "text"; text: string }
  | { kind: "label"; label: Label }
  | { kind: "list"; items: ShownValue[]; ordered?: boolean }
  /** A time limit and its note, or another value shown on separate lines. */
  | { kind: "lines"; items: ShownValue[] }
  /** A whole record (a material, a fee …) that was added or removed; `title` names it where no field does (a workflow step). */
  | { kind: "fields"; title?: Label; fields: { label: Label; value: ShownValue }[] };

export type GuideChange = {
  /** The change's path in the content ("materials[id-card].copyCopies"): a stable React key, not for display. */
  id: string;
  kind: ChangeKind;
  /** The guide field: 申请材料, 承诺办结时限. */
  field: Label;
  /** The list entry, if the change is inside one: 材料 / 依据 3 / 受理 (a workflow step). */
  entry: Label | null;
  /** What the entry is called in the version (a material's or fee's name, a question), when it has a name. */
  entryName: string | null;
  /** The fields inside the entry or record, outermost first: [时限, 单位]. */
  part: Label[];
  before: ShownValue;
  after: ShownValue;
};

export type GuideChangeContext = {
  /** The content compared against (null for the first version) and the version's content. */
  before: unknown;
  after: unknown;
  /** Theme names by code, for 所属主题 (codes are shown when a name is missing). */
  themeNames?: Record<string, string>;
};

type ValueSpec =
  | { type: "text" }
  | { type: "number" }
  | { type: "bool" }
  /** A code translated as `${prefix}.${code}`. */
  | { type: "choice"; prefix: string }
  | { type: "choices"; prefix: string }
  | { type: "assurance" }
  | { type: "timeLimit" }
  | { type: "file" }
  | { type: "materialCodes" }
  | { type: "themes" }
  | { type: "record"; fields: Record<string, FieldSpec> }
  | ListSpec
  | { type: "form" };

type ListSpec = {
  type: "list";
  /** Label of one entry (catalogueAdmin.entries.*); null when entries are named by their key (workflow steps). */
  entry: string | null;
  /** Entries matched by this key (version-diff.ts KEYED_LISTS) rather than by position. */
  keyedBy?: string;
  /** Entries named by their key through `${keyLabel}.${key}` (workflow steps: 受理, 审查). */
  keyLabel?: string;
  /** The field that names an entry (a material's name, a question). */
  nameField?: string;
  fields: Record<string, FieldSpec>;
};

type FieldSpec = { label: string; value: ValueSpec };

const CA = "catalogueAdmin";
const f = (label: string, value: ValueSpec): FieldSpec => ({ label, value });
const text: ValueSpec = { type: "text" };
const number: ValueSpec = { type: "number" };
const bool: ValueSpec = { type: "bool" };
const choice = (prefix: string): ValueSpec => ({ type: "choice", prefix });
const choices = (prefix: string): ValueSpec => ({ type: "choices", prefix });
const units = choice("catalogue.units");

const TIME_LIMIT_FIELDS: Record<string, FieldSpec> = {
  limit: f(`${CA}.fields.limit`, number),
  unit: f(`${CA}.fields.unit`, units),
  note: f(`${CA}.fields.limitNote`, text),
};

/**
 * Every field of lib/catalogue/guide-content.ts with the label the editor shows for it (components/catalogue-admin/
 * item-editor.tsx) and how its values read. A field missing here still shows, under its own name.
 */
const FIELDS: Record<string, FieldSpec> = {
  implementationCode: f(`${CA}.fieldNames.implementationCode`, text),
  handlingItemCode: f(`${CA}.fieldNames.handlingItemCode`, text),
  name: f(`${CA}.fieldNames.name`, text),
  nameEn: f(`${CA}.fieldNames.nameEn`, text),
  itemType: f(`${CA}.fieldNames.itemType`, choice("catalogue.itemTypes")),
  exerciseLevel: f(`${CA}.fieldNames.exerciseLevel`, choice("guide.levels")),
  powerSource: f("admin.guideChanges.powerSource", choice("admin.guideChanges.powerSources")),
  entrustingDepartment: f(`${CA}.fieldNames.entrustingDepartment`, text),
  coHandlingBodies: f(`${CA}.fieldNames.coHandlingBodies`, text),
  audiences: f(`${CA}.fieldNames.audiences`, choices("catalogue.audiences")),
  themeCodes: f(`${CA}.fieldNames.themeCodes`, { type: "themes" }),
  caseType: f(`${CA}.fieldNames.caseType`, choice("guide.caseTypes")),
  channels: f(`${CA}.fieldNames.channels`, choices("guide.channelNames")),
  acceptanceConditions: f(`${CA}.fieldNames.acceptanceConditions`, text),
  reviewStandard: f(`${CA}.fieldNames.reviewStandard`, text),
  statutory: f(`${CA}.fieldNames.statutory`, { type: "timeLimit" }),
  promised: f(`${CA}.fieldNames.promised`, { type: "timeLimit" }),
  visits: f(`${CA}.fieldNames.visits`, number),
  visitReason: f(`${CA}.fieldNames.visitReason`, text),
  feeCharged: f(`${CA}.fieldNames.feeCharged`, bool),
  feeBasis: f(`${CA}.fieldNames.feeBasis`, text),
  windowProcess: f(`${CA}.fieldNames.windowProcess`, text),
  onlineProcess: f(`${CA}.fieldNames.onlineProcess`, text),
  consultation: f(`${CA}.fieldNames.consultation`, text),
  complaint: f(`${CA}.fieldNames.complaint`, text),
  reconsideration: f(`${CA}.fieldNames.reconsideration`, text),
  litigation: f(`${CA}.fieldNames.litigation`, text),
  onlineCapable: f(`${CA}.fieldNames.onlineCapable`, bool),
  onlineDepth: f(`${CA}.fieldNames.onlineDepth`, choices("guide.depths")),
  inServiceHall: f(`${CA}.fieldNames.inServiceHall`, bool),
  courierDelivery: f(`${CA}.fieldNames.courierDelivery`, bool),
  onlinePayment: f(`${CA}.fieldNames.onlinePayment`, bool),
  bookingSupported: f(`${CA}.fieldNames.bookingSupported`, bool),
  kioskSupported: f(`${CA}.fieldNames.kioskSupported`, bool),
  crossRegionScope: f(`${CA}.fieldNames.crossRegionScope`, text),
  quantityLimit: f(`${CA}.fieldNames.quantityLimit`, text),
  intermediaryService: f(`${CA}.fieldNames.intermediaryService`, text),
  resultType: f(`${CA}.fieldNames.resultType`, choice("guide.resultTypes")),
  resultName: f(`${CA}.fieldNames.resultName`, text),
  resultLicenceTypeCode: f(`${CA}.fieldNames.resultLicenceTypeCode`, text),
  minAssuranceLevel: f(`${CA}.fieldNames.minAssuranceLevel`, { type: "assurance" }),
  legalBases: f(`${CA}.fieldNames.legalBases`, {
    type: "list",
    entry: "legalBasis",
    nameField: "lawName",
    fields: {
      lawName: f(`${CA}.fields.lawName`, text),
      documentNumber: f(`${CA}.fields.documentNumber`, text),
      clauseNumber: f(`${CA}.fields.clauseNumber`, text),
      clauseContent: f(`${CA}.fields.clauseContent`, text),
    },
  }),
  materials: f(`${CA}.fieldNames.materials`, {
    type: "list",
    entry: "material",
    keyedBy: "code",
    nameField: "name",
    fields: {
      name: f("guide.materialName", text),
      code: f(`${CA}.fields.materialCode`, text),
      necessity: f("guide.materialNecessity", choice("guide.necessity")),
      condition: f(`${CA}.fields.materialCondition`, text),
      form: f("guide.materialForm", choice("guide.forms")),
      originalCopies: f(`${CA}.fields.originalCopies`, number),
      copyCopies: f(`${CA}.fields.copyCopies`, number),
      paperSize: f(`${CA}.fields.paperSize`, text),
      source: f("guide.materialSource", choice("guide.sources")),
      sourceNote: f(`${CA}.fields.sourceNote`, text),
      licenceTypeCode: f(`${CA}.fields.licenceTypeCode`, text),
      fillingNotes: f("guide.materialNotes", text),
      acceptanceStandard: f(`${CA}.fields.acceptanceStandard`, text),
      legalBasis: f(`${CA}.fields.materialLegalBasis`, text),
      signRequirement: f(`${CA}.fields.signRequirement`, text),
      remarks: f(`${CA}.fields.remarks`, text),
      blankFormFileId: f("guide.blankForm", { type: "file" }),
      sampleFileId: f("guide.sample", { type: "file" }),
    },
  }),
  situations: f(`${CA}.fieldNames.situations`, {
    type: "list",
    entry: "situation",
    nameField: "name",
    fields: {
      name: f(`${CA}.fields.situationName`, text),
      description: f(`${CA}.fields.description`, text),
      materialCodes: f(`${CA}.fields.situationMaterials`, { type: "materialCodes" }),
    },
  }),
  fees: f(`${CA}.fieldNames.fees`, {
    type: "list",
    entry: "fee",
    nameField: "name",
    fields: {
      name: f("guide.feeName", text),
      standard: f("guide.feeStandard", text),
      basis: f("guide.feeBasis", text),
      waivable: f(`${CA}.fields.waivable`, bool),
      waiverBasis: f(`${CA}.fields.waiverBasis`, text),
    },
  }),
  windows: f(`${CA}.fieldNames.windows`, {
    type: "list",
    entry: "window",
    nameField: "name",
    fields: {
      name: f(`${CA}.fields.windowName`, text),
      address: f("guide.address", text),
      phone: f("guide.phone", text),
      hours: f("guide.hours", text),
      transport: f("guide.transport", text),
    },
  }),
  faqs: f(`${CA}.fieldNames.faqs`, {
    type: "list",
    entry: "faq",
    nameField: "question",
    fields: { question: f(`${CA}.fields.question`, text), answer: f(`${CA}.fields.answer`, text) },
  }),
  steps: f(`${CA}.fieldNames.steps`, {
    type: "list",
    entry: "step",
    nameField: "name",
    fields: {
      name: f("guide.stepName", text),
      handler: f("guide.stepHandler", text),
      timeLimit: f("guide.stepLimit", number),
      timeUnit: f(`${CA}.fields.unit`, units),
      standard: f("guide.stepStandard", text),
      result: f("guide.stepResult", text),
    },
  }),
  specialProcedures: f(`${CA}.fieldNames.specialProcedures`, {
    type: "list",
    entry: "specialProcedure",
    nameField: "name",
    fields: {
      name: f(`${CA}.fields.procedureName`, text),
      limit: f(`${CA}.fields.limit`, number),
      unit: f(`${CA}.fields.unit`, units),
      basis: f(`${CA}.fields.basis`, text),
    },
  }),
  form: f(`${CA}.fieldNames.form`, { type: "form" }),
  workflow: f(`${CA}.fieldNames.workflow`, {
    type: "record",
    fields: {
      // A step is named by its kind (受理, 审查), which says more than "审批流程配置 · 环节 2"; the kind is not
      // repeated among its fields.
      steps: f("admin.guideChanges.workflowSteps", {
        type: "list",
        entry: null,
        keyedBy: "kind",
        keyLabel: `${CA}.workflowSteps`,
        fields: {
          kind: f("", choice(`${CA}.workflowSteps`)),
          enabled: f(`${CA}.fields.stepEnabled`, bool),
          duty: f(`${CA}.fields.handlerDuty`, choice(`${CA}.duties`)),
          departmentCode: f(`${CA}.fields.handlerDepartment`, text),
          limit: f(`${CA}.fields.limit`, { type: "timeLimit" }),
        },
      }),
      specialProceduresAllowed: f(`${CA}.fields.specialProceduresAllowed`, bool),
      separateDuties: f(`${CA}.fields.separateDuties`, bool),
      jointDepartmentCodes: f(`${CA}.fields.jointDepartmentCodes`, text),
      jointLimitDays: f(`${CA}.fields.jointLimitDays`, number),
      deliveryOptions: f(`${CA}.fields.deliveryOptions`, choices(`${CA}.delivery`)),
    },
  }),
};

type Token = { name: string } | { bracket: string };

/** "workflow.steps[REVIEW].limit.unit" → workflow, steps, [REVIEW], limit, unit. */
export function parsePath(path: string): Token[] {
  const tokens: Token[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) tokens.push({ name: match[1] });
    else tokens.push({ bracket: match[2] ?? "" });
  }
  return tokens;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
const NONE: ShownValue = { kind: "none" };

/** The side of the comparison a value comes from: material and theme names are looked up in that version. */
type Side = { materials: Map<string, string>; themes: Record<string, string> };

function materialNames(content: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const materials = isRecord(content) && Array.isArray(content.materials) ? content.materials : [];
  for (const material of materials)
    if (isRecord(material) && typeof material.code === "string")
      names.set(material.code, typeof material.name === "string" && material.name ? material.name : material.code);
  return names;
}

/** Anything without a spec still reads as text, lists and labelled fields: a new field never shows as JSON. */
function showPlain(value: unknown): ShownValue {
  if (isEmpty(value)) return NONE;
  if (typeof value === "boolean") return { kind: "label", label: { key: value ? "guide.yes" : "guide.no" } };
  if (typeof value === "string" || typeof value === "number") return { kind: "text", text: String(value) };
  if (Array.isArray(value)) return { kind: "list", items: value.map(showPlain) };
  if (isRecord(value))
    return {
      kind: "fields",
      fields: Object.entries(value)
        .filter(([, inner]) => !isEmpty(inner))
        .map(([key, inner]) => ({ label: { text: key }, value: showPlain(inner) })),
    };
  return { kind: "text", text: String(value) };
}

function showFields(value: Record<string, unknown>, fields: Record<string, FieldSpec>, side: Side): ShownValue {
  const known = Object.entries(fields)
    .filter(([key, spec]) => spec.label && !isEmpty(value[key]))
    .map(([key, spec]) => ({ label: { key: spec.label } as Label, value: show(value[key], spec.value, side) }));
  const unknown = Object.keys(value)
    .filter((key) => !(key in fields) && !isEmpty(value[key]))
    .map((key) => ({ label: { text: key } as Label, value: showPlain(value[key]) }));
  return { kind: "fields", fields: [...known, ...unknown] };
}

function formSummary(form: unknown): ShownValue {
  if (!isRecord(form)) return NONE;
  const steps = Array.isArray(form.steps) ? form.steps : [];
  const fields = steps.reduce<number>(
    (sum, step) => sum + (isRecord(step) && Array.isArray(step.fields) ? step.fields.length : 0),
    0,
  );
  return { kind: "label", label: { key: "admin.guideChanges.formSummary", values: { steps: steps.length, fields } } };
}

function show(value: unknown, spec: ValueSpec | undefined, side: Side): ShownValue {
  if (isEmpty(value)) return NONE;
  if (!spec) return showPlain(value);
  switch (spec.type) {
    case "text":
    case "number":
      return typeof value === "string" || typeof value === "number"
        ? { kind: "text", text: String(value) }
        : showPlain(value);
    case "bool":
      return typeof value === "boolean"
        ? { kind: "label", label: { key: value ? "guide.yes" : "guide.no" } }
        : showPlain(value);
    case "choice":
      return typeof value === "string" || typeof value === "number"
        ? { kind: "label", label: { key: `${spec.prefix}.${value}` } }
        : showPlain(value);
    case "choices":
      return Array.isArray(value)
        ? { kind: "list", items: value.map((entry) => show(entry, choice(spec.prefix), side)) }
        : showPlain(value);
    case "assurance":
      return typeof value === "number"
        ? { kind: "label", label: { key: `${CA}.assuranceLevel`, values: { level: value } } }
        : showPlain(value);
    case "timeLimit": {
      if (!isRecord(value) || typeof value.limit !== "number" || typeof value.unit !== "string")
        return showPlain(value);
      const limit: ShownValue = {
        kind: "label",
        label: {
          key: "catalogue.limitValue",
          values: { value: value.limit, unit: value.unit },
        },
      };
      return typeof value.note === "string" && value.note
        ? { kind: "lines", items: [limit, { kind: "text", text: value.note }] }
        : limit;
    }
    case "file":
      return { kind: "label", label: { key: "admin.guideChanges.file" } };
    case "materialCodes":
      return Array.isArray(value)
        ? {
            kind: "list",
            items: value.map((code) => ({ kind: "text", text: side.materials.get(String(code)) ?? String(code) })),
          }
        : showPlain(value);
    case "themes":
      return Array.isArray(value)
        ? {
            kind: "list",
            items: value.map((code) => ({ kind: "text", text: side.themes[String(code)] ?? String(code) })),
          }
        : showPlain(value);
    case "record":
      return isRecord(value) ? showFields(value, spec.fields, side) : showPlain(value);
    case "list": {
      if (!Array.isArray(value)) return showPlain(value);
      const entry = (record: Record<string, unknown>): ShownValue => {
        const shown = showFields(record, spec.fields, side);
        const key = spec.keyedBy ? record[spec.keyedBy] : undefined;
        return spec.keyLabel && typeof key === "string" && shown.kind === "fields"
          ? { ...shown, title: { key: `${spec.keyLabel}.${key}` } }
          : shown;
      };
      return { kind: "list", items: value.map((item) => (isRecord(item) ? entry(item) : showPlain(item))) };
    }
    case "form":
      return formSummary(value);
  }
}

/** The entry a bracket names: by key in keyed lists (materials by code), by position otherwise. */
function findEntry(
  list: unknown,
  bracket: string,
  spec: ListSpec,
): { entry: Record<string, unknown> | null; index: number | null } {
  const entries = Array.isArray(list) ? list : [];
  if (spec.keyedBy) {
    const found = entries.find((candidate) => isRecord(candidate) && candidate[spec.keyedBy!] === bracket);
    if (isRecord(found)) return { entry: found, index: null };
  }
  if (/^\d+$/.test(bracket)) {
    const index = Number(bracket);
    const found = entries[index];
    return { entry: isRecord(found) ? found : null, index: spec.keyedBy ? null : index };
  }
  return { entry: null, index: null };
}

function describeOne(
  change: FieldChange,
  context: GuideChangeContext,
  sides: { before: Side; after: Side },
): GuideChange {
  const tokens = parsePath(change.path);
  const top = tokens[0] && "name" in tokens[0] ? tokens[0].name : change.field;
  const topSpec = FIELDS[top];
  let spec: ValueSpec | undefined = topSpec?.value;
  let entry: Label | null = null;
  let entryName: string | null = null;
  const part: Label[] = [];
  // The same walk down both versions, so an entry is named from the version that has it.
  let beforeNode: unknown = isRecord(context.before) ? context.before[top] : undefined;
  let afterNode: unknown = isRecord(context.after) ? context.after[top] : undefined;
  let listSpec: ListSpec | null = null;

  for (const token of tokens.slice(1)) {
    if ("bracket" in token) {
      if (spec?.type !== "list") {
        part.push({ text: `[${token.bracket}]` });
        spec = undefined;
        continue;
      }
      listSpec = spec;
      const inBefore = findEntry(beforeNode, token.bracket, spec);
      const inAfter = findEntry(afterNode, token.bracket, spec);
      const found = inAfter.entry ?? inBefore.entry;
      const index = inAfter.entry
        ? inAfter.index
        : (inBefore.index ?? (/^\d+$/.test(token.bracket) ? Number(token.bracket) : null));
      if (spec.keyLabel) entry = { key: `${spec.keyLabel}.${token.bracket}` };
      else if (spec.entry)
        entry =
          index !== null
            ? {
                key: "admin.guideChanges.entry",
                values: { entry: { key: `${CA}.entries.${spec.entry}` }, number: index + 1 },
              }
            : { key: `${CA}.entries.${spec.entry}` };
      const name = spec.nameField && found ? found[spec.nameField] : undefined;
      entryName = typeof name === "string" && name ? name : spec.keyedBy && !spec.keyLabel ? token.bracket : null;
      beforeNode = inBefore.entry;
      afterNode = inAfter.entry;
      spec = { type: "record", fields: spec.fields };
      continue;
    }
    if (token.name === "order" && spec?.type === "list") {
      // version-diff.ts reports a reordered keyed list as `<list>.order` with the keys in both orders.
      part.push({ key: "admin.guideChanges.order" });
      listSpec = spec;
      spec = undefined;
      break;
    }
    const inner =
      spec?.type === "record"
        ? spec.fields[token.name]
        : spec?.type === "timeLimit"
          ? TIME_LIMIT_FIELDS[token.name]
          : undefined;
    if (inner) {
      // A list inside a record (the workflow's steps) is named by its entry (受理), not by the list.
      if (inner.label && inner.value.type !== "list") part.push({ key: inner.label });
      spec = inner.value;
    } else {
      part.push({ text: token.name });
      spec = undefined;
    }
    beforeNode = isRecord(beforeNode) ? beforeNode[token.name] : undefined;
    afterNode = isRecord(afterNode) ? afterNode[token.name] : undefined;
  }

  const isOrder = change.kind === "moved" && listSpec !== null && spec === undefined;
  const showSide = (value: unknown, side: Side): ShownValue => {
    if (!isOrder || !listSpec || !Array.isArray(value)) return show(value, spec, side);
    const keyName = (key: unknown): ShownValue =>
      listSpec!.keyLabel
        ? { kind: "label", label: { key: `${listSpec!.keyLabel}.${String(key)}` } }
        : { kind: "text", text: side.materials.get(String(key)) ?? String(key) };
    return { kind: "list", ordered: true, items: value.map(keyName) };
  };

  return {
    id: `${change.path}:${change.kind}`,
    kind: change.kind,
    field: topSpec ? { key: topSpec.label } : { text: top },
    entry,
    entryName,
    part,
    before: showSide(change.before, sides.before),
    after: showSide(change.after, sides.after),
  };
}

/**
 * The rows of a version's change table, in the diff's order. Changes inside the application form (a nested form
 * definition with its own builder) are folded into one row that says how many there are and how big the form is
 * on each side; the form builder shows the form itself.
 */
export function describeGuideChanges(changes: FieldChange[], context: GuideChangeContext): GuideChange[] {
  const themes = context.themeNames ?? {};
  const sides = {
    before: { materials: materialNames(context.before), themes },
    after: { materials: materialNames(context.after), themes },
  };
  const rows: GuideChange[] = [];
  const formChanges = changes.filter((change) => change.field === "form");
  for (const change of changes) {
    if (change.field !== "form") {
      rows.push(describeOne(change, context, sides));
      continue;
    }
    if (change !== formChanges[0]) continue;
    const beforeForm = isRecord(context.before) ? context.before.form : null;
    const afterForm = isRecord(context.after) ? context.after.form : null;
    const kind: ChangeKind = isEmpty(beforeForm) ? "added" : isEmpty(afterForm) ? "removed" : "changed";
    rows.push({
      id: "form",
      kind,
      field: { key: `${CA}.fieldNames.form` },
      entry: null,
      entryName: null,
      part:
        kind === "changed" ? [{ key: "admin.guideChanges.formChanges", values: { count: formChanges.length } }] : [],
      before: formSummary(beforeForm),
      after: formSummary(afterForm),
    });
  }
  return rows;
}
