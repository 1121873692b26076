import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import type { ItemGuide, ItemSummary } from "../catalogue/queries";
import type { SearchItem } from "../search/query";
import { ItemGuideDto, ItemSummaryDto, toGuideDto, toItemSummaryDto, toSearchItemDto } from "./catalogue-dto";
import { openApiDocument } from "./openapi";

/**
 * The catalogue's mappers against their schemas, on representative lib results: what they return parses with the
 * zod schema unchanged (nothing stripped, so no field the schema lacks) and validates against the component the
 * document generates from it, as the API integration tests check real answers.
 */

const ids = { item: "00000000-0000-4000-8000-000000000001", material: "00000000-0000-4000-8000-000000000002" };
const situationId = "00000000-0000-4000-8000-000000000003";
const at = new Date("2025-06-30T08:00:00.000Z");
const named = (code: string, name: string) => ({ code, name, nameEn: `${name} (en)` });

const summary: ItemSummary = {
  implementationCode: "11511600MB1234567X4000117001",
  name: "食品经营许可",
  nameEn: "Food business licence",
  itemType: "T01_LICENSING",
  audiences: ["NATURAL_PERSON", "ENTERPRISE"],
  visits: 0,
  promisedLimit: 10,
  promisedUnit: "WORKING_DAY",
  statutoryLimit: 2,
  statutoryUnit: "MONTH",
  onlineDepth: ["CONSULT", "HANDLE"],
  feeCharged: false,
  department: named("11511600MB1234567X", "广安市市场监督管理局"),
  region: named("511600000000", "广安市"),
};

const child = { id: ids.item, serviceItemId: ids.item, sortOrder: 0 };

const guide: ItemGuide = {
  ...summary,
  id: ids.item,
  handlingItemCode: null,
  catalogItemId: ids.item,
  departmentId: ids.item,
  regionCode: "511600000000",
  status: "ACTIVE",
  suspensionNotice: null,
  suspendedAt: null,
  version: 3,
  exerciseLevel: 3,
  powerSource: 1,
  entrustingDepartment: null,
  coHandlingBodies: "广安市卫生健康委员会",
  caseType: "PROMISED",
  channels: ["WINDOW", "ONLINE"],
  acceptanceConditions: "申请人具有合法主体资格。",
  reviewStandard: null,
  statutoryNote: null,
  promisedNote: "自受理之日起计算",
  visitReason: null,
  feeBasis: null,
  windowProcess: "窗口提交材料，当场受理。",
  onlineProcess: "网上提交，在线审批。",
  consultation: "0826-12345",
  complaint: "12345",
  reconsideration: "广安市人民政府",
  litigation: null,
  onlineCapable: true,
  inServiceHall: true,
  courierDelivery: true,
  onlinePayment: false,
  bookingSupported: true,
  kioskSupported: false,
  crossRegionScope: "全省通办",
  quantityLimit: null,
  intermediaryService: null,
  resultType: "LICENCE",
  resultName: "食品经营许可证",
  resultLicenceTypeCode: "JY",
  minAssuranceLevel: 2,
  popularity: 42,
  createdAt: at,
  updatedAt: at,
  catalogItem: { code: "000201001000", name: "食品经营许可", exerciseLevels: [2, 3, 4] },
  department: { ...summary.department, phone: "0826-2222222" },
  themes: [named("start-business", "开办企业")],
  legalBases: [
    {
      ...child,
      lawName: "中华人民共和国食品安全法",
      documentNumber: null,
      clauseNumber: "第三十五条",
      clauseContent: "国家对食品生产经营实行许可制度。",
    },
  ],
  materials: [
    {
      ...child,
      id: ids.material,
      code: "business-licence",
      name: "营业执照",
      necessity: "REQUIRED",
      condition: null,
      form: "ORIGINAL_OR_COPY",
      originalCopies: 1,
      copyCopies: 0,
      paperSize: "A4",
      source: "LICENCE",
      sourceNote: null,
      licenceTypeCode: "YYZZ",
      fillingNotes: null,
      acceptanceStandard: "真实有效",
      legalBasis: null,
      signRequirement: "加盖公章",
      remarks: null,
      hasBlankForm: false,
      hasSample: false,
      blankFormFileId: null,
      sampleFileId: null,
      situations: [{ id: situationId }],
    },
  ],
  situations: [{ id: situationId, name: "新办", description: null }],
  fees: [{ ...child, name: "工本费", standard: "0 元", basis: null, waivable: true, waiverBasis: "免收" }],
  windows: [
    {
      ...child,
      name: "市政务服务中心 12 号窗口",
      address: "广安区金安大道 1 号",
      phone: "0826-3333333",
      hours: "工作日 9:00–17:00",
      transport: null,
    },
  ],
  faqs: [{ ...child, question: "可以网上办理吗？", answer: "可以。" }],
  steps: [
    {
      ...child,
      name: "受理",
      handler: "窗口",
      timeLimit: 1,
      timeUnit: "WORKING_DAY",
      standard: null,
      result: "受理通知书",
    },
  ],
  specialProcedures: [{ ...child, name: "现场核查", limit: 5, unit: "WORKING_DAY", basis: null }],
};

const search: SearchItem = {
  ...summary,
  catalogCode: "000201001000",
  otherImplementationCount: 1,
  otherImplementations: [
    {
      implementationCode: "11511602MB7654321Y4000117001",
      region: named("511602000000", "广安区"),
      department: named("11511602MB7654321Y", "广安区市场监督管理局"),
    },
  ],
};

const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "contract", components: document.components }, "contract");

/** Validates a JSON answer against a component of the document, as the API integration tests do. */
function matchesComponent(name: string, value: unknown): string | null {
  const validate = ajv.getSchema(`contract#/components/schemas/${name}`)!;
  return validate(JSON.parse(JSON.stringify(value))) ? null : ajv.errorsText(validate.errors);
}

describe("the catalogue DTOs", () => {
  it("map a whole guide to exactly what ItemGuide describes", () => {
    const dto = toGuideDto(guide);
    expect(ItemGuideDto.parse(dto)).toEqual(dto);
    expect(matchesComponent("ItemGuide", dto)).toBeNull();
    expect(dto).toMatchObject({
      code: summary.implementationCode,
      type: "01",
      statutoryLimit: { value: 2, unit: "MONTH", note: null },
      situations: [{ name: "新办", materials: ["business-licence"] }],
      updatedAt: "2025-06-30T08:00:00.000Z",
    });
    expect(JSON.stringify(dto)).not.toMatch(/"id":|serviceItemId|sortOrder|blankFormFileId/);
  });

  it("describe a guide whose law sets no time limit", () => {
    const dto = toGuideDto({ ...guide, statutoryLimit: null, statutoryUnit: null });
    expect(dto.statutoryLimit).toBeNull();
    expect(matchesComponent("ItemGuide", dto)).toBeNull();
  });

  it("map summaries and grouped or ungrouped search results to ItemSummary", () => {
    for (const dto of [toItemSummaryDto(summary), toSearchItemDto(search, false), toSearchItemDto(search, true)]) {
      expect(ItemSummaryDto.parse(dto)).toEqual(dto);
      expect(matchesComponent("ItemSummary", dto)).toBeNull();
    }
    expect(toItemSummaryDto(summary)).toMatchObject({ promisedDays: 10, legalDays: null, promisedUnit: "WORKING_DAY" });
  });

  it("are refused by the document when a field is not described", () => {
    expect(matchesComponent("ItemGuide", { ...toGuideDto(guide), internalNote: "x" })).toMatch(/additional/);
  });
});
