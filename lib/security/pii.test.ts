import { describe, expect, it } from "vitest";
import {
  fromStored,
  idNumberHash,
  masked,
  phoneHash,
  toStored,
  whereIdNumber,
  wherePhone,
} from "../accounts/identity-fields";
import { parseEnv } from "../env";
import { generateDataKey, parseDataKey } from "./data-key";
import { decryptPii, deriveKeys, encryptPii, isEncryptedPii, lookupHash, PiiDecryptError, PiiKeyError } from "./pii";

const KEY = deriveKeys(Buffer.alloc(32, 7));
const OTHER = deriveKeys(Buffer.alloc(32, 8));

describe("personal data encryption (AES-256-GCM)", () => {
  it("round-trips, in the versioned format, with a fresh IV every time", () => {
    const first = encryptPii("user.phone", "13800138000", KEY);
    const second = encryptPii("user.phone", "13800138000", KEY);
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(isEncryptedPii(first)).toBe(true);
    expect(first).not.toBe(second);
    expect(first).not.toContain("13800138000");
    expect(decryptPii("user.phone", first, KEY)).toBe("13800138000");
    expect(decryptPii("user.phone", second, KEY)).toBe("13800138000");
    expect(decryptPii("user.idNumber", encryptPii("user.idNumber", "中文 11010519491231002X", KEY), KEY)).toBe(
      "中文 11010519491231002X",
    );
  });

  it("detects any change to the IV, the tag or the ciphertext", () => {
    const stored = encryptPii("user.phone", "13800138000", KEY);
    const [version, iv, tag, body] = stored.split(":") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    for (const altered of [
      `${version}:${flip(iv)}:${tag}:${body}`,
      `${version}:${iv}:${flip(tag)}:${body}`,
      `${version}:${iv}:${tag}:${flip(body)}`,
    ]) {
      expect(() => decryptPii("user.phone", altered, KEY)).toThrow(PiiDecryptError);
    }
    expect(() => decryptPii("user.phone", `${version}:${iv}:${tag.slice(0, 10)}:${body}`, KEY)).toThrow(
      PiiDecryptError,
    );
    expect(() => decryptPii("user.phone", "13800138000", KEY)).toThrow(PiiDecryptError);
    expect(() => decryptPii("user.phone", `v2:${iv}:${tag}:${body}`, KEY)).toThrow(/key version v2/);
  });

  it("cannot be read with another key, or as another field, and never names the value in its error", () => {
    const stored = encryptPii("user.phone", "13800138000", KEY);
    expect(() => decryptPii("user.phone", stored, OTHER)).toThrow(PiiDecryptError);
    expect(() => decryptPii("user.idNumber", stored, KEY)).toThrow(PiiDecryptError);
    try {
      decryptPii("user.phone", stored, OTHER);
    } catch (error) {
      expect((error as Error).message).not.toContain("13800138000");
    }
  });

  it("derives distinct keys for encryption and lookup", () => {
    expect(KEY.encryption.equals(KEY.lookup)).toBe(false);
    expect(KEY.encryption.length).toBe(32);
    expect(deriveKeys(Buffer.alloc(32, 7)).lookup.equals(KEY.lookup)).toBe(true);
    expect(() => deriveKeys("too-short")).toThrow(PiiKeyError);
  });
});

describe("lookup hash (HMAC-SHA256)", () => {
  it("is stable for one key, differs between keys and fields, and is not the plain SHA-256", () => {
    const hash = lookupHash("user.phone", "13800138000", KEY);
    expect(lookupHash("user.phone", "13800138000", KEY)).toBe(hash);
    expect(lookupHash("user.phone", "13800138000", OTHER)).not.toBe(hash);
    expect(lookupHash("user.idNumber", "13800138000", KEY)).not.toBe(hash);
    expect(lookupHash("user.phone", "13800138001", KEY)).not.toBe(hash);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("hashes the normalised value: ID numbers with either x, phones with +86 and spaces", () => {
    expect(idNumberHash("11010519491231002x", KEY)).toBe(idNumberHash("11010519491231002X", KEY));
    expect(phoneHash("+86 138 0013 8000", KEY)).toBe(phoneHash("13800138000", KEY));
    expect(whereIdNumber(" 11010519491231002x", KEY)).toEqual({
      idNumberHash: idNumberHash("11010519491231002X", KEY),
    });
    expect(wherePhone("8613800138000", KEY)).toEqual({ phoneHash: phoneHash("13800138000", KEY) });
  });
});

describe("account identity fields", () => {
  it("store ciphertext and hashes, read back plaintext and masked values", () => {
    const stored = toStored({ idNumber: "11010519491231002x", phone: "+8613800138000" }, KEY);
    expect(JSON.stringify(stored)).not.toMatch(/13800138000|11010519491231002/);
    expect(stored.idNumberHash).toBe(idNumberHash("11010519491231002X", KEY));
    expect(stored.phoneHash).toBe(phoneHash("13800138000", KEY));
    expect(fromStored(stored, KEY)).toEqual({ idNumber: "11010519491231002X", phone: "13800138000" });
    expect(masked(stored, KEY)).toEqual({ idNumber: "110***********002X", phone: "138****8000" });
    expect(() => fromStored(stored, OTHER)).toThrow(PiiDecryptError);
  });

  it("leave out what is not given and clear what is null", () => {
    expect(toStored({ phone: "13800138000" }, KEY)).not.toHaveProperty("idNumberEncrypted");
    expect(toStored({ idNumber: null, phone: "" }, KEY)).toEqual({
      idNumberEncrypted: null,
      idNumberHash: null,
      phoneEncrypted: null,
      phoneHash: null,
    });
    expect(fromStored(null, KEY)).toEqual({ idNumber: null, phone: null });
  });
});

describe("ONEWINDOW_DATA_KEY", () => {
  it("accepts 32 bytes as base64, base64url or hex and names itself when wrong", () => {
    const key = generateDataKey();
    expect(parseDataKey(key)?.length).toBe(32);
    expect(parseDataKey(Buffer.alloc(32, 1).toString("base64"))?.length).toBe(32);
    expect(parseDataKey("ab".repeat(32))?.length).toBe(32);
    expect(parseDataKey(Buffer.alloc(16, 1).toString("base64"))).toBeNull();
    expect(parseDataKey("not a key!")).toBeNull();
    expect(parseEnv({ ONEWINDOW_DATA_KEY: key }).ONEWINDOW_DATA_KEY).toBe(key);
    expect(parseEnv({ ONEWINDOW_DATA_KEY: " " }).ONEWINDOW_DATA_KEY).toBeUndefined();
    expect(() => parseEnv({ ONEWINDOW_DATA_KEY: "short" })).toThrow(/ONEWINDOW_DATA_KEY/);
  });
});
