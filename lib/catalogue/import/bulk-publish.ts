import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import type { GuideContent } from "../guide-content";
import { projectionColumns } from "../projection";
import { randomIds, type IdSource } from "./ids";

/**
 * Publishing many NEW items at once, for the importer's `--publish`. publishWithoutReview (versions.ts) takes
 * about 40 statements per item (lock, projection with delete-and-recreate of every child table, search index),
 * which made the 1,135-item district catalogue take a minute; items created in the same transaction have no
 * child rows yet and already carry the projected columns (createMany with projectionColumns), so going live is
 * one batch of inserts per child table plus two status updates. What this writes must stay what
 * projectContent writes: the import tests compare contentFromLive of bulk-published items with their version.
 * The caller rebuilds the search index afterwards. Changed existing items still go through publishWithoutReview.
 */

type Tx = Prisma.TransactionClient;
/**
 * A never-published item (ServiceItem DRAFT, so no child rows) and the open version to publish. `number` and
 * `refresh` are given for items that existed before this import: their columns are projected again from the
 * content, since a draft saved in the editor does not touch them.
 */
export type NewItem = {
  serviceItemId: string;
  versionId: string;
  content: GuideContent;
  number?: number;
  refresh?: boolean;
};

const BATCH = 500;

function rowsOf<T extends object>(items: NewItem[], pick: (content: GuideContent) => T[]) {
  return items.flatMap(({ serviceItemId, content }) =>
    pick(content).map((row, sortOrder) => ({ ...row, serviceItemId, sortOrder })),
  );
}

export async function goLiveNewItems(
  tx: Tx,
  items: NewItem[],
  actorId: string | null,
  newId: IdSource = randomIds,
): Promise<void> {
  const now = new Date();
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    await tx.itemVersion.updateMany({
      where: { id: { in: batch.map((item) => item.versionId) } },
      data: { status: "PUBLISHED", publishedById: actorId, publishedAt: now },
    });
    const fresh = batch.filter((item) => !item.refresh);
    await tx.serviceItem.updateMany({
      where: { id: { in: fresh.map((item) => item.serviceItemId) }, status: "DRAFT" },
      data: { status: "ACTIVE", version: 1 },
    });
    for (const item of batch.filter((candidate) => candidate.refresh))
      await tx.serviceItem.update({
        where: { id: item.serviceItemId },
        data: { ...projectionColumns(item.content), status: "ACTIVE", version: item.number ?? 1 },
      });

    const themeLinks = batch.flatMap(({ serviceItemId, content }) =>
      content.themeCodes.map((code) => [serviceItemId, code] as const),
    );
    if (themeLinks.length > 0)
      await tx.$executeRaw`INSERT INTO "_ServiceItemToTheme" ("A", "B")
        SELECT link.a, link.b FROM unnest(${themeLinks.map(([a]) => a)}::uuid[], ${themeLinks.map(([, b]) => b)}::text[]) AS link(a, b)
        WHERE EXISTS (SELECT 1 FROM theme WHERE theme.code = link.b) ON CONFLICT DO NOTHING`;

    await tx.legalBasis.createMany({ data: rowsOf(batch, (content) => content.legalBases) });
    const materials = rowsOf(batch, (content) =>
      content.materials.map(({ blankFormFileId, sampleFileId, ...material }) => ({
        ...material,
        id: newId("material", content.implementationCode, material.code),
        blankFormFileId,
        sampleFileId,
        hasBlankForm: blankFormFileId !== null,
        hasSample: sampleFileId !== null,
      })),
    );
    await tx.material.createMany({ data: materials });
    await tx.feeItem.createMany({ data: rowsOf(batch, (content) => content.fees) });
    await tx.serviceWindow.createMany({ data: rowsOf(batch, (content) => content.windows) });
    await tx.faq.createMany({ data: rowsOf(batch, (content) => content.faqs) });
    await tx.processStep.createMany({ data: rowsOf(batch, (content) => content.steps) });
    await tx.specialProcedure.createMany({ data: rowsOf(batch, (content) => content.specialProcedures) });

    const materialId = new Map(
      materials.map((material) => [`${material.serviceItemId}|${material.code}`, material.id]),
    );
    const situations = rowsOf(batch, (content) =>
      content.situations.map(({ materialCodes, ...situation }, index) => ({
        ...situation,
        id: newId("situation", content.implementationCode, String(index)),
        materialCodes,
      })),
    );
    if (situations.length > 0) {
      await tx.situation.createMany({
        data: situations.map((situation) => ({
          id: situation.id,
          serviceItemId: situation.serviceItemId,
          sortOrder: situation.sortOrder,
          name: situation.name,
          description: situation.description,
        })),
      });
      const links = situations.flatMap((situation) =>
        situation.materialCodes.flatMap((code) => {
          const id = materialId.get(`${situation.serviceItemId}|${code}`);
          return id ? [[id, situation.id] as const] : [];
        }),
      );
      if (links.length > 0)
        await tx.$executeRaw`INSERT INTO "_MaterialToSituation" ("A", "B")
          SELECT link.a, link.b FROM unnest(${links.map(([a]) => a)}::uuid[], ${links.map(([, b]) => b)}::uuid[]) AS link(a, b) ON CONFLICT DO NOTHING`;
    }
  }
}
