import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertValidKey, type ByteRange, type FileStorage, StorageObjectMissing } from "./types";

/**
 * Files on local disk under one folder (by default `${ONEWINDOW_DATA_DIR}/files`). A write goes to a temporary
 * file beside its target and is renamed into place, which is atomic on one file system: a crash leaves at most
 * a stray `.tmp-*` file, never a truncated object under a real key. Suits one instance; several instances need
 * a shared folder or S3-compatible storage.
 */
export class LocalDiskStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathFor(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  /** The content type is not kept on disk: the StoredFile row holds it. */
  async put(key: string, body: Uint8Array | Readable): Promise<void> {
    const target = this.pathFor(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${randomBytes(6).toString("hex")}`;
    try {
      if (body instanceof Readable) await pipeline(body, createWriteStream(temporary, { flags: "wx", mode: 0o600 }));
      else await writeFile(temporary, body, { flag: "wx", mode: 0o600, flush: true });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathFor(key);
    if (!(await this.exists(key))) throw new StorageObjectMissing(key);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathFor(key);
    try {
      await access(file);
      return true;
    } catch {
      return false;
    }
  }
}
