import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { constants, inflateRawSync } from "node:zlib";
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFObjectStreamParser,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  PDFHexString,
  PDFWriter,
  PDFXRefStreamParser,
} from "@cantoo/pdf-lib";
import { FileRejectedError } from "./errors";

/**
 * Uploaded PDFs are rebuilt, not scanned: clerks open them in desktop readers, and a byte scan cannot see what a
 * reader sees (names spelt `/J#61vaScript`, object streams behind any filter chain, xref streams, incremental
 * updates). So the file is parsed into objects with @cantoo/pdf-lib, everything that can act when the file is
 * opened or clicked is removed from that object graph, objects no longer reachable from the catalog are dropped,
 * and a new file is written from what is left (classic xref table, no object streams). Nothing of the upload is
 * copied through unparsed except the data of ordinary streams (page contents, images, fonts); what a reader could
 * see differently from our parser is never stored. What cannot be parsed is refused, never passed.
 *
 * The stored file is the rebuilt one, also when nothing was removed: that is what closes parser differentials
 * (an xref pointing a reader at an object our parser never saw). A consequence: digital signatures in an
 * uploaded PDF no longer verify after the rebuild (the visible content stays the same).
 */

/** Keys whose value runs or brings in something, wherever they stand; the label is what the audit log names. */
const ACTIVE_KEYS = new Map<PDFName, string>(
  [
    ["OpenAction", "OpenAction"], // catalog: action on opening (a GoTo too: dropped rather than told apart)
    ["AA", "AA"], // additional actions: catalog, pages, annotations, form fields
    ["JS", "JavaScript"], // the script of a JavaScript or Rendition action
    ["JavaScript", "JavaScript"], // /Names /JavaScript: document-level scripts
    ["EmbeddedFiles", "EmbeddedFiles"], // /Names /EmbeddedFiles: attachments
    ["EF", "EmbeddedFile"], // a file specification's embedded file streams
    ["RF", "EmbeddedFile"], // related files of an embedded file
    ["AF", "EmbeddedFile"], // PDF 2.0 associated files
    ["XFA", "XFA"], // /AcroForm /XFA: XML forms with their own scripting
    ["NeedsRendering", "XFA"],
    ["AlternatePresentations", "AlternatePresentations"], // slide shows that may carry scripts
    ["OnInstantiate", "JavaScript"], // 3D artwork scripts
  ].map(([key, label]) => [PDFName.of(key as string), label as string]),
);

/** Action types a hardened reader configuration blocks: scripts, programs, other files, form posting. */
const ACTIVE_ACTIONS = new Set(
  [
    "JavaScript",
    "Launch",
    "ImportData",
    "SubmitForm",
    "ResetForm",
    "GoToR",
    "GoToE",
    "Rendition",
    "RichMediaExecute",
    "Sound",
    "Movie",
  ].map((name) => PDFName.of(name)),
);

/** Annotations that carry files or media players (which embed files and scripts of their own). */
const ACTIVE_ANNOTATIONS = new Set(
  ["FileAttachment", "RichMedia", "Screen", "Movie", "Sound", "3D"].map((name) => PDFName.of(name)),
);

/** Links may open web pages and write e-mails; any other scheme (file:, javascript:, smb:) is removed. */
const SAFE_URI = /^(https?:|mailto:)/i;

const NAME = {
  Type: PDFName.of("Type"),
  Subtype: PDFName.of("Subtype"),
  S: PDFName.of("S"),
  URI: PDFName.of("URI"),
  EmbeddedFile: PDFName.of("EmbeddedFile"),
  ObjStm: PDFName.of("ObjStm"),
  XRef: PDFName.of("XRef"),
  Pages: PDFName.of("Pages"),
  Kids: PDFName.of("Kids"),
  Filter: PDFName.of("Filter"),
  DecodeParms: PDFName.of("DecodeParms"),
  Predictor: PDFName.of("Predictor"),
  FlateDecode: PDFName.of("FlateDecode"),
};

/** Filters pdf-lib decodes itself; Flate is decoded here instead, with a size limit (see decodeWithBudget). */
const LIBRARY_FILTERS = new Set(
  ["LZWDecode", "ASCII85Decode", "ASCIIHexDecode", "RunLengthDecode"].map((name) => PDFName.of(name)),
);

