import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";
import { parseDataKey } from "./data-key";

/**
 * Application-level encryption of personal data at rest (issue 8): ID numbers and phone numbers are stored as
 * AES-256-GCM ciphertext and found through a keyed hash (HMAC-SHA256) of the normalised value, so the database,
 * its backups and anyone reading them hold no plaintext and no unkeyed hash that could be brute-forced over the
 * small space of phone numbers.
 *
 * One secret (ONEWINDOW_DATA_KEY, 32 bytes) is expanded with HKDF-SHA256 into two independent keys, one per
 * purpose (encryption, lookup hash). Ciphertext is `v1:<iv>:<tag>:<ciphertext>`, each part base64url; the version
 * names the key generation, so a later key can be added beside this one and old values re-encrypted in the
 * background. The field name (e.g. "user.idNumber") is bound as additional authenticated data, so a value copied
 * into another column does not decrypt, and it separates the hash domains of different fields.
 *
 * Plain TypeScript without `server-only`: the seed, the migration backfill and scripts use it outside Next.js.
 * Nothing here logs a value.
 */

export const PII_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type PiiKeys = { version: typeof PII_VERSION; encryption: Buffer; lookup: Buffer };

export class PiiKeyError extends Error {}
export class PiiDecryptError extends Error {}

/** The two purpose keys derived from one data key. */
export function deriveKeys(dataKey: string | Buffer): PiiKeys {
  const secret = typeof dataKey === "string" ? parseDataKey(dataKey) : dataKey;
  if (!secret || secret.length !== 32)
    throw new PiiKeyError("ONEWINDOW_DATA_KEY must be 32 bytes (base64, base64url or 64 hex digits)");
  const derive = (info: string) =>
    Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `onewindow/pii/${PII_VERSION}/${info}`, 32));
  return { version: PII_VERSION, encryption: derive("aes-256-gcm"), lookup: derive("hmac-sha256-lookup") };
}

let override: PiiKeys | undefined;
let fromEnv: PiiKeys | undefined;

/**
 * The keys in use: from ONEWINDOW_DATA_KEY (validated by lib/env.ts), or the key a start script handed over with
 * `setDataKey` (scripts/start.ts generates one into the data folder when the variable is unset).
 */
export function piiKeys(): PiiKeys {
  if (override) return override;
  if (fromEnv) return fromEnv;
  const configured = env().ONEWINDOW_DATA_KEY;
  if (!configured) {
    throw new PiiKeyError(
      "ONEWINDOW_DATA_KEY is not set: personal data cannot be encrypted or read (npm start generates one into $ONEWINDOW_DATA_DIR/data-key)",
    );
  }
  fromEnv = deriveKeys(configured);
  return fromEnv;
}

/** Makes this process use `dataKey` (scripts that resolved the key themselves). `undefined` returns to the environment's. */
export function setDataKey(dataKey: string | undefined): void {
  override = dataKey === undefined ? undefined : deriveKeys(dataKey);
}

const b64 = (bytes: Buffer) => bytes.toString("base64url");

/** Encrypts `plaintext` for the field `field` (e.g. "user.phone"): `v1:<iv>:<tag>:<ciphertext>`. */
export function encryptPii(field: string, plaintext: string, keys: PiiKeys = piiKeys()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(field, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${keys.version}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(body)}`;
}

/** True when `value` has the shape of a stored ciphertext (not proof that it decrypts). */
export function isEncryptedPii(value: string): boolean {
  return /^v\d+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*$/.test(value);
}

/** Decrypts a value written by `encryptPii` for the same field; throws PiiDecryptError when it was altered or the key is wrong. */
export function decryptPii(field: string, stored: string, keys: PiiKeys = piiKeys()): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || !isEncryptedPii(stored)) throw new PiiDecryptError(`${field}: not an encrypted value`);
  const [version, iv, tag, body] = parts as [string, string, string, string];
  if (version !== keys.version)
    throw new PiiDecryptError(`${field}: encrypted with key version ${version}, this key is ${keys.version}`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", keys.encryption, Buffer.from(iv, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(field, "utf8"));
    const tagBytes = Buffer.from(tag, "base64url");
    if (tagBytes.length !== TAG_BYTES) throw new Error("tag length");
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // The cause (OpenSSL's "unable to authenticate data") says nothing more; the value never reaches the message.
    throw new PiiDecryptError(`${field}: cannot be decrypted (altered, or another key)`);
  }
}

/** Keyed hash of an already normalised value for `field`: equal values give equal hashes under one key only. */
export function lookupHash(field: string, normalised: string, keys: PiiKeys = piiKeys()): string {
  return createHmac("sha256", keys.lookup)
    .update(field, "utf8")
    .update("\u0000")
    .update(normalised, "utf8")
    .digest("base64url");
}
