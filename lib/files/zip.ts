import "server-only";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { FileRejectedError } from "./errors";

/**
 * Zip-bomb limits for office files (DOCX, XLSX, ODT, ODS are zip archives). A real form or sample is a few
 * dozen parts and at most tens of MB unpacked; XML compresses well, but not a thousand to one.
 */
export const ZIP_LIMITS = {
  maxEntries: 1000,
  maxTotalUncompressedBytes: 200 * 1024 * 1024,
  /** Uncompressed : compressed, checked once an entry (or the whole archive) unpacks to more than 1 MB. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
} as const;

type ZipLimits = { [Key in keyof typeof ZIP_LIMITS]: number };

/**
 * Checks an office file's zip structure: first the central directory (entry count, declared sizes and
 * ratios), then every entry is actually inflated and counted, because the directory's sizes are only claims.
 * Nothing is written anywhere; the inflated bytes are counted and dropped. Macro projects (vbaProject.bin) are
 * refused too.
 */
export async function checkZipArchive(bytes: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new FileRejectedError("files.errors.zipCorrupt");
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new FileRejectedError("files.errors.zipTooManyEntries", { max: limits.maxEntries });
  }
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch {
    zip.close();
    throw new FileRejectedError("files.errors.zipCorrupt");
  }

  const declaredTotal = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  const bomb = () => {
    zip.close();
    return new FileRejectedError("files.errors.zipBomb");
  };
  if (declaredTotal > limits.maxTotalUncompressedBytes) throw bomb();
  if (declaredTotal > limits.ratioFloorBytes && declaredTotal / Math.max(1, bytes.length) > limits.maxRatio)
    throw bomb();
  for (const entry of entries) {
    if (
      entry.uncompressedSize > limits.ratioFloorBytes &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio
    )
      throw bomb();
    if (/(^|\/)vbaProject\.bin$/i.test(entry.fileName)) {
      zip.close();
      throw new FileRejectedError("files.errors.macros");
    }
  }

  let actualTotal = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith("/")) continue;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        actualTotal += chunk.length;
        if (actualTotal > limits.maxTotalUncompressedBytes) {
          stream.destroy();
          throw bomb();
        }
      }
    } catch (error) {
      if (error instanceof FileRejectedError) throw error;
      zip.close();
      // yauzl stops an entry that inflates to more than its header claimed: a lying header is a bomb.
      if (error instanceof Error && /too many bytes/.test(error.message))
        throw new FileRejectedError("files.errors.zipBomb");
      throw new FileRejectedError("files.errors.zipCorrupt");
    }
  }
  zip.close();
  if (actualTotal > limits.ratioFloorBytes && actualTotal / Math.max(1, bytes.length) > limits.maxRatio)
    throw new FileRejectedError("files.errors.zipBomb");
}
