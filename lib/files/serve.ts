import "server-only";
import { Readable } from "node:stream";
import type { Actor } from "../auth/policy";
import { isAppError } from "../errors";
import type { Locale } from "../i18n/config";
import { logger } from "../logger";
import { type ByteRange, fileStorage, StorageObjectMissing } from "../storage";
import { getReadableFile } from "./access";
import { INLINE_MIME_TYPES } from "./kinds";
import { translate } from "../i18n/translate";

/**
 * Headers on every answer under /files/: nothing served there may run script, be sniffed into another type,
 * be embedded by another site, or leak the address it came from. The path never sets cookies (proxy.ts skips it,
 * and nothing here reads or writes a session beyond reading the caller's). The CSP is `sandbox` with
 * `default-src 'none'` (directive order does not matter), for every file, PDFs included.
 */
const BASE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
} as const;

/**
 * What `?inline=1` may show in the browser: photos and scans only (the clerk's case page shows them in <img>).
 * Everything else, PDFs included, is always an attachment with the sandbox: browsers' PDF viewers do not run in
 * a sandboxed document, so showing a PDF inline would mean lifting the sandbox on this origin for a file someone
 * else made. Uploaded PDFs are also rebuilt without scripts and attachments (lib/files/pdf.ts) for the desktop
 * readers they are opened in.
 */
const INLINE_TYPES: readonly string[] = INLINE_MIME_TYPES.filter((type) => type.startsWith("image/"));

/** `filename*` per RFC 6266/5987 for the real (often Chinese) name, plus an ASCII fallback for old clients. */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** One byte range from a Range header (`bytes=a-b`, `bytes=a-`, `bytes=-n`); null to send everything. */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

function notFound(locale: Locale): Response {
  return Response.json(
    { error: { code: "NOT_FOUND", message: translate(locale, "files.errors.notFound") } },
    { status: 404, headers: { ...BASE_HEADERS, "Cache-Control": "no-store" } },
  );
}

/**
 * The answer to GET /files/{id}: the bytes after the policy check, with the stored (sniffed) content type,
 * `attachment` unless a JPEG or PNG is asked for with `?inline=1`, an ETag from the SHA-256, single byte
 * ranges, and `private, no-store` unless the file is a public blank form or sample. Unknown, malformed and
 * forbidden ids all answer the same 404.
 */
export async function fileResponse({
  actor,
  fileId,
  inline = false,
  rangeHeader = null,
  ifNoneMatch = null,
  locale,
  ip = null,
}: {
  actor: Actor | null;
  fileId: string;
  inline?: boolean;
  rangeHeader?: string | null;
  ifNoneMatch?: string | null;
  locale: Locale;
  /** The reader's address, for the audit entry of a staff read (lib/files/access.ts). */
  ip?: string | null;
}): Promise<Response> {
  let file;
  try {
    file = await getReadableFile(actor, fileId, { ip });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return notFound(locale);
    throw error;
  }

  const showInline = inline && INLINE_TYPES.includes(file.contentType);
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(showInline ? "inline" : "attachment", file.originalName),
    "Cache-Control": file.public ? "public, max-age=300" : "private, no-store",
    ETag: etag,
    "Accept-Ranges": "bytes",
  };
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }

  const range = parseRange(rangeHeader, file.size);
  if (range === "unsatisfiable")
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${file.size}` } });

  let stream: Readable;
  try {
    stream = await fileStorage().get(file.storageKey, range ?? undefined);
  } catch (error) {
    if (!(error instanceof StorageObjectMissing)) throw error;
    // A row without bytes is our fault, not the visitor's: log it loudly, answer like any missing file.
    logger.error({ fileId: file.id, storageKey: file.storageKey }, "stored file has no bytes in storage");
    return notFound(locale);
  }
  const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  if (range) {
    return new Response(body, {
      status: 206,
      headers: {
        ...headers,
        "Content-Range": `bytes ${range.start}-${range.end}/${file.size}`,
        "Content-Length": String(range.end - range.start + 1),
      },
    });
  }
  return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(file.size) } });
}
