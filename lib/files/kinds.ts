import type { FilePurpose } from "../generated/prisma/enums";

/**
 * The file formats OneWindow accepts, each known by its bytes. The content type we store and serve comes from
 * this table, never from the browser or the name.
 */
export const FILE_KINDS = {
  pdf: { label: "PDF", mime: "application/pdf", extensions: ["pdf"] },
  jpeg: { label: "JPG", mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { label: "PNG", mime: "image/png", extensions: ["png"] },
  doc: { label: "DOC", mime: "application/msword", extensions: ["doc"] },
  xls: { label: "XLS", mime: "application/vnd.ms-excel", extensions: ["xls"] },
  docx: {
    label: "DOCX",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  xlsx: {
    label: "XLSX",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
  },
  odt: { label: "ODT", mime: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  ods: { label: "ODS", mime: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

const DOCUMENTS_AND_IMAGES: readonly FileKind[] = ["pdf", "jpeg", "png"];
const TEMPLATES: readonly FileKind[] = ["pdf", "jpeg", "png", "doc", "docx", "xls", "xlsx", "odt", "ods"];

/**
 * What each purpose accepts. Applicants' materials and issued documents are things a clerk reads: PDF and
 * photos or scans. Blank forms and samples are also offered as editable office files so people can fill them
 * in. Never HTML, SVG, scripts, executables or plain archives: a file served to a browser must not run.
 */
export const ALLOWED_KINDS: Record<FilePurpose, readonly FileKind[]> = {
  APPLICATION_MATERIAL: DOCUMENTS_AND_IMAGES,
  RESULT_DOCUMENT: DOCUMENTS_AND_IMAGES,
  COMPANY_EVIDENCE: DOCUMENTS_AND_IMAGES,
  MATERIAL_BLANK_FORM: TEMPLATES,
  MATERIAL_SAMPLE: TEMPLATES,
};

/** Formats a browser may show in its own viewer (the download route's `?inline=1`). */
/** Shown in the page (an <img>); everything else, PDFs included, is downloaded as a sandboxed attachment. */
export const INLINE_MIME_TYPES: readonly string[] = [FILE_KINDS.jpeg.mime, FILE_KINDS.png.mime];

export const ZIP_BASED_KINDS: readonly FileKind[] = ["docx", "xlsx", "odt", "ods"];

export function allowedLabels(purpose: FilePurpose): string {
  return ALLOWED_KINDS[purpose].map((kind) => FILE_KINDS[kind].label).join(" / ");
}

export function isTemplatePurpose(purpose: FilePurpose): boolean {
  return purpose === "MATERIAL_BLANK_FORM" || purpose === "MATERIAL_SAMPLE";
}