/** Decompression budget for object and xref streams of one file: more is a decompression bomb. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

export type SanitisedPdf = {
  /** The rebuilt file: what is stored and served. */
  bytes: Buffer;
  /** What was removed, by kind (`OpenAction`, `JavaScript`, `Launch`, `EmbeddedFile`, `XFA` …), for the audit log. */
  removed: string[];
  pages: number;
};

type ParseState = {
  left: number;
  bomb: boolean;
  undecodable: boolean;
  deadline: number;
  interned: number;
  tooComplex: boolean;
};
/** Shared through globalThis: a module re-evaluated in development must find the guards installed by the first. */
const parseState: AsyncLocalStorage<ParseState> = ((globalThis as { [key: symbol]: unknown })[
  Symbol.for("onewindow.pdf.parseState")
] ??= new AsyncLocalStorage<ParseState>()) as AsyncLocalStorage<ParseState>;

/** Parsing a hostile file must end: pdf-lib's recovery can rescan the rest of the file for every broken object. */
const PARSE_TIME_LIMIT_MS = 10_000;

/**
 * pdf-lib keeps every distinct name and object reference it ever parsed in process-wide pools that are never
 * emptied, so a file made of millions of distinct names would hold hundreds of megabytes for good. Files that
 * bring more new ones than this are refused (an ordinary document has a few thousand names and one reference per
 * object, mostly already pooled by earlier files); what one file can leave behind stays a few tens of megabytes.
 */
const MAX_NEW_INTERNED = 150_000;

class Undecodable extends Error {}

function filtersOf(dict: PDFDict): { filters: PDFName[]; parms: (PDFDict | undefined)[] } {
  const filter = dict.lookup(NAME.Filter);
  const parms = dict.lookup(NAME.DecodeParms);
  if (filter === undefined) return { filters: [], parms: [] };
  if (filter instanceof PDFName) return { filters: [filter], parms: [parms instanceof PDFDict ? parms : undefined] };
  if (!(filter instanceof PDFArray)) throw new Undecodable();
  const filters = filter.asArray().map((_, index) => filter.lookup(index));
  if (!filters.every((name): name is PDFName => name instanceof PDFName)) throw new Undecodable();
  return {
    filters,
    parms: filters.map((_, index) => (parms instanceof PDFArray ? parms.lookupMaybe(index, PDFDict) : undefined)),
  };
}

function tooLarge(state: ParseState): never {
  state.bomb = true;
  throw new Undecodable();
}

/**
 * Decodes an object stream within the file's remaining budget, through any chain of the five standard filters.
 * Flate goes through zlib with `maxOutputLength` (pdf-lib's inflater decodes a whole deflate block at once,
 * however large); LZW, ASCII85, ASCIIHex and RunLength through pdf-lib, read in chunks. Predictors (PNG/TIFF)
 * and any other filter (Crypt, image codecs, abbreviations such as /AHx) are not decoded: such a file is refused.
 */
function decodeWithBudget(stream: PDFRawStream, state: ParseState): Uint8Array {
  const { filters, parms } = filtersOf(stream.dict);
  let data: Uint8Array = stream.contents;
  for (const [index, filter] of filters.entries()) {
    const parm = parms[index];
    const predictor = parm?.lookup(NAME.Predictor);
    if (predictor !== undefined && !(predictor instanceof PDFNumber && predictor.asNumber() <= 1))
      throw new Undecodable();
    if (filter === NAME.FlateDecode) {
      // A zlib header (CMF, FLG), then raw deflate; the Adler-32 at the end is not checked, as readers do not.
      const [cmf = 0, flg = 0] = data;
      if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0) throw new Undecodable();
      try {
        data = inflateRawSync(data.subarray(2), {
          maxOutputLength: Math.max(1, state.left),
          finishFlush: constants.Z_SYNC_FLUSH,
        });
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") tooLarge(state);
        throw new Undecodable();
      }
    } else if (LIBRARY_FILTERS.has(filter)) {
      const single = stream.dict.context.obj({ Filter: filter, ...(parm ? { DecodeParms: parm } : {}) });
      const decoder = decodePDFRawStream(PDFRawStream.of(single, data));
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (let chunk = decoder.getBytes(64 * 1024); chunk.length > 0; chunk = decoder.getBytes(64 * 1024)) {
        chunks.push(Uint8Array.from(chunk));
        total += chunk.length;
        if (total > state.left) tooLarge(state);
      }
      data = Buffer.concat(chunks);
    } else {
      throw new Undecodable();
    }
    if (data.length > state.left) tooLarge(state);
  }
  state.left -= data.length;
  return data;
}

