import "server-only";
import { db } from "../db/client";
import { toCsv } from "../export/spreadsheet";
import { toItemSummaryDto } from "../api/catalogue-dto";
import { itemSummarySelect } from "./queries";

/** The whole public catalogue as summary rows (the open-data export); read in pages to bound memory. */
export async function exportCatalogue() {
  const rows: ReturnType<typeof toItemSummaryDto>[] = [];
  let cursor: string | undefined;
  for (;;) {
    const batch = await db().serviceItem.findMany({
      where: { status: "ACTIVE" },
      orderBy: { implementationCode: "asc" },
      take: 1000,
      ...(cursor ? { skip: 1, cursor: { implementationCode: cursor } } : {}),
      select: itemSummarySelect,
    });
    rows.push(...batch.map(toItemSummaryDto));
    if (batch.length < 1000) return rows;
    cursor = batch[batch.length - 1]?.implementationCode;
  }
}

const COLUMNS = [
  "code",
  "name",
  "nameEn",
  "departmentCode",
  "departmentName",
  "regionCode",
  "regionName",
  "type",
  "audience",
  "onlineDepth",
  "visits",
  "promisedDays",
  "promisedUnit",
  "legalDays",
  "fee",
];

/** CSV with a UTF-8 byte-order mark (text cells neutralised against formula injection, see lib/export/spreadsheet.ts). */
export function catalogueCsv(rows: ReturnType<typeof toItemSummaryDto>[]): string {
  const records = rows.map((row) => [
    row.code,
    row.name,
    row.nameEn,
    row.department.code,
    row.department.name,
    row.region.code,
    row.region.name,
    row.type,
    row.audience.join("|"),
    row.onlineDepth.join("|"),
    row.visits,
    row.promisedDays ?? "",
    row.promisedUnit,
    row.legalDays ?? "",
    row.fee ? "1" : "0",
  ]);
  return toCsv(COLUMNS, records);
}
