import "server-only";
import sharp from "sharp";
import { FileRejectedError } from "./errors";
import type { FileKind } from "./kinds";

/** Larger images are refused before decoding: a 40-megapixel scan is already more than any clerk needs. */
const MAX_PIXELS = 40_000_000;

/**
 * Removes every piece of metadata from a JPEG or PNG (EXIF with GPS position, camera serial, time taken; XMP;
 * PNG text chunks) by decoding and re-encoding the pixels. The EXIF orientation is applied first so the photo
 * still stands the right way up. Re-encoding also drops anything appended to or smuggled inside the image
 * (polyglot files). JPEG quality 90 keeps scans of documents legible.
 */
export async function stripImageMetadata(bytes: Buffer, kind: Extract<FileKind, "jpeg" | "png">): Promise<Buffer> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error" }).rotate();
    return kind === "jpeg"
      ? await image.jpeg({ quality: 90 }).toBuffer()
      : await image.png({ compressionLevel: 9 }).toBuffer();
  } catch {
    throw new FileRejectedError("files.errors.imageCorrupt");
  }
}