function withoutFilters(dict: PDFDict): PDFDict {
  const plain = dict.clone();
  plain.delete(NAME.Filter);
  plain.delete(NAME.DecodeParms);
  return plain;
}

/**
 * pdf-lib decodes object streams while parsing, with no size limit, and reads every entry of an xref stream
 * (up to its /Size, however large), which it then does not use. During sanitisePdf only (the state lives in an
 * AsyncLocalStorage, so other users of the library are untouched), object streams are decoded by
 * decodeWithBudget, and xref streams only lend their trailer entries (/Root, /Info, /Encrypt, /ID, /Size).
 * The parser swallows what is thrown here (the object is kept as "invalid"), hence the flags on the state.
 */
const GUARDED = Symbol.for("onewindow.pdf.parserGuards");

function installParserGuards(): void {
  type ObjectStreams = {
    forStream: (stream: PDFRawStream, tick?: () => boolean) => PDFObjectStreamParser;
    [GUARDED]?: true;
  };
  type XrefStreams = { forStream: (stream: PDFRawStream) => { parseIntoContext(): unknown } };
  const objectStreams = PDFObjectStreamParser as unknown as ObjectStreams;
  const xrefStreams = PDFXRefStreamParser as unknown as XrefStreams;
  if (objectStreams[GUARDED]) return;
  objectStreams[GUARDED] = true;

  const interned = new Set<string>();
  const counted =
    <A extends unknown[], R>(of: (...args: A) => R, key: (...args: A) => string) =>
    (...args: A): R => {
      const state = parseState.getStore();
      if (state && !interned.has(key(...args))) {
        if (state.interned >= MAX_NEW_INTERNED) {
          state.tooComplex = true;
          throw new Undecodable();
        }
        state.interned += 1;
        interned.add(key(...args));
      }
      return of(...args);
    };
  PDFName.of = counted(PDFName.of, (name: string) => `/${name}`);
  PDFRef.of = counted(PDFRef.of, (objectNumber: number, generationNumber = 0) => `${objectNumber} ${generationNumber}`);

  const parseObjectStream = objectStreams.forStream;
  objectStreams.forStream = (stream, tick) => {
    const state = parseState.getStore();
    if (!state) return parseObjectStream(stream, tick);
    let decoded: Uint8Array;
    try {
      decoded = decodeWithBudget(stream, state);
    } catch (error) {
      state.undecodable = true;
      throw error;
    }
    return parseObjectStream(PDFRawStream.of(withoutFilters(stream.dict), decoded), tick);
  };

  const parseXrefStream = xrefStreams.forStream;
  xrefStreams.forStream = (stream) => {
    if (!parseState.getStore()) return parseXrefStream(stream);
    return {
      parseIntoContext: () => {
        const { dict } = stream;
        const previous = dict.context.trailerInfo;
        const size = dict.lookup(PDFName.of("Size"));
        dict.context.trailerInfo = {
          Size: size instanceof PDFNumber ? size : previous.Size,
          Root: dict.get(PDFName.of("Root")) ?? previous.Root,
          Encrypt: dict.get(PDFName.of("Encrypt")) ?? previous.Encrypt,
          Info: dict.get(PDFName.of("Info")) ?? previous.Info,
          ID: dict.get(PDFName.of("ID")) ?? previous.ID,
        };
        return [];
      },
    };
  };
}
installParserGuards();

