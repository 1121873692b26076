import { parse as parseCsv } from "csv-parse/sync";
import readXlsxFile from "read-excel-file/node";
import { restoreCell } from "../../export/spreadsheet";
import { NATIVE_COLUMNS, recordFromRow, recordsFromJson, REQUIRED_COLUMNS } from "./columns";
import {
  adaptGuangan,
  guanganRowsFromCsv,
  guanganRowsFromJson,
  looksLikeGuanganCsv,
  looksLikeGuanganJson,
  type RegionInfo,
} from "./guangan";
import { IMPORT_FORMATS, type ImportFormat, type ImportInput, type ImportProblem } from "./types";

/**
 * Reads an import file into importer input: native JSON, CSV or XLSX (see columns.ts), or the Guang'an district
 * data (guangan.ts). The format is the one asked for, or recognised from the name and the content. Reading never
 * throws on bad input: problems are collected with their row and field.
 */

const E = "catalogueImport.errors";
/** A file larger than this is refused before parsing (the real district file is 0.5 MB; the seed exports 3 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** The sheet an XLSX export writes the items to; a workbook without one is read from its first sheet. */
export const ITEMS_SHEET = "items";

export type ReadOptions = { format?: ImportFormat; fileName?: string; regions: Map<string, RegionInfo> };

function empty(format: ImportFormat, problems: ImportProblem[]): ImportInput {
  return { format, records: [], departments: [], themes: [], listingOnly: false, problems };
}

function fileProblem(message: string, value?: string): ImportProblem {
  return value === undefined ? { row: 0, field: "_file", message } : { row: 0, field: "_file", message, value };
}

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

type Family = "json" | "csv" | "xlsx";

function familyOf(bytes: Uint8Array, fileName: string | undefined, format: ImportFormat | undefined): Family {
  if (format) return format === "guangan-json" ? "json" : format === "guangan-csv" ? "csv" : format;
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === "json" || extension === "csv" || extension === "xlsx") return extension;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "xlsx";
  const first = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, "")
    .trimStart()[0];
  return first === "[" || first === "{" ? "json" : "csv";
}

/** Table rows (header first) as records keyed by column, each with its spreadsheet row number. */
function keyed(rows: { row: number; cells: string[] }[]): {
  header: string[];
  records: { row: number; cells: Record<string, string> }[];
} {
  const [head, ...body] = rows;
  const header = (head?.cells ?? []).map((cell) => cell.replace(/^\uFEFF/, "").trim());
  const records = body
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""))
    .map(({ row, cells }) => ({
      row,
      cells: Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ""])),
    }));
  return { header, records };
}

function readTable(
  format: "csv" | "xlsx" | "guangan-csv" | undefined,
  family: "csv" | "xlsx",
  rows: { row: number; cells: string[] }[],
  regions: Map<string, RegionInfo>,
  problems: ImportProblem[],
): ImportInput {
  const { header, records } = keyed(rows);
  if (records.length > MAX_IMPORT_ROWS)
    return empty(format ?? family, [...problems, fileProblem(`${E}.tooManyRows`, String(MAX_IMPORT_ROWS))]);
  const guangan = format === "guangan-csv" || (format === undefined && family === "csv" && looksLikeGuanganCsv(header));
  if (guangan) {
    for (const column of ["department", "name", "item_code", "task_type"])
      if (!header.includes(column)) problems.push({ row: 1, field: column, message: `${E}.missingColumn` });
    return adaptGuangan("guangan-csv", guanganRowsFromCsv(records), regions, problems);
  }
  const resolved = format ?? family;
  for (const column of REQUIRED_COLUMNS)
    if (!header.includes(column)) problems.push({ row: 1, field: column, message: `${E}.missingColumn` });
  for (const column of header)
    if (column !== "" && !NATIVE_COLUMNS.includes(column))
      problems.push({ row: 1, field: column, message: `${E}.unknownColumn` });
  if (problems.length > 0) return empty(resolved, problems);
  // The export put a `'` before every cell that could start a formula (lib/export/spreadsheet.ts); take exactly
  // that quote off again so export → import loses nothing. Only the native layout: the district data is not ours.
  const restored = (cells: Record<string, string>) =>
    Object.fromEntries(Object.entries(cells).map(([column, cell]) => [column, restoreCell(cell)]));
  const sourceRecords = records.map(({ row, cells }) => recordFromRow(row, restored(cells), problems));
  return { format: resolved, records: sourceRecords, departments: [], themes: [], listingOnly: false, problems };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export async function readImportFile(
  bytes: Uint8Array,
  { format, fileName, regions }: ReadOptions,
): Promise<ImportInput> {
  const family = familyOf(bytes, fileName, format);
  if (bytes.byteLength === 0) return empty(format ?? family, [fileProblem(`${E}.emptyFile`)]);
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    return empty(format ?? family, [fileProblem(`${E}.fileTooLarge`, String(MAX_IMPORT_BYTES))]);
  const problems: ImportProblem[] = [];

  if (family === "json") {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
    } catch {
      return empty(format ?? "json", [fileProblem(`${E}.notJson`)]);
    }
    if (format === "guangan-json" || (format === undefined && looksLikeGuanganJson(value))) {
      if (!Array.isArray(value)) return empty("guangan-json", [fileProblem(`${E}.notGuangan`)]);
      return adaptGuangan("guangan-json", guanganRowsFromJson(value, problems), regions, problems);
    }
    // A bare array of records, or an export: { format, version, items: [...] }.
    const items = Array.isArray(value)
      ? value
      : value && typeof value === "object" && Array.isArray((value as { items?: unknown }).items)
        ? (value as { items: unknown[] }).items
        : null;
    if (!items) return empty("json", [fileProblem(`${E}.notCatalogueJson`)]);
    if (items.length > MAX_IMPORT_ROWS)
      return empty("json", [fileProblem(`${E}.tooManyRows`, String(MAX_IMPORT_ROWS))]);
    const records = items.flatMap((item, index) => recordsFromJson(index + 1, item, problems));
    if (records.length > MAX_IMPORT_ROWS)
      return empty("json", [fileProblem(`${E}.tooManyRows`, String(MAX_IMPORT_ROWS))]);
    return { format: "json", records, departments: [], themes: [], listingOnly: false, problems };
  }

  if (family === "csv") {
    let rows: { row: number; cells: string[] }[];
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      const parsed = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      // Rows are numbered as a spreadsheet shows them (one row per record, the header is row 1), as for XLSX.
      rows = parsed.map((cells, index) => ({ row: index + 1, cells }));
    } catch (error) {
      const where = (error as { lines?: number }).lines;
      return empty(format ?? "csv", [
        { row: typeof where === "number" ? where : 0, field: "_file", message: `${E}.notCsv` },
      ]);
    }
    return readTable(format === "guangan-csv" || format === "csv" ? format : undefined, "csv", rows, regions, problems);
  }

  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(Buffer.from(bytes));
  } catch {
    return empty("xlsx", [fileProblem(`${E}.notXlsx`)]);
  }
  const sheet = sheets.find((candidate) => candidate.sheet === ITEMS_SHEET) ?? sheets[0];
  if (!sheet) return empty("xlsx", [fileProblem(`${E}.notXlsx`)]);
  const rows = sheet.data.map((cells, index) => ({ row: index + 1, cells: cells.map(cellText) }));
  return readTable("xlsx", "xlsx", rows, regions, problems);
}
