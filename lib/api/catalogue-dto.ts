import { z } from "zod";
import type { SearchItem } from "../search/query";
import { AUDIENCES, CatalogueFilters, ITEM_TYPE_CODES, type ItemTypeCode, itemTypeCode } from "../catalogue/filters";
import type { ItemGuide, ItemSummary } from "../catalogue/queries";
import {
  CaseType,
  Channel,
  MaterialForm,
  MaterialNecessity,
  MaterialSource,
  OnlineDepth,
  ResultType,
  TimeUnit,
} from "../generated/prisma/enums";

/**
 * The public catalogue's answers (GET /api/v1/items, /items/{code}, /export/items.json): their zod schemas, from
 * which the OpenAPI document describes them (lib/api/openapi.ts), and the mappers from lib results to them. Each
 * mapper returns its schema's type, so a field added to a mapper and not to its schema fails the type check, and
 * the objects are closed, so the document never promises less than is sent. Enumerations are the database's own:
 * a value added there changes the document, which the contract check reports.
 */

const IMPLEMENTATIONS = ["grouped", "all"] as const;

/**
 * GET /api/v1/items: the catalogue filters and, for the ranked search (`q`), how implementations are listed
 * (issue 17). `grouped` (default): one result per service (catalogue item), the implementation of the region
 * filter first and the others in `otherImplementations`; total, pages and facets count services. `all`: every
 * implementation is a result of its own, as the API answered before (for systems that want rows). Without `q`
 * the catalogue listing has one row per implementation either way. The OpenAPI document is built from this schema.
 */
export const ItemsApiQuery = CatalogueFilters.extend({
  implementations: z.enum(IMPLEMENTATIONS, { message: "errors.filter.implementations" }).default("grouped"),
});
export type ItemsApiQuery = z.infer<typeof ItemsApiQuery>;

const ImplementationCode = z.string().describe("Implementation code (实施编码).");
const Named = z.object({ code: z.string(), name: z.string() });
const Int = z.int();
const Text = z.string().nullable();
const ItemTypeCodeSchema = z.enum(Object.keys(ITEM_TYPE_CODES) as [ItemTypeCode, ...ItemTypeCode[]]);
const Unit = z.enum(TimeUnit);

export const ItemSummaryDto = z.object({
  code: ImplementationCode,
  name: z.string(),
  nameEn: z.string(),
  department: Named,
  region: Named,
  type: ItemTypeCodeSchema.describe("Item type code (reference §1.3)."),
  audience: z.array(z.enum(AUDIENCES)),
  onlineDepth: z.array(z.enum(OnlineDepth)),
  visits: Int.describe("In-person visits needed (到办事现场次数)."),
  promisedDays: Int.nullable().describe("Promised time limit in days; null when the unit is not a day unit."),
  promisedUnit: Unit,
  legalDays: Int.nullable().describe(
    "Statutory time limit in days; null when there is none or its unit is not a day unit.",
  ),
  fee: z.boolean(),
  catalogCode: z
    .string()
    .optional()
    .describe("基本编码 of the catalogue item (the service) this implementation belongs to; search results only."),
  otherImplementationCount: Int.optional().describe(
    "Grouped search results only (`implementations=grouped`): how many other implementations of the same service match too.",
  ),
  otherImplementations: z
    .array(z.object({ code: ImplementationCode, region: Named, department: Named }))
    .optional()
    .describe(
      "Grouped search results only: other matching implementations of the same service, up to 20 (those nearest the region filter first), in region code order.",
    ),
});
export type ItemSummaryDto = z.infer<typeof ItemSummaryDto>;

const FacetCounts = z.array(
  z.object({
    code: z.string().describe("The filter value."),
    label: z.string().optional().describe("Its name (departments, regions and themes)."),
    count: Int,
  }),
);