async function parse(bytes: Uint8Array): Promise<PDFContext> {
  const state: ParseState = {
    left: MAX_DECODED_BYTES,
    bomb: false,
    undecodable: false,
    deadline: Date.now() + PARSE_TIME_LIMIT_MS,
    interned: 0,
    tooComplex: false,
  };
  const parser = PDFParser.forBytesWithOptions(bytes, 200);
  // The parser asks this after every object (and yields to the event loop every 200): the place to stop it.
  const ticks = parser as unknown as { shouldWaitForTick: () => boolean };
  const shouldWaitForTick = ticks.shouldWaitForTick;
  ticks.shouldWaitForTick = () => {
    if (Date.now() > state.deadline) {
      state.tooComplex = true;
      throw new Error("PDF parse time limit");
    }
    return shouldWaitForTick();
  };
  let context: PDFContext;
  try {
    context = await parseState.run(state, () => parser.parseDocument());
  } catch {
    // No header, a stalled parser, a stack overflow on absurd nesting, the limits above: all "cannot be read".
    throw new FileRejectedError(state.bomb ? "files.errors.zipBomb" : "files.errors.pdfUnreadable");
  }
  if (state.bomb) throw new FileRejectedError("files.errors.zipBomb");
  // Encrypted strings and streams cannot be checked, and staff could not open the file without its password.
  if (context.trailerInfo.Encrypt !== undefined) throw new FileRejectedError("files.errors.pdfEncrypted");
  const invalid = context.enumerateIndirectObjects().some(([, object]) => object instanceof PDFInvalidObject);
  if (state.undecodable || state.tooComplex || invalid) throw new FileRejectedError("files.errors.pdfUnreadable");
  return context;
}

function dictOf(object: PDFObject | undefined): PDFDict | null {
  if (object instanceof PDFDict) return object;
  if (object instanceof PDFStream) return object.dict;
  return null;
}

function text(value: PDFObject | undefined): string | null {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return null;
}

/** Why an object must go as a whole (an active action, a file attachment or media annotation, an embedded file). */
function activeObject(object: PDFObject | undefined): string | null {
  const dict = dictOf(object);
  if (!dict) return null;
  const type = dict.lookup(NAME.Type);
  if (type === NAME.EmbeddedFile) return "EmbeddedFile";
  const action = dict.lookup(NAME.S);
  if (action instanceof PDFName && ACTIVE_ACTIONS.has(action)) return action.decodeText();
  if (action === NAME.URI && !SAFE_URI.test((text(dict.lookup(NAME.URI)) ?? "").trim())) return "URI";
  const subtype = dict.lookup(NAME.Subtype);
  if (subtype instanceof PDFName && ACTIVE_ANNOTATIONS.has(subtype) && !(object instanceof PDFStream))
    return subtype.decodeText();
  return null;
}

/**
 * Finds active content in every object of a parsed file; with `remove`, takes it out: keys of ACTIVE_KEYS,
 * references to and direct copies of active objects (from dictionaries and arrays: /A, /Next, /Annots …), and
 * the active indirect objects themselves. Returns the labels of what was found.
 */
function scrub(context: PDFContext, remove: boolean): Set<string> {
  const found = new Set<string>();
  const activeRefs = new Map<PDFRef, string>();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const why = activeObject(object);
    if (why) activeRefs.set(ref, why);
  }
  const activeValue = (value: PDFObject) =>
    value instanceof PDFRef ? (activeRefs.get(value) ?? null) : activeObject(value);

  const walk = (value: PDFObject): void => {
    if (value instanceof PDFArray) {
      for (let index = value.size() - 1; index >= 0; index--) {
        const element = value.get(index);
        const why = activeValue(element);
        if (why) {
          found.add(why);
          if (remove) value.remove(index);
        } else if (!(element instanceof PDFRef)) {
          walk(element);
        }
      }
      return;
    }
    const dict = dictOf(value);
    if (!dict) return;
    for (const [key, element] of dict.entries()) {
      const why = ACTIVE_KEYS.get(key) ?? activeValue(element);
      if (why) {
        found.add(why);
        if (remove) dict.delete(key);
      } else if (!(element instanceof PDFRef)) {
        walk(element);
      }
    }
  };

  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const why = activeRefs.get(ref);
    if (why) {
      found.add(why);
      if (remove) context.delete(ref);
    } else {
      walk(object);
    }
  }
  const { Root, Info, ID } = context.trailerInfo;
  for (const value of [Root, Info, ID]) if (value && !(value instanceof PDFRef)) walk(value);
  return found;
}

/**
 * The trailer the new file gets: the catalog by reference (a direct catalog is not valid PDF, and readers differ
 * on it), the document information only by reference, the file identifier only as an array of strings.
 */
