/**
 * Shapes shared by the catalogue importer's readers (JSON, CSV, XLSX, the Guang'an district data), the importer
 * itself, the command line and the admin page. Plain data, no database: readers and their tests stay pure.
 */

export const IMPORT_FORMATS = ["json", "csv", "xlsx", "guangan-json", "guangan-csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const EXPORT_FORMATS = ["json", "csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a native record says about its version: a draft to work on, or the content that should be live. */
export const RECORD_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * One problem with the input. `row` is the spreadsheet row for CSV and XLSX (the header is row 1), the item's
 * position (1, 2, …) in JSON, and 0 for the file as a whole. `field` is a column name or a content path such as
 * `materials.2.code`; `message` a message key (`catalogueImport.errors.*` or `catalogueAdmin.errors.*`);
 * `value` the offending value when it helps (shortened).
 */
export type ImportProblem = { row: number; field: string; message: string; value?: string };

/** One item as read from a file: where it belongs, its catalogue item, and its guide content (still unvalidated). */
export type SourceRecord = {
  row: number;
  /**
   * `implementations.N.` when the record is the Nth implementation of a JSON record that lists several: its
   * problems are reported under that path, in the record's row.
   */
  fieldPrefix?: string;
  departmentCode: string;
  /** Optional in native files; when given it must be the department's region. */
  regionCode: string | null;
  catalogItemCode: string;
  catalogItemName: string;
  catalogItemNameEn: string;
  status: RecordStatus;
  content: Record<string, unknown>;
};

/** A department the data names that may not exist yet (the Guang'an data); matched by name in its region first. */
export type DepartmentSpec = {
  code: string;
  /** True when the data carried no valid GB 32100 credit code for the body, so `code` is our placeholder. */
  placeholderCode: boolean;
  name: string;
  /** Other names the body may already exist under (the short local name). */
  aliases: string[];
  regionCode: string;
};

export type ThemeSpec = { code: string; name: string; audience: "PERSONAL" | "CORPORATE" };

/** What a reader hands the importer. */
export type ImportInput = {
  format: ImportFormat;
  records: SourceRecord[];
  /** Reference data to create or match before the items (only the Guang'an adapter fills these). */
  departments: DepartmentSpec[];
  themes: ThemeSpec[];
  /**
   * True for catalogue listings without guide details (the Guang'an data): `--publish` then publishes the listing
   * as it is; native records must pass the complete-guide rules to be published.
   */
  listingOnly: boolean;
  /** Problems found while reading (bad cells, bad JSON, unknown columns). */
  problems: ImportProblem[];
  /** How the file names content fields, when it is not the native layout (the district data's CSV columns). */
  fieldNames?: Record<string, string>;
};

export type ImportSummary = {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  published: number;
  errors: number;
  departmentsCreated: number;
  themesCreated: number;
  catalogItemsCreated: number;
};

export type ImportReport = {
  format: ImportFormat;
  dryRun: boolean;
  publish: boolean;
  /** True when the import was written; false for a dry run and whenever any problem was found. */
  committed: boolean;
  summary: ImportSummary;
  problems: ImportProblem[];
  milliseconds: number;
};

export type ProgressListener = (
  phase: "read" | "check" | "write" | "publish" | "index",
  done: number,
  total: number,
) => void;
