import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import type { FilePurpose } from "../generated/prisma/enums";
import { logger } from "../logger";
import { fileStorage, newStorageKey } from "../storage";
import { stripImageMetadata } from "./images";
import { validateUpload } from "./validate";

export type StoredUpload = { fileId: string; sha256: string; size: number; contentType: string; name: string };

/**
 * Stores an upload: checks the actor may upload for the purpose, validates the bytes (type by content, size,
 * zip bombs), stores a PDF as rebuilt without active content (the audit entry names what was removed), strips
 * image metadata, hashes what is stored (SHA-256), writes it through the storage interface, then records the
 * StoredFile row and an audit entry in one transaction. The object is written first: if the database write
 * fails, the object is removed again; a crash in between leaves only an unreferenced object, never a row without
 * bytes.
 *
 * `ownerUserId` defaults to the actor; a department issuing a result document names its holder instead.
 */
export async function storeUpload({
  actor,
  purpose,
  name,
  bytes,
  ip = null,
  ownerUserId = actor.userId,
  maxBytes,
}: {
  actor: Actor;
  purpose: FilePurpose;
  name: string;
  bytes: Buffer;
  ip?: string | null;
  ownerUserId?: string;
  maxBytes?: number;
}): Promise<StoredUpload> {
  assertCan(actor, "file.upload", { kind: "fileUpload", purpose });
  const checked = await validateUpload({ purpose, name, bytes, maxBytes });
  // What is stored is what validation hands back (a PDF rebuilt without active content), never the upload itself.
  const stored =
    checked.kind === "jpeg" || checked.kind === "png"
      ? await stripImageMetadata(checked.bytes, checked.kind)
      : checked.bytes;
  const sha256 = createHash("sha256").update(stored).digest("hex");
  const id = randomUUID();
  const storageKey = newStorageKey(purpose);
  const storage = fileStorage();

  await storage.put(storageKey, stored, { contentType: checked.contentType });
  try {
    await db().$transaction(async (tx) => {
      await tx.storedFile.create({
        data: {
          id,
          purpose,
          ownerUserId,
          storageKey,
          sha256,
          size: stored.length,
          contentType: checked.contentType,
          originalName: checked.name,
        },
      });
      await recordAudit(tx, {
        actor: { userId: actor.userId, role: actor.role },
        action: "file.upload",
        objectType: "StoredFile",
        objectId: id,
        after: {
          purpose,
          name: checked.name,
          size: stored.length,
          contentType: checked.contentType,
          sha256,
          ownerUserId,
          ...(checked.removed.length > 0 ? { removed: checked.removed } : {}),
        },
        ip,
      });
    });
  } catch (error) {
    await storage
      .delete(storageKey)
      .catch((cleanup: unknown) => logger.warn({ err: cleanup, storageKey }, "could not remove an orphaned upload"));
    throw error;
  }
  return { fileId: id, sha256, size: stored.length, contentType: checked.contentType, name: checked.name };
}
