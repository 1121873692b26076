import { defaultWorkflow, type GuideContent } from "../guide-content";
import { type ImportProblem, RECORD_STATUSES, type RecordStatus, type SourceRecord } from "./types";

/**
 * The native table layout shared by CSV and XLSX: one row per item. Where the item belongs comes first, then the
 * guide's scalar fields as plain columns (time limits split into limit / unit / note), enumerations that hold
 * several values joined with `|`, and the list fields (materials, fees, windows …), the form and the workflow as
 * JSON in one cell each. Every field of GuideContent has a column, so export → import loses nothing
 * (columns.test.ts checks the list against the schema).
 */

type Kind = "text" | "integer" | "boolean" | "list" | "json";

/** Content fields in column order with how a cell holds them. Time limits are handled separately. */
export const CONTENT_COLUMNS: readonly (readonly [keyof GuideContent, Kind])[] = [
  ["implementationCode", "text"],
  ["handlingItemCode", "text"],
  ["name", "text"],
  ["nameEn", "text"],
  ["itemType", "text"],
  ["exerciseLevel", "integer"],
  ["powerSource", "integer"],
  ["entrustingDepartment", "text"],
  ["coHandlingBodies", "text"],
  ["audiences", "list"],
  ["themeCodes", "list"],
  ["caseType", "text"],
  ["channels", "list"],
  ["acceptanceConditions", "text"],
  ["reviewStandard", "text"],
  ["visits", "integer"],
  ["visitReason", "text"],
  ["feeCharged", "boolean"],
  ["feeBasis", "text"],
  ["windowProcess", "text"],
  ["onlineProcess", "text"],
  ["consultation", "text"],
  ["complaint", "text"],
  ["reconsideration", "text"],
  ["litigation", "text"],
  ["onlineCapable", "boolean"],
  ["onlineDepth", "list"],
  ["inServiceHall", "boolean"],
  ["courierDelivery", "boolean"],
  ["onlinePayment", "boolean"],
  ["bookingSupported", "boolean"],
  ["kioskSupported", "boolean"],
  ["crossRegionScope", "text"],
  ["quantityLimit", "text"],
  ["intermediaryService", "text"],
  ["resultType", "text"],
  ["resultName", "text"],
  ["resultLicenceTypeCode", "text"],
  ["minAssuranceLevel", "integer"],
  ["legalBases", "json"],
  ["materials", "json"],
  ["situations", "json"],
  ["fees", "json"],
  ["windows", "json"],
  ["faqs", "json"],
  ["steps", "json"],
  ["specialProcedures", "json"],
  ["form", "json"],
  ["workflow", "json"],
];

/** The two time limits of the content, each as three columns. */
export const TIME_LIMIT_FIELDS = ["statutory", "promised"] as const;
const TIME_LIMIT_COLUMNS = TIME_LIMIT_FIELDS.flatMap((field) => [`${field}Limit`, `${field}Unit`, `${field}Note`]);

export const PLACEMENT_COLUMNS = [
  "departmentCode",
  "departmentName",
  "regionCode",
  "catalogItemCode",
  "catalogItemName",
  "catalogItemNameEn",
  "status",
] as const;

export const NATIVE_COLUMNS: readonly string[] = [
  ...PLACEMENT_COLUMNS,
  ...CONTENT_COLUMNS.slice(
    0,
    CONTENT_COLUMNS.findIndex(([key]) => key === "visits"),
  ).map(([key]) => key),
  ...TIME_LIMIT_COLUMNS,
  ...CONTENT_COLUMNS.slice(CONTENT_COLUMNS.findIndex(([key]) => key === "visits")).map(([key]) => key),
];

/** Columns a file must have; the rest may be left out (empty). */
export const REQUIRED_COLUMNS = [
  "departmentCode",
  "catalogItemCode",
  "implementationCode",
  "name",
  "itemType",
] as const;

export type Placement = {
  departmentCode: string;
  departmentName: string;
  regionCode: string;
  catalogItemCode: string;
  catalogItemName: string;
  catalogItemNameEn: string;
  status: RecordStatus;
};

// ───────────────────────── Export: content → cells ─────────────────────────

function cellOf(kind: Kind, value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (kind) {
    case "text":
      return String(value);
    case "integer":
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "list":
      return (value as string[]).join("|");
    case "json":
      return JSON.stringify(value);
  }
}

/** One item as a table row, in NATIVE_COLUMNS order. */
export function rowOf(placement: Placement, content: GuideContent): string[] {
  const cells: Record<string, string> = { ...placement };
  for (const [key, kind] of CONTENT_COLUMNS) cells[key] = cellOf(kind, content[key]);
  for (const field of TIME_LIMIT_FIELDS) {
    const limit = content[field];
    cells[`${field}Limit`] = limit ? String(limit.limit) : "";
    cells[`${field}Unit`] = limit?.unit ?? "";
    cells[`${field}Note`] = limit?.note ?? "";
  }
  return NATIVE_COLUMNS.map((column) => cells[column] ?? "");
}

/** One item as a JSON record: placement fields, then the content as it is (nested lists and objects). */
export function jsonRecordOf(placement: Placement, content: GuideContent): Record<string, unknown> {
  return { ...placement, ...content };
}

// ───────────────────────── Import: cells → record ─────────────────────────

const TRUE = new Set(["true", "1", "yes", "y", "是", "TRUE", "True"]);
const FALSE = new Set(["false", "0", "no", "n", "否", "FALSE", "False"]);

const E = "catalogueImport.errors";

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

