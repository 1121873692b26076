import { z } from "zod";
import type { SearchItem } from "../search/query";
import { CatalogueFilters, itemTypeCode } from "../catalogue/filters";
import type { ItemGuide, ItemSummary } from "../catalogue/queries";

/**
 * GET /api/v1/items: the catalogue filters and, for the ranked search (`q`), how implementations are listed
 * (issue 17). `grouped` (default): one result per service (catalogue item), the implementation of the region
 * filter first and the others in `otherImplementations`; total, pages and facets count services. `all`: every
 * implementation is a result of its own, as the API answered before (for systems that want rows). Without `q`
 * the catalogue listing has one row per implementation either way. The OpenAPI document is built from this schema.
 */
export const ItemsApiQuery = CatalogueFilters.extend({
  implementations: z.enum(["grouped", "all"], { message: "errors.filter.implementations" }).default("grouped"),
});
export type ItemsApiQuery = z.infer<typeof ItemsApiQuery>;

/** Day counts only for day units: an item limited in hours or months reports null days and its unit. */
function days(value: number | null, unit: string | null): number | null {
  return value !== null && (unit === "WORKING_DAY" || unit === "CALENDAR_DAY") ? value : null;
}

export function toItemSummaryDto(item: ItemSummary) {
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
export function toSearchItemDto(item: SearchItem, grouped: boolean) {
  const summary = { ...toItemSummaryDto(item), catalogCode: item.catalogCode };
  if (!grouped) return summary;
  return {
    ...summary,
    otherImplementationCount: item.otherImplementationCount,
    otherImplementations: item.otherImplementations.map((other) => ({
      code: other.implementationCode,
      region: { code: other.region.code, name: other.region.name },
      department: { code: other.department.code, name: other.department.name },
    })),
  };
}

/** The whole published guide: every standard field, lists as lists, no internal ids. */
export function toGuideDto(guide: ItemGuide) {
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
    themes: guide.themes.map((theme) => ({ code: theme.code, name: theme.name })),
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
    fees: guide.fees.map(({ name, standard, basis, waivable, waiverBasis }) => ({
      name,
      standard,
      basis,
      waivable,
      waiverBasis,
    })),
    windowProcess: guide.windowProcess,
    onlineProcess: guide.onlineProcess,
    steps: guide.steps.map(({ name, handler, timeLimit, timeUnit, standard, result }) => ({
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
    legalBasis: guide.legalBases.map(({ lawName, documentNumber, clauseNumber, clauseContent }) => ({
      lawName,
      documentNumber,
      clauseNumber,
      clauseContent,
    })),
    situations: guide.situations.map(({ id, name, description }) => ({
      name,
      description,
      materials: guide.materials
        .filter((material) => material.situations.some((link) => link.id === id))
        .map((material) => material.code),
    })),
    materials: guide.materials.map((material) => ({
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
    windows: guide.windows.map(({ name, address, phone, hours, transport }) => ({
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
    specialProcedures: guide.specialProcedures.map(({ name, limit, unit, basis }) => ({ name, limit, unit, basis })),
    faqs: guide.faqs.map(({ question, answer }) => ({ question, answer })),
    updatedAt: guide.updatedAt.toISOString(),
  };
}