function checkTrailer(context: PDFContext): void {
  const { Root, Info, ID } = context.trailerInfo;
  if (!(Root instanceof PDFRef) || !(context.lookup(Root) instanceof PDFDict))
    throw new FileRejectedError("files.errors.pdfUnreadable");
  if (!(Info instanceof PDFRef && context.lookup(Info) instanceof PDFDict)) delete context.trailerInfo.Info;
  if (!(
    ID instanceof PDFArray && ID.asArray().every((part) => part instanceof PDFHexString || part instanceof PDFString)
  ))
    delete context.trailerInfo.ID;
}

function isObjectOrXrefStream(object: PDFObject): boolean {
  const type = dictOf(object)?.lookup(NAME.Type);
  return object instanceof PDFStream && (type === NAME.ObjStm || type === NAME.XRef);
}

/** Drops every object not reachable from the trailer (Root, Info), and the source's object and xref streams. */
function dropUnreachable(context: PDFContext): void {
  for (const [ref, object] of context.enumerateIndirectObjects()) if (isObjectOrXrefStream(object)) context.delete(ref);
  const reached = new Set<PDFRef>();
  const pending: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter(
    (value): value is PDFObject => value !== undefined,
  );
  while (pending.length > 0) {
    const value = pending.pop()!;
    if (value instanceof PDFRef) {
      if (reached.has(value)) continue;
      reached.add(value);
      const target = context.lookup(value);
      if (target) pending.push(target);
    } else if (value instanceof PDFArray) {
      for (const element of value.asArray()) pending.push(element);
    } else {
      for (const element of dictOf(value)?.values() ?? []) pending.push(element);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref)) context.delete(ref);
  // The new trailer's /Size: one more than the highest object number written.
  context.largestObjectNumber = [...reached].reduce((largest, ref) => Math.max(largest, ref.objectNumber), 0);
}

/** The number of pages in the catalog's page tree (cycles and dead ends count nothing). */
function countPages(context: PDFContext): number {
  const catalog = dictOf(context.lookup(context.trailerInfo.Root));
  const seen = new Set<PDFDict>();
  const count = (node: PDFObject | undefined): number => {
    const dict = dictOf(node instanceof PDFRef ? context.lookup(node) : node);
    if (!dict || seen.has(dict)) return 0;
    seen.add(dict);
    const kids = dict.lookup(NAME.Kids);
    if (!(kids instanceof PDFArray)) return dict.lookup(NAME.Type) === PDFName.of("Page") ? 1 : 0;
    return kids.asArray().reduce((total: number, kid) => total + count(kid), 0);
  };
  return catalog ? count(catalog.get(NAME.Pages)) : 0;
}

/**
 * Parses an uploaded PDF, removes active content (open and additional actions, JavaScript, launch, import,
 * submit/reset-form, remote go-to and media actions, non-web links, embedded and attached files, XFA forms) and
 * writes the file anew. Refuses, with a FileRejectedError, what cannot be parsed or decoded (pdfUnreadable),
 * encrypted files (pdfEncrypted) and decompression bombs (zipBomb). The result is parsed again and checked: if
 * anything active were still found, the file is refused (pdfActive) rather than stored.
 */
export async function sanitisePdf(bytes: Buffer): Promise<SanitisedPdf> {
  try {
    const context = await parse(bytes);
    checkTrailer(context);
    const removed = scrub(context, true);
    dropUnreachable(context);
    const pages = countPages(context);
    if (pages === 0) throw new FileRejectedError("files.errors.pdfUnreadable");
    const rebuilt = Buffer.from(await PDFWriter.forContext(context, 500).serializeToBuffer());

    const check = await parse(rebuilt);
    const left = [...scrub(check, false)];
    if (check.enumerateIndirectObjects().some(([, object]) => isObjectOrXrefStream(object))) left.push("ObjStm");
    if (left.length > 0) throw new FileRejectedError("files.errors.pdfActive", { action: left[0]! });
    if (countPages(check) !== pages) throw new FileRejectedError("files.errors.pdfUnreadable");

    return { bytes: rebuilt, removed: [...removed].sort(), pages };
  } catch (error) {
    // Anything else (a stack overflow on absurd nesting, a library error) is a file we could not read.
    if (error instanceof FileRejectedError) throw error;
    throw new FileRejectedError("files.errors.pdfUnreadable");
  }
}
