import "server-only";
import { constants, inflateSync } from "node:zlib";
import { FileRejectedError } from "./errors";

/**
 * PDF actions that run code or programs when the file is opened: `/JavaScript` and `/JS` (scripts), `/Launch`
 * (start a program or open another file). A clerk opening an applicant's PDF must not run anything, so such
 * files are refused, with a message saying why and how to make a clean copy ("print to PDF").
 */
const ACTIVE_NAMES = new Set(["JavaScript", "JS", "Launch"]);

/** Inflate budget for compressed object streams, where names can hide from a plain byte scan. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** PDF names may spell characters as `#xx` (`/J#61vaScript` is `/JavaScript`); decode before comparing. */
function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function findActiveName(text: string): string | null {
  for (const match of text.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    const name = decodeName(match[1] ?? "");
    if (ACTIVE_NAMES.has(name)) return name;
  }
  return null;
}

/**
 * Refuses PDFs with script or launch actions, looking at the file's own bytes and inside its compressed object
 * streams (/ObjStm, where PDF 1.5+ keeps most dictionaries). Encrypted PDFs are refused as well: their object
 * streams cannot be inspected, and a clerk could not open them without the password anyway.
 */
export function checkPdf(bytes: Buffer): void {
  const text = bytes.toString("latin1");
  const direct = findActiveName(text);
  if (direct) throw new FileRejectedError("files.errors.pdfActive", { action: direct });
  if (/\/Encrypt\b/.test(text)) throw new FileRejectedError("files.errors.pdfEncrypted");

  let budget = MAX_INFLATED_BYTES;
  for (const match of text.matchAll(/\/Type\s*\/ObjStm\b/g)) {
    const streamAt = text.indexOf("stream", match.index);
    if (streamAt < 0) continue;
    const dictionary = text.slice(Math.max(0, text.lastIndexOf("obj", match.index)), streamAt);
    if (!/\/FlateDecode\b/.test(dictionary)) continue;
    let start = streamAt + "stream".length;
    if (text[start] === "\r") start += 1;
    if (text[start] === "\n") start += 1;
    const end = text.indexOf("endstream", start);
    if (end < 0) continue;
    let inflated: Buffer;
    try {
      // Sync flush: a stream cut short still yields what it holds instead of failing.
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      // A stream that inflates past the budget is a bomb; a broken one simply cannot hide anything readable.
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new FileRejectedError("files.errors.zipBomb");
      continue;
    }
    budget -= inflated.length;
    const hidden = findActiveName(inflated.toString("latin1"));
    if (hidden) throw new FileRejectedError("files.errors.pdfActive", { action: hidden });
  }
}