export const ItemPageDto = z.object({
  total: Int,
  page: Int,
  pageSize: Int,
  implementations: z
    .enum(IMPLEMENTATIONS)
    .optional()
    .describe(
      "Only when `q` is given: what `total`, the pages and `facets` count, services (grouped) or implementations (all).",
    ),
  items: z.array(ItemSummaryDto),
  facets: z
    .object({
      department: FacetCounts,
      region: FacetCounts,
      theme: FacetCounts,
      audience: FacetCounts,
      onlineDepth: FacetCounts,
    })
    .optional()
    .describe("Counts per filter value for the search result, counted like `total`; only when `q` is given."),
});
export type ItemPageDto = z.infer<typeof ItemPageDto>;

/** GET /api/v1/export/items.json: the open-data export (lib/catalogue/export.ts). */
export const CatalogueExportDto = z.object({ total: Int, items: z.array(ItemSummaryDto) });

const TimeLimit = z.object({ value: Int, unit: Unit.nullable(), note: Text });

export const ItemGuideDto = z
  .object({
    code: ImplementationCode,
    catalogCode: z.string().describe("基本编码 of the catalogue item (the service)."),
    handlingItemCode: Text.describe("Handling item code (业务办理项编码)."),
    version: Int.describe("The published version of the guide."),
    name: z.string(),
    nameEn: z.string(),
    type: ItemTypeCodeSchema.describe("Item type code (reference §1.3)."),
    exerciseLevel: Int.describe("Exercise level (行使层级): 1 national … 6 village."),
    powerSource: Int.nullable().describe("Source of power (权力来源): 1 法定本级行使 … 6 同级委托."),
    department: z.object({ code: z.string(), name: z.string(), phone: Text }),
    region: Named,
    entrustingDepartment: Text.describe("Entrusting department (委托部门)."),
    coHandlingBodies: Text.describe("Co-handling bodies (联办机构)."),
    audience: z.array(z.enum(AUDIENCES)),
    themes: z.array(Named).describe("Life-event themes the item belongs to."),
    caseType: z.enum(CaseType).describe("Case type (办件类型)."),
    channels: z.array(z.enum(Channel)).describe("Channels (办理形式)."),
    acceptanceConditions: z.string().describe("Acceptance conditions (受理条件)."),
    reviewStandard: Text.describe("Review standard (审查标准)."),
    statutoryLimit: TimeLimit.nullable().describe("Statutory time limit (法定办结时限); null when the law sets none."),
    promisedLimit: TimeLimit.extend({ unit: Unit }).describe("Promised time limit (承诺办结时限)."),
    visits: Int.describe("In-person visits needed (到办事现场次数)."),
    visitReason: Text.describe("Why a visit is needed."),
    fee: z.boolean().describe("Whether a fee is charged."),
    feeBasis: Text,
    fees: z.array(
      z.object({ name: z.string(), standard: z.string(), basis: Text, waivable: z.boolean(), waiverBasis: Text }),
    ),
    windowProcess: z.string().describe("The process at the window."),
    onlineProcess: Text.describe("The process online."),
    steps: z.array(
      z.object({
        name: z.string(),
        handler: z.string(),
        timeLimit: Int.nullable(),
        timeUnit: Unit.nullable(),
        standard: Text,
        result: Text,
      }),
    ),
    onlineCapable: z.boolean().describe("Whether the item can be applied for online."),
    onlineDepth: z.array(z.enum(OnlineDepth)),
    inServiceHall: z.boolean(),
    courierDelivery: z.boolean(),
    onlinePayment: z.boolean(),
    bookingSupported: z.boolean(),
    kioskSupported: z.boolean(),
    crossRegionScope: Text.describe("Cross-region scope (通办范围)."),
    quantityLimit: Text.describe("Quantity limit (数量限制)."),
    intermediaryService: Text.describe("Intermediary services (中介服务)."),
    result: z.object({ type: z.enum(ResultType), name: Text }).describe("The result (审批结果): its type and name."),
    minAssuranceLevel: Int.describe("Identity assurance level (实名等级) needed to apply online."),
    legalBasis: z.array(
      z.object({ lawName: z.string(), documentNumber: Text, clauseNumber: Text, clauseContent: z.string() }),
    ),
    situations: z
      .array(
        z.object({
          name: z.string(),
          description: Text,
          materials: z.array(z.string()).describe("Codes of the materials this situation asks for."),
        }),
      )
      .describe("Situations (情形): the applicant's circumstances, each with the materials it asks for."),
    materials: z.array(
      z.object({
        code: z.string().describe("Material code (材料编码), stable within the item (used by forms and uploads)."),
        name: z.string(),
        necessity: z.enum(MaterialNecessity),
        condition: Text.describe("When the material is needed only in some cases."),
        form: z.enum(MaterialForm),
        originalCopies: Int,
        copyCopies: Int,
        paperSize: Text,
        source: z.enum(MaterialSource),
        sourceNote: Text,
        licenceTypeCode: Text.describe("The e-licence type whose holders need not submit the material (免提交)."),
        fillingNotes: Text,
        acceptanceStandard: Text,
        legalBasis: Text,
        signRequirement: Text,
      }),
    ),
    windows: z.array(
      z.object({ name: z.string(), address: z.string(), phone: z.string(), hours: z.string(), transport: Text }),
    ),
    consultation: z.string(),
    complaint: z.string(),
    reconsideration: Text,
    litigation: Text,
    specialProcedures: z.array(z.object({ name: z.string(), limit: Int, unit: Unit, basis: Text })),
    faqs: z.array(z.object({ question: z.string(), answer: z.string() })),
    updatedAt: z.string().describe("ISO 8601 date and time (UTC)."),
  })
  .describe(
    "The whole published guide: every standard field, materials, steps, fees, windows, legal basis, FAQs (lib/api/catalogue-dto.ts).",
  );
