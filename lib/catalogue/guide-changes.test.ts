import { describe, expect, it } from "vitest";
import { messagesFor } from "../i18n/messages";
import { describeGuideChanges, type GuideChange, type Label, parsePath, type ShownValue } from "./guide-changes";
import { defaultWorkflow, newItemContent } from "./guide-content";
import { diffContents } from "./version-diff";

const material = (code: string, name: string, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  necessity: "REQUIRED",
  condition: null,
  form: "ORIGINAL",
  originalCopies: 1,
  copyCopies: 0,
  source: "APPLICANT",
  ...extra,
});

const guide = (extra: Record<string, unknown> = {}) => ({
  name: "居民身份证换领",
  itemType: "T07_CONFIRMATION",
  audiences: ["NATURAL_PERSON"],
  promised: { limit: 20, unit: "WORKING_DAY", note: null },
  statutory: null,
  feeCharged: false,
  minAssuranceLevel: 2,
  acceptanceConditions: "本市户籍居民。",
  legalBases: [
    {
      lawName: "中华人民共和国居民身份证法",
      documentNumber: null,
      clauseNumber: "第十一条",
      clauseContent: "有下列情形之一的，应当换领新证。",
    },
  ],
  materials: [material("id-card", "居民身份证"), material("photo", "照片回执")],
  situations: [{ name: "到期换领", description: null, materialCodes: ["id-card"] }],
  themeCodes: ["P01"],
  form: null,
  workflow: defaultWorkflow("T07_CONFIRMATION"),
  ...extra,
});

function rows(before: unknown, after: unknown, themeNames?: Record<string, string>): GuideChange[] {
  return describeGuideChanges(diffContents(before, after), { before, after, themeNames });
}

const only = (list: GuideChange[]) => {
  expect(list).toHaveLength(1);
  return list[0]!;
};

/** Every value in a row, flattened, to prove none is shown as JSON. */
function texts(value: ShownValue): string[] {
  switch (value.kind) {
    case "none":
      return [];
    case "text":
      return [value.text];
    case "label":
      return "text" in value.label ? [value.label.text] : [value.label.key];
    case "list":
    case "lines":
      return value.items.flatMap(texts);
    case "fields":
      return value.fields.flatMap((field) => texts(field.value));
  }
}

describe("parsePath", () => {
  it("splits names and bracketed keys", () => {
    expect(parsePath("workflow.steps[REVIEW].limit.unit")).toEqual([
      { name: "workflow" },
      { name: "steps" },
      { bracket: "REVIEW" },
      { name: "limit" },
      { name: "unit" },
    ]);
    expect(parsePath("materials[id-card].copyCopies")).toEqual([
      { name: "materials" },
      { bracket: "id-card" },
      { name: "copyCopies" },
    ]);
  });
});

