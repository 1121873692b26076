import "server-only";
import { neutraliseCell, toCsv, toXlsx } from "../../export/spreadsheet";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { GuideDraftContent, type GuideContent } from "../guide-content";
import { contentFromLive } from "../projection";
import { jsonRecordOf, NATIVE_COLUMNS, type Placement, rowOf } from "./columns";
import { ITEMS_SHEET } from "./read";
import type { ExportFormat } from "./types";

/**
 * The administrators' full-fidelity export of items' content (every guide field, materials, form, workflow) in
 * the importer's native formats, so export → import round-trips without loss. Not the open-data export
 * (lib/catalogue/export.ts), which publishes summary rows of the public catalogue only.
 *
 * `latest` (default) exports each item's newest content: its open draft (status DRAFT) or else its published
 * guide (status PUBLISHED); `published` exports only the live guides of live items.
 */

export type ExportOptions = { format: ExportFormat; source?: "latest" | "published"; departmentCodes?: string[] };
export type ExportedItem = { placement: Placement; content: GuideContent };

/** Excel refuses longer cells; an item whose materials (say) do not fit must be exported as JSON. */
export const XLSX_MAX_CELL = 32_767;
export const EXPORT_FORMAT_NAME = "onewindow-catalogue";

const BATCH = 500;

export async function collectItems(
  client: PrismaClient,
  options: Pick<ExportOptions, "source" | "departmentCodes"> = {},
): Promise<ExportedItem[]> {
  const source = options.source ?? "latest";
  const where: Prisma.ServiceItemWhereInput = {
    ...(source === "published" ? { status: { in: ["ACTIVE", "SUSPENDED"] } } : { status: { not: "CANCELLED" } }),
    ...(options.departmentCodes ? { department: { code: { in: options.departmentCodes } } } : {}),
  };
  const items: ExportedItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const batch = await client.serviceItem.findMany({
      where,
      orderBy: { implementationCode: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { implementationCode: cursor } } : {}),
      select: {
        id: true,
        implementationCode: true,
        status: true,
        regionCode: true,
        department: { select: { code: true, name: true } },
        catalogItem: { select: { code: true, name: true, nameEn: true } },
        versions: {
          where: { status: { in: source === "published" ? ["PUBLISHED"] : ["DRAFT", "IN_REVIEW", "PUBLISHED"] } },
          select: { status: true, content: true },
        },
      },
    });
    for (const item of batch) {
      const open = item.versions.find((version) => version.status !== "PUBLISHED");
      const published = item.versions.find((version) => version.status === "PUBLISHED");
      const chosen = open ?? published;
      // Items live since before versioning (the seed) have no version rows: their live guide is their content.
      const content = chosen
        ? GuideDraftContent.parse(chosen.content)
        : await client.$transaction((tx) => contentFromLive(tx, item.id));
      items.push({
        placement: {
          departmentCode: item.department.code,
          departmentName: item.department.name,
          regionCode: item.regionCode,
          catalogItemCode: item.catalogItem.code,
          catalogItemName: item.catalogItem.name,
          catalogItemNameEn: item.catalogItem.nameEn,
          status: open || (!chosen && item.status === "DRAFT") ? "DRAFT" : "PUBLISHED",
        },
        content,
      });
    }
    if (batch.length < BATCH) return items;
    cursor = batch[batch.length - 1]?.implementationCode;
  }
}

export function contentJson(items: ExportedItem[]): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT_NAME, version: 1, items: items.map(({ placement, content }) => jsonRecordOf(placement, content)) }, null, 2)}\n`;
}

/**
 * CSV with a UTF-8 byte-order mark. Like every export, text cells that could start a formula get a leading `'`
 * (lib/export/spreadsheet.ts); the importer takes exactly that quote off again (read.ts), so the round trip loses
 * nothing.
 */
export function contentCsv(items: ExportedItem[]): string {
  return toCsv(
    NATIVE_COLUMNS,
    items.map(({ placement, content }) => rowOf(placement, content)),
  );
}

export class CellTooLongError extends Error {
  constructor(
    readonly implementationCode: string,
    readonly column: string,
  ) {
    super(
      `${implementationCode}: column ${column} is longer than ${XLSX_MAX_CELL} characters, which Excel cannot hold; export JSON instead`,
    );
  }
}

/** XLSX, every cell text (neutralised like the CSV, see contentCsv). */
export async function contentXlsx(items: ExportedItem[]): Promise<Buffer> {
  const rows = items.map(({ placement, content }) => {
    const cells = rowOf(placement, content);
    cells.forEach((cell, index) => {
      // The limit applies to the cell as written, quote included.
      if (neutraliseCell(cell).length > XLSX_MAX_CELL)
        throw new CellTooLongError(content.implementationCode, NATIVE_COLUMNS[index] ?? String(index));
    });
    return cells;
  });
  return toXlsx(ITEMS_SHEET, NATIVE_COLUMNS, rows);
}

export async function exportCatalogueContent(
  client: PrismaClient,
  options: ExportOptions,
): Promise<{ body: string | Buffer; count: number }> {
  const items = await collectItems(client, options);
  switch (options.format) {
    case "json":
      return { body: contentJson(items), count: items.length };
    case "csv":
      return { body: contentCsv(items), count: items.length };
    case "xlsx":
      return { body: await contentXlsx(items), count: items.length };
  }
}
