import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { env } from "../env";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage } from "./s3";
import type { FileStorage } from "./types";

export { LocalDiskStorage } from "./local-disk";
export { S3Storage } from "./s3";
export { type ByteRange, type FileStorage, StorageObjectMissing } from "./types";

let current: FileStorage | undefined;

/** The configured storage: S3-compatible when S3_* are set, otherwise `${ONEWINDOW_DATA_DIR}/files`. */
export function fileStorage(): FileStorage {
  if (!current) {
    const config = env();
    current =
      config.S3_ENDPOINT && config.S3_BUCKET && config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? new S3Storage({
            endpoint: config.S3_ENDPOINT,
            bucket: config.S3_BUCKET,
            accessKeyId: config.S3_ACCESS_KEY_ID,
            secretAccessKey: config.S3_SECRET_ACCESS_KEY,
            region: config.S3_REGION,
            forcePathStyle: config.S3_FORCE_PATH_STYLE,
          })
        : new LocalDiskStorage(path.resolve(config.ONEWINDOW_DATA_DIR, "files"));
  }
  return current;
}

/** Replaces the storage for this process (tests point it at a temporary folder or a local S3 server). */
export function setFileStorage(storage: FileStorage | undefined): void {
  current = storage;
}

/**
 * A fresh key for a new object: what it is for, the month, and a random UUID. Nothing a user sent is in it.
 * The month spreads files over folders on local disk and makes lifecycle rules easy in object storage.
 */
export function newStorageKey(purpose: string, now = new Date()): string {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  return `${purpose.toLowerCase().replace(/_/g, "-")}/${month}/${randomUUID()}`;
}
