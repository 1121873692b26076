import "server-only";
import { toCsv, toXlsx } from "../export/spreadsheet";

/** Every table of the supervision and statistics pages can be downloaded as CSV (UTF-8 with BOM, for Excel) or XLSX. */
export type Table = { columns: string[]; rows: (string | number | null)[][] };

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Text cells are neutralised against formula injection by lib/export/spreadsheet.ts; numbers stay numbers. */
export function tableCsv(table: Table): string {
  return toCsv(table.columns, table.rows);
}

export async function tableXlsx(table: Table, sheet = "data"): Promise<Buffer> {
  return toXlsx(sheet, table.columns, table.rows);
}

/** The download response for a table. `name` is ASCII (used in the file name). */
export async function tableResponse(table: Table, format: ExportFormat, name: string): Promise<Response> {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, "-");
  if (format === "xlsx") {
    const body = await tableXlsx(table, safe);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${safe}.xlsx"`,
        "Cache-Control": "no-store",
      },
    });
  }
  return new Response(tableCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
