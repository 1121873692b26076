import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { defaultWorkflow, type GuideContent, GuideDraftContent } from "./guide-content";

/**
 * The published version's content, projected onto the ServiceItem columns and child tables the portal, the
 * search index and the open API read (they stay simple, indexed queries), and back: the live guide as content,
 * for items that were published before versioning (the seed) so they get a baseline version.
 */

type Tx = Prisma.TransactionClient;

/** ServiceItem columns that mirror the content's scalar fields. */
export function projectionColumns(content: GuideContent) {
  return {
    implementationCode: content.implementationCode,
    handlingItemCode: content.handlingItemCode,
    name: content.name,
    nameEn: content.nameEn,
    itemType: content.itemType,
    exerciseLevel: content.exerciseLevel,
    powerSource: content.powerSource,
    entrustingDepartment: content.entrustingDepartment,
    coHandlingBodies: content.coHandlingBodies,
    audiences: content.audiences,
    caseType: content.caseType,
    channels: content.channels,
    acceptanceConditions: content.acceptanceConditions,
    reviewStandard: content.reviewStandard,
    statutoryLimit: content.statutory?.limit ?? null,
    statutoryUnit: content.statutory?.unit ?? null,
    statutoryNote: content.statutory?.note ?? null,
    promisedLimit: content.promised.limit,
    promisedUnit: content.promised.unit,
    promisedNote: content.promised.note,
    visits: content.visits,
    visitReason: content.visitReason,
    feeCharged: content.feeCharged,
    feeBasis: content.feeBasis,
    windowProcess: content.windowProcess,
    onlineProcess: content.onlineProcess,
    consultation: content.consultation,
    complaint: content.complaint,
    reconsideration: content.reconsideration,
    litigation: content.litigation,
    onlineCapable: content.onlineCapable,
    onlineDepth: content.onlineDepth,
    inServiceHall: content.inServiceHall,
    courierDelivery: content.courierDelivery,
    onlinePayment: content.onlinePayment,
    bookingSupported: content.bookingSupported,
    kioskSupported: content.kioskSupported,
    crossRegionScope: content.crossRegionScope,
    quantityLimit: content.quantityLimit,
    intermediaryService: content.intermediaryService,
    resultType: content.resultType,
    resultName: content.resultName,
    resultLicenceTypeCode: content.resultLicenceTypeCode ?? null,
    minAssuranceLevel: content.minAssuranceLevel,
  } satisfies Prisma.ServiceItemUncheckedUpdateInput;
}

/** Replaces the live guide of the item with `content` (inside the publishing transaction). */
export async function projectContent(tx: Tx, serviceItemId: string, content: GuideContent) {
  const validThemes = await tx.theme.findMany({ where: { code: { in: content.themeCodes } }, select: { code: true } });
  await tx.serviceItem.update({
    where: { id: serviceItemId },
    data: { ...projectionColumns(content), themes: { set: validThemes.map(({ code }) => ({ code })) } },
  });
  const where = { serviceItemId };
  // Situations link to materials, so they go first and come back last.
  await tx.situation.deleteMany({ where });
  await Promise.all([
    tx.legalBasis.deleteMany({ where }),
    tx.material.deleteMany({ where }),
    tx.feeItem.deleteMany({ where }),
    tx.serviceWindow.deleteMany({ where }),
    tx.faq.deleteMany({ where }),
    tx.processStep.deleteMany({ where }),
    tx.specialProcedure.deleteMany({ where }),
  ]);
  const sorted = <T>(rows: T[]) => rows.map((row, sortOrder) => ({ ...row, serviceItemId, sortOrder }));
  await tx.legalBasis.createMany({ data: sorted(content.legalBases) });
  await tx.material.createMany({
    data: sorted(
      content.materials.map(({ blankFormFileId, sampleFileId, ...material }) => ({
        ...material,
        blankFormFileId,
        sampleFileId,
        hasBlankForm: blankFormFileId !== null,
        hasSample: sampleFileId !== null,
      })),
    ),
  });
  await tx.feeItem.createMany({ data: sorted(content.fees) });
  await tx.serviceWindow.createMany({ data: sorted(content.windows) });
  await tx.faq.createMany({ data: sorted(content.faqs) });
  await tx.processStep.createMany({ data: sorted(content.steps) });
  await tx.specialProcedure.createMany({ data: sorted(content.specialProcedures) });
  if (content.situations.length > 0) {
    const materials = await tx.material.findMany({ where, select: { id: true, code: true } });
    const idOf = new Map(materials.map((material) => [material.code, material.id]));
    for (const [sortOrder, situation] of content.situations.entries()) {
      await tx.situation.create({
        data: {
          serviceItemId,
          name: situation.name,
          description: situation.description,
          sortOrder,
          materials: {
            connect: situation.materialCodes.flatMap((code) => (idOf.has(code) ? [{ id: idOf.get(code)! }] : [])),
          },
        },
      });
    }
  }
}

/** The live guide of an item as version content (the baseline of items published before versioning). */
export async function contentFromLive(tx: Tx, serviceItemId: string): Promise<GuideContent> {
  const item = await tx.serviceItem.findUniqueOrThrow({
    where: { id: serviceItemId },
    include: {
      themes: { select: { code: true } },
      legalBases: { orderBy: { sortOrder: "asc" } },
      materials: { orderBy: { sortOrder: "asc" } },
      situations: {
        orderBy: { sortOrder: "asc" },
        include: { materials: { select: { code: true }, orderBy: { sortOrder: "asc" } } },
      },
      fees: { orderBy: { sortOrder: "asc" } },
      windows: { orderBy: { sortOrder: "asc" } },
      faqs: { orderBy: { sortOrder: "asc" } },
      steps: { orderBy: { sortOrder: "asc" } },
      specialProcedures: { orderBy: { sortOrder: "asc" } },
    },
  });
  return GuideDraftContent.parse({
    ...item,
    themeCodes: item.themes.map((theme) => theme.code),
    statutory:
      item.statutoryLimit !== null && item.statutoryUnit
        ? { limit: item.statutoryLimit, unit: item.statutoryUnit, note: item.statutoryNote }
        : null,
    promised: { limit: item.promisedLimit, unit: item.promisedUnit, note: item.promisedNote },
    legalBases: item.legalBases,
    materials: item.materials,
    situations: item.situations.map((situation) => ({
      ...situation,
      materialCodes: situation.materials.map((material) => material.code),
    })),
    fees: item.fees,
    windows: item.windows,
    faqs: item.faqs,
    steps: item.steps,
    specialProcedures: item.specialProcedures,
    form: null,
    workflow: { ...defaultWorkflow(item.itemType), specialProceduresAllowed: item.specialProcedures.length > 0 },
  });
}
