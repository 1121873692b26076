import { randomBytes } from "node:crypto";

/**
 * The data key (ONEWINDOW_DATA_KEY) as text: 32 bytes written as base64, base64url or 64 hex digits. Kept apart
 * from lib/security/pii.ts so lib/env.ts can validate it without importing the encryption module.
 */
export function parseDataKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? bytes : null;
}

/** A new random data key, base64url (what scripts/start.ts writes to $ONEWINDOW_DATA_DIR/data-key). */
export function generateDataKey(): string {
  return randomBytes(32).toString("base64url");
}