export type ItemGuideDto = z.infer<typeof ItemGuideDto>;

/**
 * One entry of a DTO's list: the mappers' callbacks return it, so that a field added inside a list, and not to the
 * schema, fails the type check as it does at the top level.
 */
type Entry<T> = T extends readonly (infer E)[] ? E : never;
type Guide = ItemGuideDto;

/** Day counts only for day units: an item limited in hours or months reports null days and its unit. */
function days(value: number | null, unit: string | null): number | null {
  return value !== null && (unit === "WORKING_DAY" || unit === "CALENDAR_DAY") ? value : null;
}

export function toItemSummaryDto(item: ItemSummary): ItemSummaryDto {
  return {
    code: item.implementationCode,
    name: item.name,
    nameEn: item.nameEn,
    department: { code: item.department.code, name: item.department.name },
    region: { code: item.region.code, name: item.region.name },
    type: itemTypeCode(item.itemType),
    audience: item.audiences,
    onlineDepth: item.onlineDepth,
    visits: item.visits,
    promisedDays: days(item.promisedLimit, item.promisedUnit),
    promisedUnit: item.promisedUnit,
    legalDays: days(item.statutoryLimit, item.statutoryUnit),
    fee: item.feeCharged,
  };
}

/**
 * A search result: the summary, its catalogue item's code, and, when grouped, the other implementations of the
 * same service that match too (up to 20, in region code order; `otherImplementationCount` counts all of them).
 */
export function toSearchItemDto(item: SearchItem, grouped: boolean): ItemSummaryDto {
  const summary = { ...toItemSummaryDto(item), catalogCode: item.catalogCode };
  if (!grouped) return summary;
  return {
    ...summary,
    otherImplementationCount: item.otherImplementationCount,
    otherImplementations: item.otherImplementations.map((other): Entry<ItemSummaryDto["otherImplementations"]> => ({
      code: other.implementationCode,
      region: { code: other.region.code, name: other.region.name },
      department: { code: other.department.code, name: other.department.name },
    })),
  };
}

