import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Actor, assertCan, assertRecentSecondFactor } from "../../auth/policy";
import { db } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { type ExportOptions, exportCatalogueContent } from "./export-content";
import { importCatalogueFile } from "./importer";
import { isImportFormat, MAX_IMPORT_BYTES } from "./read";
import { EXPORT_FORMATS, type ExportFormat, type ImportFormat, type ImportReport } from "./types";

/**
 * The import page's two steps: check an uploaded file (a dry run that writes nothing) and, when it is clean,
 * import that very file. Between the steps the file waits in the data folder under its SHA-256, so the
 * confirmation needs no second upload (and works without JavaScript). The page imports drafts only: publishing
 * goes through the four-eyes review; `--publish` is a command-line tool for catalogues reviewed elsewhere.
 */

/** Uploads larger than this are refused by the page (the command line takes up to MAX_IMPORT_BYTES). */
export const MAX_UPLOAD_BYTES = Math.min(MAX_IMPORT_BYTES, 20 * 1024 * 1024);

function pendingDir(): string {
  return path.resolve(env().ONEWINDOW_DATA_DIR, "imports");
}

function pendingPath(token: string): string {
  if (!/^[0-9a-f]{64}$/.test(token))
    throw new AppError("VALIDATION", "catalogueImport.errors.fileRequired", {
      fieldErrors: { file: "catalogueImport.errors.fileRequired" },
    });
  return path.join(pendingDir(), `${token}.upload`);
}

function parseFormat(value: string): ImportFormat | undefined {
  if (value === "" || value === "auto") return undefined;
  if (isImportFormat(value)) return value;
  throw new AppError("VALIDATION", "catalogueImport.errors.formatUnknown", {
    fieldErrors: { format: "catalogueImport.errors.formatUnknown" },
  });
}

export type CheckResult = { report: ImportReport; token: string; fileName: string };

export async function checkUpload(
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array; format: string },
  ip: string | null,
): Promise<CheckResult> {
  assertCan(actor, "catalogue.import");
  const format = parseFormat(input.format);
  if (input.bytes.byteLength === 0)
    throw new AppError("VALIDATION", "catalogueImport.errors.fileRequired", {
      fieldErrors: { file: "catalogueImport.errors.fileRequired" },
    });
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES)
    throw new AppError("VALIDATION", "catalogueImport.errors.tooLarge", {
      fieldErrors: { file: "catalogueImport.errors.tooLarge" },
    });
  const fileName = path.basename(input.fileName).slice(0, 200);
  const report = await importCatalogueFile(db(), input.bytes, {
    fileName,
    format,
    dryRun: true,
    publish: false,
    actor,
    via: "admin",
    ip,
  });
  const token = createHash("sha256").update(input.bytes).digest("hex");
  if (report.problems.length === 0) {
    await mkdir(pendingDir(), { recursive: true });
    await writeFile(pendingPath(token), input.bytes);
  }
  return { report, token, fileName };
}

export async function confirmUpload(
  actor: Actor,
  input: { token: string; fileName: string; format: string },
  ip: string | null,
): Promise<ImportReport> {
  assertCan(actor, "catalogue.import");
  assertRecentSecondFactor(actor);
  const format = parseFormat(input.format);
  const file = pendingPath(input.token);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new AppError("CONFLICT", "catalogueImport.errors.uploadExpired");
  }
  if (createHash("sha256").update(bytes).digest("hex") !== input.token)
    throw new AppError("CONFLICT", "catalogueImport.errors.uploadExpired");
  const report = await importCatalogueFile(db(), bytes, {
    fileName: path.basename(input.fileName).slice(0, 200),
    format,
    dryRun: false,
    publish: false,
    actor,
    via: "admin",
    ip,
  });
  if (report.committed) await rm(file, { force: true });
  return report;
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export async function exportForAdmin(actor: Actor | null, options: ExportOptions) {
  assertCan(actor, "catalogue.import");
  assertRecentSecondFactor(actor);
  return exportCatalogueContent(db(), options);
}