describe("describeGuideChanges", () => {
  it("labels a text field with the editor's field name and shows both texts as typed, line breaks kept", () => {
    const row = only(rows(guide(), guide({ acceptanceConditions: "本市户籍居民。\n持有效身份证件。" })));
    expect(row).toMatchObject({
      kind: "changed",
      field: { key: "catalogueAdmin.fieldNames.acceptanceConditions" },
      entry: null,
      part: [],
      before: { kind: "text", text: "本市户籍居民。" },
      after: { kind: "text", text: "本市户籍居民。\n持有效身份证件。" },
    });
  });

  it("translates choices, yes/no, levels and time limits instead of showing codes", () => {
    const changed = rows(
      guide(),
      guide({
        itemType: "T01_LICENSING",
        feeCharged: true,
        minAssuranceLevel: 3,
        audiences: ["NATURAL_PERSON", "ENTERPRISE"],
        statutory: { limit: 30, unit: "CALENDAR_DAY", note: "自受理之日起" },
      }),
    );
    const byField = Object.fromEntries(
      changed.map((row) => ["key" in row.field ? row.field.key.split(".").at(-1) : "", row]),
    );
    expect(byField.itemType?.after).toEqual({ kind: "label", label: { key: "catalogue.itemTypes.T01_LICENSING" } });
    expect(byField.feeCharged?.before).toEqual({ kind: "label", label: { key: "guide.no" } });
    expect(byField.feeCharged?.after).toEqual({ kind: "label", label: { key: "guide.yes" } });
    expect(byField.minAssuranceLevel?.after).toEqual({
      kind: "label",
      label: { key: "catalogueAdmin.assuranceLevel", values: { level: 3 } },
    });
    expect(byField.audiences?.after).toEqual({
      kind: "list",
      items: [
        { kind: "label", label: { key: "catalogue.audiences.NATURAL_PERSON" } },
        { kind: "label", label: { key: "catalogue.audiences.ENTERPRISE" } },
      ],
    });
    expect(byField.statutory).toMatchObject({ kind: "added", before: { kind: "none" } });
    expect(byField.statutory?.after).toEqual({
      kind: "lines",
      items: [
        {
          kind: "label",
          label: { key: "catalogue.limitValue", values: { value: 30, unit: "CALENDAR_DAY" } },
        },
        { kind: "text", text: "自受理之日起" },
      ],
    });
  });

  it("names the part of a nested field: 承诺办结时限 · 单位", () => {
    const row = only(rows(guide(), guide({ promised: { limit: 20, unit: "CALENDAR_DAY", note: null } })));
    expect(row.field).toEqual({ key: "catalogueAdmin.fieldNames.promised" });
    expect(row.part).toEqual([{ key: "catalogueAdmin.fields.unit" }]);
    expect(row.after).toEqual({ kind: "label", label: { key: "catalogue.units.CALENDAR_DAY" } });
  });

  it("names a changed material by its name and the field by its label", () => {
    const after = guide({
      materials: [material("id-card", "居民身份证", { copyCopies: 2 }), material("photo", "照片回执")],
    });
    const row = only(rows(guide(), after));
    expect(row).toMatchObject({
      field: { key: "catalogueAdmin.fieldNames.materials" },
      entry: { key: "catalogueAdmin.entries.material" },
      entryName: "居民身份证",
      part: [{ key: "catalogueAdmin.fields.copyCopies" }],
      before: { kind: "text", text: "0" },
      after: { kind: "text", text: "2" },
    });
  });

  it("shows an added or removed material as its labelled fields, a removed one named as the earlier version called it", () => {
    const after = guide({
      materials: [material("id-card", "居民身份证"), material("licence", "营业执照", { form: "COPY", copyCopies: 1 })],
    });
    const changed = rows(guide(), after);
    const removed = changed.find((row) => row.kind === "removed")!;
    expect(removed).toMatchObject({ entryName: "照片回执", after: { kind: "none" } });
    const added = changed.find((row) => row.kind === "added")!;
    expect(added.entryName).toBe("营业执照");
    expect(added.after.kind).toBe("fields");
    const fields = added.after.kind === "fields" ? added.after.fields : [];
    expect(fields).toContainEqual({ label: { key: "guide.materialName" }, value: { kind: "text", text: "营业执照" } });
    expect(fields).toContainEqual({
      label: { key: "guide.materialForm" },
      value: { kind: "label", label: { key: "guide.forms.COPY" } },
    });
    // Empty fields (condition: null) are left out rather than shown as "null".
    expect(fields.map((field) => ("key" in field.label ? field.label.key : ""))).not.toContain(
      "catalogueAdmin.fields.materialCondition",
    );
  });

  it("shows a reordered list as the names in both orders", () => {
    const after = guide({ materials: [material("photo", "照片回执"), material("id-card", "居民身份证")] });
    const row = only(rows(guide(), after));
    expect(row).toMatchObject({
      kind: "moved",
      field: { key: "catalogueAdmin.fieldNames.materials" },
      part: [{ key: "admin.guideChanges.order" }],
      entry: null,
    });
    expect(row.before).toEqual({
      kind: "list",
      ordered: true,
      items: [
        { kind: "text", text: "居民身份证" },
        { kind: "text", text: "照片回执" },
      ],
    });
    expect(row.after).toEqual({
      kind: "list",
      ordered: true,
      items: [
        { kind: "text", text: "照片回执" },
        { kind: "text", text: "居民身份证" },
      ],
    });
  });

  it("numbers entries of unkeyed lists and names them by their title: 依据 1：…法", () => {
    const before = guide();
    const after = guide({
      legalBases: [
        { ...before.legalBases[0]!, clauseContent: "有下列情形之一的，公民应当换领新证：（一）证件有效期满的。" },
      ],
    });
    const row = only(rows(before, after));
    expect(row).toMatchObject({
      field: { key: "catalogueAdmin.fieldNames.legalBases" },
      entry: {
        key: "admin.guideChanges.entry",
        values: { entry: { key: "catalogueAdmin.entries.legalBasis" }, number: 1 },
      },
      entryName: "中华人民共和国居民身份证法",
      part: [{ key: "catalogueAdmin.fields.clauseContent" }],
    });
  });

  it("shows the materials of a situation by name, and themes by name", () => {
    const after = guide({
      situations: [{ name: "到期换领", description: null, materialCodes: ["id-card", "photo"] }],
      themeCodes: ["P01", "P02"],
    });
    const changed = rows(guide(), after, { P01: "户籍办理", P02: "证件办理" });
    const situation = changed.find((row) => "key" in row.field && row.field.key.endsWith("situations"))!;
    expect(situation.after).toEqual({
      kind: "list",
      items: [
        { kind: "text", text: "居民身份证" },
        { kind: "text", text: "照片回执" },
      ],
    });
    const themes = changed.find((row) => "key" in row.field && row.field.key.endsWith("themeCodes"))!;
    expect(themes.after).toEqual({
      kind: "list",
      items: [
        { kind: "text", text: "户籍办理" },
        { kind: "text", text: "证件办理" },
      ],
    });
  });

  it("names a workflow step by its kind and translates its settings", () => {
    const workflow = defaultWorkflow("T07_CONFIRMATION");
    const after = guide({
      workflow: {
        ...workflow,
        steps: workflow.steps.map((step) => (step.kind === "REVIEW" ? { ...step, duty: "DECISION" as const } : step)),
        deliveryOptions: ["DOWNLOAD"],
      },
    });
    const changed = rows(guide(), after);
    const role = changed.find((row) => row.entry !== null)!;
    expect(role).toMatchObject({
      field: { key: "catalogueAdmin.fieldNames.workflow" },
      entry: { key: "catalogueAdmin.workflowSteps.REVIEW" },
      entryName: null,
      part: [{ key: "catalogueAdmin.fields.handlerDuty" }],
      before: { kind: "label", label: { key: "catalogueAdmin.duties.REVIEW" } },
      after: { kind: "label", label: { key: "catalogueAdmin.duties.DECISION" } },
    });
    const delivery = changed.find((row) => row.entry === null)!;
    expect(delivery.part).toEqual([{ key: "catalogueAdmin.fields.deliveryOptions" }]);
    expect(delivery.after).toEqual({
      kind: "list",
      items: [{ kind: "label", label: { key: "catalogueAdmin.delivery.DOWNLOAD" } }],
    });
  });

  it("folds the application form's changes into one row with a summary of each side", () => {
    const form = (labels: string[]) => ({
      version: 1,
      steps: [
        {
          id: "s1",
          title: { zh: "申请人" },
          fields: labels.map((label, index) => ({ key: `f${index}`, type: "text", label: { zh: label } })),
        },
      ],
    });
    const row = only(
      rows(guide({ form: form(["姓名", "电话"]) }), guide({ form: form(["姓名（与证件一致）", "手机", "地址"]) })),
    );
    expect(row).toMatchObject({
      kind: "changed",
      field: { key: "catalogueAdmin.fieldNames.form" },
      part: [{ key: "admin.guideChanges.formChanges", values: { count: 3 } }],
      before: { kind: "label", label: { key: "admin.guideChanges.formSummary", values: { steps: 1, fields: 2 } } },
      after: { kind: "label", label: { key: "admin.guideChanges.formSummary", values: { steps: 1, fields: 3 } } },
    });
  });

  it("reads the first version as every field added, and never shows a value as JSON", () => {
    const changed = rows(null, guide());
    expect(changed.every((row) => row.kind === "added" && row.before.kind === "none")).toBe(true);
    const workflow = changed.find((row) => "key" in row.field && row.field.key.endsWith("workflow"))!;
    // Workflow steps have no name field: each is titled by its kind.
    const steps = workflow.after.kind === "fields" ? workflow.after.fields[0]?.value : undefined;
    expect(steps?.kind === "list" && steps.items.map((step) => (step.kind === "fields" ? step.title : null))).toEqual(
      defaultWorkflow("T07_CONFIRMATION").steps.map((step) => ({ key: `catalogueAdmin.workflowSteps.${step.kind}` })),
    );
    for (const row of changed) for (const value of texts(row.after)) expect(value).not.toMatch(/^[[{]/);
  });

  it("shows a field it has no label for under its own name, its value still as text", () => {
    const row = only(rows({ ...guide(), futureField: { a: 1 } }, { ...guide(), futureField: { a: 2 } }));
    expect(row).toMatchObject({
      field: { text: "futureField" },
      part: [{ text: "a" }],
      before: { kind: "text", text: "1" },
      after: { kind: "text", text: "2" },
    });
  });
});

/** Every message key a row refers to, nested values included. */
function keysOf(row: GuideChange): string[] {
  const ofLabel = (label: Label | null): string[] =>
    !label || "text" in label
      ? []
      : [
          label.key,
          ...Object.values(label.values ?? {}).flatMap((value) => (typeof value === "object" ? ofLabel(value) : [])),
        ];
  const ofValue = (value: ShownValue): string[] => {
    switch (value.kind) {
      case "none":
      case "text":
        return [];
      case "label":
        return ofLabel(value.label);
      case "list":
      case "lines":
        return value.items.flatMap(ofValue);
      case "fields":
        return [
          ...ofLabel(value.title ?? null),
          ...value.fields.flatMap((field) => [...ofLabel(field.label), ...ofValue(field.value)]),
        ];
    }
  };
  return [
    ...ofLabel(row.field),
    ...ofLabel(row.entry),
    ...row.part.flatMap(ofLabel),
    ...ofValue(row.before),
    ...ofValue(row.after),
  ];
}

describe("labels of the change table", () => {
  it("exist in both languages for every field of a complete guide", () => {
    const full = {
      ...newItemContent({
        implementationCode: "X-1",
        name: "甲",
        itemType: "T01_LICENSING",
        audiences: ["NATURAL_PERSON"],
        exerciseLevel: 3,
      }),
      handlingItemCode: "H1",
      nameEn: "A",
      powerSource: 2,
      entrustingDepartment: "乙",
      coHandlingBodies: "丙",
      acceptanceConditions: "条件",
      reviewStandard: "标准",
      statutory: { limit: 20, unit: "WORKING_DAY", note: "说明" },
      visitReason: "核验",
      feeCharged: true,
      feeBasis: "依据",
      windowProcess: "流程",
      onlineProcess: "流程",
      consultation: "电话",
      complaint: "电话",
      reconsideration: "复议",
      litigation: "诉讼",
      crossRegionScope: "全省",
      quantityLimit: "无",
      intermediaryService: "无",
      resultType: "LICENCE",
      resultName: "许可证",
      channels: ["WINDOW", "ONLINE", "POST"],
      onlineDepth: ["CONSULT", "HANDLE"],
      legalBases: [{ lawName: "法", documentNumber: "号", clauseNumber: "条", clauseContent: "内容" }],
      materials: [
        material("a", "甲", {
          condition: "若",
          paperSize: "A4",
          sourceNote: "注",
          licenceTypeCode: "11",
          fillingNotes: "须知",
          acceptanceStandard: "标准",
          legalBasis: "依据",
          signRequirement: "签字",
          remarks: "备注",
          blankFormFileId: "00000000-0000-4000-8000-000000000001",
          sampleFileId: "00000000-0000-4000-8000-000000000002",
        }),
      ],
      situations: [{ name: "情形", description: "说明", materialCodes: ["a"] }],
      fees: [{ name: "费", standard: "10元", basis: "依据", waivable: true, waiverBasis: "减免" }],
      windows: [{ name: "窗口", address: "地址", phone: "12345", hours: "工作日", transport: "公交" }],
      faqs: [{ question: "问", answer: "答" }],
      steps: [
        { name: "受理", handler: "窗口", timeLimit: 1, timeUnit: "WORKING_DAY", standard: "标准", result: "结果" },
      ],
      specialProcedures: [{ name: "听证", limit: 10, unit: "CALENDAR_DAY", basis: "依据" }],
      form: { version: 1, steps: [{ id: "s", title: { zh: "页" }, fields: [] }] },
      workflow: {
        ...defaultWorkflow("T01_LICENSING"),
        steps: defaultWorkflow("T01_LICENSING").steps.map((step) => ({
          ...step,
          departmentCode: "D1",
          limit: { limit: 1, unit: "HOUR", note: "注" },
        })),
      },
    };
    const changed = rows(null, full);
    expect(changed.every((row) => !("text" in row.field))).toBe(true);
    const keys = [...new Set(changed.flatMap(keysOf))];
    for (const locale of ["zh-CN", "en"] as const) {
      const messages = messagesFor(locale);
      const missing = keys.filter(
        (key) =>
          typeof key
            .split(".")
            .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages) !==
          "string",
      );
      expect(missing, locale).toEqual([]);
    }
  });
});
