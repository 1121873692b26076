import { describe, expect, it } from "vitest";
import { defaultWorkflow, fieldErrorsOf, GuideContent, newItemContent } from "./guide-content";

function base() {
  return {
    ...newItemContent({
      implementationCode: "X-1",
      name: "测试事项",
      itemType: "T01_LICENSING",
      audiences: ["NATURAL_PERSON"],
      exerciseLevel: 3,
    }),
    acceptanceConditions: "符合条件。",
    windowProcess: "窗口提交。",
    consultation: "12345",
    complaint: "12345",
    visitReason: "核验原件",
    legalBases: [
      { lawName: "中华人民共和国行政许可法", documentNumber: null, clauseNumber: "第十二条", clauseContent: "……" },
    ],
  };
}

function errors(content: unknown) {
  const parsed = GuideContent.safeParse(content);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe("guide content rules", () => {
  it("accepts a complete licensing guide", () => {
    expect(errors(base())).toEqual({});
  });

  it("keeps the promised limit within the statutory one, also across units", () => {
    expect(
      errors({
        ...base(),
        statutory: { limit: 20, unit: "WORKING_DAY" },
        promised: { limit: 21, unit: "WORKING_DAY" },
      }),
    ).toMatchObject({ "promised.limit": "catalogueAdmin.errors.promisedOverStatutory" });
    expect(
      errors({ ...base(), statutory: { limit: 1, unit: "MONTH" }, promised: { limit: 20, unit: "WORKING_DAY" } }),
    ).toEqual({});
    expect(
      errors({
        ...base(),
        statutory: { limit: 7, unit: "CALENDAR_DAY" },
        promised: { limit: 10, unit: "WORKING_DAY" },
      }),
    ).toMatchObject({ "promised.limit": "catalogueAdmin.errors.promisedOverStatutory" });
  });

  it("wants a fee basis when a fee is charged, and no fee items when free", () => {
    expect(errors({ ...base(), feeCharged: true })).toMatchObject({ fees: "catalogueAdmin.errors.feeItemsRequired" });
    expect(errors({ ...base(), feeCharged: true, fees: [{ name: "工本费", standard: "10 元" }] })).toMatchObject({
      feeBasis: "catalogueAdmin.errors.feeBasisRequired",
    });
    expect(
      errors({ ...base(), feeCharged: true, fees: [{ name: "工本费", standard: "10 元", basis: "价格主管部门文件" }] }),
    ).toEqual({});
    expect(errors({ ...base(), fees: [{ name: "工本费", standard: "10 元", basis: "x" }] })).toMatchObject({
      feeCharged: "catalogueAdmin.errors.feesButFree",
    });
  });

  it("requires the fields of types people apply for, and forbids forms on penalties and inspections", () => {
    expect(errors({ ...base(), acceptanceConditions: "", legalBases: [] })).toMatchObject({
      acceptanceConditions: "catalogueAdmin.errors.required",
      legalBases: "catalogueAdmin.errors.legalBasisRequired",
    });
    const penalty = {
      ...base(),
      itemType: "T02_PENALTY",
      form: { version: 1, steps: [] },
      onlineCapable: true,
      channels: ["WINDOW", "ONLINE"],
    };
    expect(errors(penalty)).toMatchObject({
      form: "catalogueAdmin.errors.formNotApplicable",
      onlineCapable: "catalogueAdmin.errors.onlineNotApplicable",
    });
  });

  it("keeps online claims true: a form wherever online application is promised, and every own material uploadable", () => {
    const material = (code: string, extra: object = {}) => ({
      code,
      name: code,
      necessity: "REQUIRED",
      form: "ORIGINAL",
      originalCopies: 1,
      copyCopies: 0,
      source: "APPLICANT",
      ...extra,
    });
    const online = {
      ...base(),
      onlineCapable: true,
      channels: ["WINDOW", "ONLINE"],
      onlineDepth: ["CONSULT", "RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"],
      materials: [
        material("application-form"),
        material("id-card", { source: "LICENCE", licenceTypeCode: "111" }),
        material("shared-record", { source: "DEPARTMENT" }),
        material("agent-letter", { condition: "委托他人办理的" }),
        material("photo", { necessity: "OPTIONAL" }),
      ],
    };
    const form = (...codes: string[]) => ({
      version: 1,
      steps: [
        {
          id: "materials",
          title: { zh: "材料", en: "Materials" },
          fields: codes.map((code) => ({ key: code, type: "file", label: { zh: code, en: code }, materialCode: code })),
        },
      ],
    });
    // Promised online, no form: each claim is named.
    expect(errors({ ...online, form: null })).toMatchObject({
      form: "catalogueAdmin.errors.onlineNeedsForm",
      onlineDepth: "catalogueAdmin.errors.onlineDepthNeedsForm",
      channels: "catalogueAdmin.errors.onlineChannelNeedsForm",
    });
    expect(errors({ ...online, onlineCapable: false, channels: ["WINDOW"], form: null })).toEqual({
      onlineDepth: "catalogueAdmin.errors.onlineDepthNeedsForm",
    });
    // Only the applicant's own unconditional required material must be uploadable; the others need not.
    expect(errors({ ...online, form: form("id-card") })).toEqual({
      "materials.0.code": "catalogueAdmin.errors.materialNotInForm",
    });
    expect(errors({ ...online, form: form("application-form") })).toEqual({});
    // A form offered where the depth says nobody applies online.
    expect(errors({ ...online, onlineDepth: ["CONSULT", "RESULT_FEEDBACK"], form: form("application-form") })).toEqual({
      onlineDepth: "catalogueAdmin.errors.formNeedsReceiveDepth",
    });
    // An honest window-only guide: consultation and result feedback online, no form.
    expect(
      errors({ ...online, onlineCapable: false, channels: ["WINDOW"], onlineDepth: ["CONSULT", "RESULT_FEEDBACK"] }),
    ).toEqual({});
  });

  it("checks materials, situations, visits and workflow", () => {
    const material = {
      code: "id-card",
      name: "身份证",
      necessity: "REQUIRED",
      form: "ORIGINAL",
      originalCopies: 1,
      copyCopies: 0,
      source: "APPLICANT",
    };
    expect(
      errors({
        ...base(),
        visitReason: null,
        materials: [material, { ...material, source: "LICENCE" }],
        situations: [{ name: "首次", materialCodes: ["id-card", "missing"] }],
        workflow: {
          ...defaultWorkflow("T01_LICENSING"),
          steps: defaultWorkflow("T01_LICENSING").steps.filter((step) => step.kind !== "ACCEPTANCE"),
          deliveryOptions: ["POST"],
        },
      }),
    ).toMatchObject({
      visitReason: "catalogueAdmin.errors.visitReasonRequired",
      "materials.1.code": "catalogueAdmin.errors.duplicateMaterialCode",
      "materials.1.licenceTypeCode": "catalogueAdmin.errors.licenceTypeRequired",
      "situations.0.materialCodes": "catalogueAdmin.errors.unknownMaterial",
      "workflow.steps": "catalogueAdmin.errors.acceptanceStepRequired",
      "workflow.deliveryOptions": "catalogueAdmin.errors.postNeedsCourier",
    });
  });

  it("refuses hostile shapes with message keys, not exceptions", () => {
    expect(
      errors({ ...base(), name: "x".repeat(201), materials: "nope", __proto__: { polluted: true } }),
    ).toMatchObject({ name: "catalogueAdmin.errors.tooLong" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
