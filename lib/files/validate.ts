import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { env } from "../env";
import type { FilePurpose } from "../generated/prisma/enums";
import { FileRejectedError } from "./errors";
import { ALLOWED_KINDS, allowedLabels, FILE_KINDS, type FileKind, isTemplatePurpose, ZIP_BASED_KINDS } from "./kinds";
import { sanitisePdf } from "./pdf";
import { checkZipArchive } from "./zip";

export type ValidatedUpload = {
  kind: FileKind;
  /** The content type to store and serve: from the bytes, never from the browser or the name. */
  contentType: string;
  /** The name to keep: the user's base name, cleaned, with an extension that matches the content. */
  name: string;
  /**
   * The bytes to store: a PDF rebuilt without its active content (lib/files/pdf.ts), any other kind as uploaded
   * (photos are re-encoded later, by stripImageMetadata in store.ts).
   */
  bytes: Buffer;
  /** What was taken out of a PDF (`OpenAction`, `JavaScript`, `EmbeddedFile` …), for the audit log; empty otherwise. */
  removed: string[];
};

const MB = 1024 * 1024;

/** The upload size limit of a purpose, in bytes (UPLOAD_MAX_MB, UPLOAD_TEMPLATE_MAX_MB). */
export function maxUploadBytes(purpose: FilePurpose): number {
  const config = env();
  return (isTemplatePurpose(purpose) ? config.UPLOAD_TEMPLATE_MAX_MB : config.UPLOAD_MAX_MB) * MB;
}

const MAX_NAME_LENGTH = 120;

/**
 * The name a user gave, made safe to keep and to show: no folders, no control or bidirectional-override
 * characters (which can disguise `exe.pdf` as `fdp.exe`), no leading dots, at most 120 characters with the
 * extension kept.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/["*:<>?|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

/** Old Office files are OLE compound files; which one is told by the streams inside (UTF-16 names). */
function compoundFileKind(bytes: Buffer): FileKind | null {
  const has = (stream: string) => bytes.includes(Buffer.from(stream, "utf16le"));
  if (has("WordDocument")) return "doc";
  if (has("Workbook") || has("Book")) return "xls";
  return null;
}

/** Text formats that file-type does not sniff, named so the refusal can say what the file really is. */
function textKind(bytes: Buffer): string | null {
  const head = bytes
    .subarray(0, 2048)
    .toString("utf8")
    .replace(/^\ufeff/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("#!")) return "SCRIPT";
  if (/<svg[\s>]/.test(head)) return "SVG";
  if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]/.test(head)) return "HTML";
  if (head.startsWith("<?xml")) return "XML";
  if (head.startsWith("{") || head.startsWith("[")) return "JSON";
  return /^[^\u0000-\u0008\u000e-\u001f]*$/.test(head) ? "TXT" : null;
}

/** Names that honestly describe text content, so such files are refused as "not accepted", not as misnamed. */
const TEXT_EXTENSIONS: Record<string, string[]> = {
  SCRIPT: ["sh", "bash", "py", "pl", "rb", "js", "php", "cgi"],
  SVG: ["svg", "svgz"],
  HTML: ["html", "htm", "xhtml", "shtml"],
  XML: ["xml", "xsl", "xslt"],
  TXT: ["txt", "csv", "md", "log"],
};

type Sniffed = { kind: FileKind | null; label: string; extensions: readonly string[] };

async function sniff(bytes: Buffer): Promise<Sniffed | null> {
  const detected = await fileTypeFromBuffer(bytes);
  // file-type knows XML only as XML; an SVG or XHTML page inside must be named for what it is.
  if (!detected || detected.ext === "xml") {
    const text = textKind(bytes);
    return text ? { kind: null, label: text, extensions: TEXT_EXTENSIONS[text] ?? [text.toLowerCase()] } : null;
  }
  if (detected.ext === "cfb") {
    const kind = compoundFileKind(bytes);
    return kind
      ? { kind, label: FILE_KINDS[kind].label, extensions: FILE_KINDS[kind].extensions }
      : { kind: null, label: "OLE (MSI/MSG)", extensions: [] };
  }
  const kind =
    (Object.keys(FILE_KINDS) as FileKind[]).find((candidate) => FILE_KINDS[candidate].mime === detected.mime) ?? null;
  if (kind) return { kind, label: FILE_KINDS[kind].label, extensions: FILE_KINDS[kind].extensions };
  return { kind: null, label: detected.ext.toUpperCase(), extensions: [detected.ext] };
}

/**
 * Decides whether bytes may be stored for a purpose, by their content: not empty, within the size limit, of a
 * format the purpose allows (known from magic bytes), named with an extension that agrees with the content (an
 * EXE renamed to .pdf is refused, naming what it really is), office files free of zip bombs and macros. PDFs are
 * parsed and rebuilt without scripts, actions, attachments and XFA forms; the rebuilt bytes are returned to be
 * stored instead of the upload. Every refusal is a FileRejectedError saying why.
 */
export async function validateUpload({
  purpose,
  name,
  bytes,
  maxBytes = maxUploadBytes(purpose),
}: {
  purpose: FilePurpose;
  name: string;
  bytes: Buffer;
  maxBytes?: number;
}): Promise<ValidatedUpload> {
  const allowed = allowedLabels(purpose);
  if (bytes.length === 0) throw new FileRejectedError("files.errors.empty");
  if (bytes.length > maxBytes)
    throw new FileRejectedError("files.errors.tooLarge", { limitMb: Math.floor(maxBytes / MB) });

  const sniffed = await sniff(bytes);
  if (!sniffed) throw new FileRejectedError("files.errors.unknownType", { allowed });

  const cleaned = cleanFileName(name) || "file";
  const declared = extensionOf(cleaned);
  if (declared && !sniffed.extensions.includes(declared)) {
    throw new FileRejectedError("files.errors.nameMismatch", {
      type: sniffed.label,
      extension: `.${declared}`,
      allowed,
    });
  }
  if (!sniffed.kind || !ALLOWED_KINDS[purpose].includes(sniffed.kind)) {
    throw new FileRejectedError("files.errors.typeNotAllowed", { type: sniffed.label, allowed });
  }
  const kind = sniffed.kind;

  const pdf = kind === "pdf" ? await sanitisePdf(bytes) : null;
  if (ZIP_BASED_KINDS.includes(kind)) await checkZipArchive(bytes);
  if ((kind === "doc" || kind === "xls") && bytes.includes(Buffer.from("_VBA_PROJECT", "utf16le")))
    throw new FileRejectedError("files.errors.macros");

  return {
    kind,
    contentType: FILE_KINDS[kind].mime,
    name: declared ? cleaned : `${cleaned}.${FILE_KINDS[kind].extensions[0]}`,
    bytes: pdf?.bytes ?? bytes,
    removed: pdf?.removed ?? [],
  };
}