/** The whole published guide: every standard field, lists as lists, no internal ids. */
export function toGuideDto(guide: ItemGuide): ItemGuideDto {
  return {
    code: guide.implementationCode,
    catalogCode: guide.catalogItem.code,
    handlingItemCode: guide.handlingItemCode,
    version: guide.version,
    name: guide.name,
    nameEn: guide.nameEn,
    type: itemTypeCode(guide.itemType),
    exerciseLevel: guide.exerciseLevel,
    powerSource: guide.powerSource,
    department: { code: guide.department.code, name: guide.department.name, phone: guide.department.phone },
    region: { code: guide.region.code, name: guide.region.name },
    entrustingDepartment: guide.entrustingDepartment,
    coHandlingBodies: guide.coHandlingBodies,
    audience: guide.audiences,
    themes: guide.themes.map((theme): Entry<Guide["themes"]> => ({ code: theme.code, name: theme.name })),
    caseType: guide.caseType,
    channels: guide.channels,
    acceptanceConditions: guide.acceptanceConditions,
    reviewStandard: guide.reviewStandard,
    statutoryLimit:
      guide.statutoryLimit === null
        ? null
        : { value: guide.statutoryLimit, unit: guide.statutoryUnit, note: guide.statutoryNote },
    promisedLimit: { value: guide.promisedLimit, unit: guide.promisedUnit, note: guide.promisedNote },
    visits: guide.visits,
    visitReason: guide.visitReason,
    fee: guide.feeCharged,
    feeBasis: guide.feeBasis,
    fees: guide.fees.map(({ name, standard, basis, waivable, waiverBasis }): Entry<Guide["fees"]> => ({
      name,
      standard,
      basis,
      waivable,
      waiverBasis,
    })),
    windowProcess: guide.windowProcess,
    onlineProcess: guide.onlineProcess,
    steps: guide.steps.map(({ name, handler, timeLimit, timeUnit, standard, result }): Entry<Guide["steps"]> => ({
      name,
      handler,
      timeLimit,
      timeUnit,
      standard,
      result,
    })),
    onlineCapable: guide.onlineCapable,
    onlineDepth: guide.onlineDepth,
    inServiceHall: guide.inServiceHall,
    courierDelivery: guide.courierDelivery,
    onlinePayment: guide.onlinePayment,
    bookingSupported: guide.bookingSupported,
    kioskSupported: guide.kioskSupported,
    crossRegionScope: guide.crossRegionScope,
    quantityLimit: guide.quantityLimit,
    intermediaryService: guide.intermediaryService,
    result: { type: guide.resultType, name: guide.resultName },
    minAssuranceLevel: guide.minAssuranceLevel,
    legalBasis: guide.legalBases.map(
      ({ lawName, documentNumber, clauseNumber, clauseContent }): Entry<Guide["legalBasis"]> => ({
        lawName,
        documentNumber,
        clauseNumber,
        clauseContent,
      }),
    ),
    situations: guide.situations.map(({ id, name, description }): Entry<Guide["situations"]> => ({
      name,
      description,
      materials: guide.materials
        .filter((material) => material.situations.some((link) => link.id === id))
        .map((material) => material.code),
    })),
    materials: guide.materials.map((material): Entry<Guide["materials"]> => ({
      code: material.code,
      name: material.name,
      necessity: material.necessity,
      condition: material.condition,
      form: material.form,
      originalCopies: material.originalCopies,
      copyCopies: material.copyCopies,
      paperSize: material.paperSize,
      source: material.source,
      sourceNote: material.sourceNote,
      licenceTypeCode: material.licenceTypeCode,
      fillingNotes: material.fillingNotes,
      acceptanceStandard: material.acceptanceStandard,
      legalBasis: material.legalBasis,
      signRequirement: material.signRequirement,
    })),
    windows: guide.windows.map(({ name, address, phone, hours, transport }): Entry<Guide["windows"]> => ({
      name,
      address,
      phone,
      hours,
      transport,
    })),
    consultation: guide.consultation,
    complaint: guide.complaint,
    reconsideration: guide.reconsideration,
    litigation: guide.litigation,
    specialProcedures: guide.specialProcedures.map(
      ({ name, limit, unit, basis }): Entry<Guide["specialProcedures"]> => ({ name, limit, unit, basis }),
    ),
    faqs: guide.faqs.map(({ question, answer }): Entry<Guide["faqs"]> => ({ question, answer })),
    updatedAt: guide.updatedAt.toISOString(),
  };
}
