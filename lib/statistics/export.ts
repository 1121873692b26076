import "server-only";
import { stringify } from "csv-stringify/sync";
import writeXlsxFile from "write-excel-file/node";

/** Every table of the supervision and statistics pages can be downloaded as CSV (UTF-8 with BOM, for Excel) or XLSX. */
export type Table = { columns: string[]; rows: (string | number | null)[][] };

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function tableCsv(table: Table): string {
  return `\uFEFF${stringify([table.columns, ...table.rows.map((row) => row.map((cell) => (cell === null ? "" : cell)))])}`;
}

export async function tableXlsx(table: Table, sheet = "data"): Promise<Buffer> {
  const header = table.columns.map((value) => ({ value, type: String, fontWeight: "bold" as const }));
  const rows = table.rows.map((row) =>
    row.map((cell) => (cell === null ? null : typeof cell === "number" ? { value: cell, type: Number } : { value: String(cell), type: String })),
  );
  return writeXlsxFile([{ sheet: sheet.slice(0, 31), data: [header, ...rows] }]).toBuffer();
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
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${safe}.csv"`, "Cache-Control": "no-store" },
  });
}