function parseStatus(raw: string | undefined, row: number, problems: ImportProblem[]): RecordStatus {
  const value = (raw ?? "").trim().toUpperCase();
  if (value === "") return "DRAFT";
  if ((RECORD_STATUSES as readonly string[]).includes(value)) return value as RecordStatus;
  problems.push({ row, field: "status", message: `${E}.status`, value: shorten(raw ?? "") });
  return "DRAFT";
}

/**
 * A table row (CSV or XLSX) as a source record. Cells are strings (empty = not given). Problems with single
 * cells (bad JSON, a word that is not yes or no) are collected; the content schema checks everything else.
 */
export function recordFromRow(row: number, cells: Record<string, string>, problems: ImportProblem[]): SourceRecord {
  const text = (column: string) => (cells[column] ?? "").trim();
  const content: Record<string, unknown> = {};
  for (const [key, kind] of CONTENT_COLUMNS) {
    const raw = cells[key] ?? "";
    const value = raw.trim();
    switch (kind) {
      case "text":
        content[key] = raw;
        break;
      case "integer":
        content[key] = value === "" ? undefined : value;
        break;
      case "boolean":
        if (TRUE.has(value)) content[key] = true;
        else if (FALSE.has(value)) content[key] = false;
        else problems.push({ row, field: key, message: `${E}.boolean`, value: shorten(raw) });
        break;
      case "list":
        content[key] =
          value === ""
            ? []
            : value
                .split("|")
                .map((part) => part.trim())
                .filter(Boolean);
        break;
      case "json":
        // An empty cell means none (no form, the type's default workflow); a cell that is not JSON is reported
        // here and read as empty so the schema does not report it a second time.
        content[key] = key === "form" ? null : key === "workflow" ? defaultWorkflow(text("itemType")) : [];
        if (value === "") break;
        try {
          content[key] = JSON.parse(value);
        } catch {
          problems.push({ row, field: key, message: `${E}.json`, value: shorten(raw) });
        }
        break;
    }
  }
  for (const field of TIME_LIMIT_FIELDS) {
    const limit = text(`${field}Limit`);
    const unit = text(`${field}Unit`);
    const note = cells[`${field}Note`] ?? "";
    content[field] =
      limit === "" && unit === "" && note.trim() === ""
        ? field === "statutory"
          ? null
          : undefined
        : { limit: limit === "" ? undefined : limit, unit, note };
  }
  return {
    row,
    departmentCode: text("departmentCode"),
    regionCode: text("regionCode") || null,
    catalogItemCode: text("catalogItemCode"),
    catalogItemName: text("catalogItemName"),
    catalogItemNameEn: text("catalogItemNameEn"),
    status: parseStatus(cells.status, row, problems),
    content,
  };
}

/** At most this many implementations in one JSON record (a guide implemented in every county of a province). */
export const MAX_IMPLEMENTATIONS = 500;

/**
 * A native JSON record as source records. A record is one implementation (placement fields beside the content
 * fields), or one standard guide with `implementations`: the 基本目录 item's content shared by several departments,
 * each entry giving what is its own (at least departmentCode and implementationCode; usually regionCode, windows,
 * consultation and complaint). Each entry is read as the record with its fields put in place of the shared ones,
 * so an entry may change any field; its problems are reported as `implementations.N.field` in the record's row.
 * Exports stay one record per implementation.
 */
export function recordsFromJson(row: number, value: unknown, problems: ImportProblem[]): SourceRecord[] {
  if (!value || typeof value !== "object" || Array.isArray(value) || !("implementations" in value)) {
    const record = recordFromJson(row, value, problems);
    return record ? [record] : [];
  }
  const { implementations, ...shared } = value as Record<string, unknown>;
  if (!Array.isArray(implementations) || implementations.length === 0) {
    problems.push({ row, field: "implementations", message: `${E}.implementations` });
    return [];
  }
  if (implementations.length > MAX_IMPLEMENTATIONS) {
    problems.push({
      row,
      field: "implementations",
      message: `${E}.tooManyImplementations`,
      value: String(MAX_IMPLEMENTATIONS),
    });
    return [];
  }
  return implementations.flatMap((own, index) => {
    const fieldPrefix = `implementations.${index + 1}.`;
    if (!own || typeof own !== "object" || Array.isArray(own) || "implementations" in own) {
      problems.push({ row, field: `${fieldPrefix}_record`, message: `${E}.implementationShape` });
      return [];
    }
    const seen = problems.length;
    const record = recordFromJson(row, { ...shared, ...own }, problems);
    for (const problem of problems.slice(seen)) problem.field = `${fieldPrefix}${problem.field}`;
    return record ? [{ ...record, fieldPrefix }] : [];
  });
}

/** A native JSON record (placement fields beside the content fields) as a source record. */
export function recordFromJson(row: number, value: unknown, problems: ImportProblem[]): SourceRecord | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    problems.push({ row, field: "_record", message: `${E}.recordShape` });
    return null;
  }
  // departmentName is informational (a reader's aid in exports): the code decides.
  const content: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of PLACEMENT_COLUMNS) delete content[key];
  const { departmentCode, regionCode, catalogItemCode, catalogItemName, catalogItemNameEn, status } = value as Record<
    string,
    unknown
  >;
  const text = (raw: unknown) =>
    typeof raw === "string" ? raw.trim() : raw === undefined || raw === null ? "" : String(raw);
  return {
    row,
    departmentCode: text(departmentCode),
    regionCode: text(regionCode) || null,
    catalogItemCode: text(catalogItemCode),
    catalogItemName: text(catalogItemName),
    catalogItemNameEn: text(catalogItemNameEn),
    status: parseStatus(status === undefined || status === null ? undefined : String(status), row, problems),
    content,
  };
}
