/**
 * The signed payload a certificate's QR code carries (issue 20), readable and checkable offline: a phone holding the
 * issuer's published keys (GET /api/v1/signing-keys) verifies it without reaching this server. The same code runs
 * on the server (lib/results/signing.ts) and in the browser (the verification page), so it uses no Node API.
 *
 * Token: `OW1.{keyId}.{payload}.{signature}`: the payload is base64url JSON of the licence's public facts, the
 * signature base64url of r‖s (64 bytes) over the ASCII bytes of `OW1.{keyId}.{payload}`, by ECDSA P-256 with SHA-256
 * (ES256) or SM2 with SM3 and the default user ID of GM/T 0009 (SM2-SM3). The holder's name is masked: the payload
 * proves what the certificate says without publishing who holds it.
 */

export const TOKEN_PREFIX = "OW1";
export const SIGNATURE_ALGORITHMS = ["ES256", "SM2-SM3"] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

/** What a certificate states, as signed. Dates are China dates (YYYY-MM-DD). */
export type LicencePayload = {
  /** Licence (certificate) number. */
  n: string;
  /** Name of the licence (the certificate's title). */
  t: string;
  /** Type code. */
  c: string;
  /** Holder's name, masked (王*明, 广安鑫源******公司). */
  h: string;
  /** Holder's code (a company's credit code), masked; absent for a person. */
  hc?: string;
  /** Issuer's name and code. */
  i: string;
  ic: string;
  /** Issued on, expires on (absent: no expiry). */
  d: string;
  e?: string;
};

/** A published verification key (JWK-style coordinates). */
export type PublishedKey = {
  kid: string;
  alg: SignatureAlgorithm;
  x: string;
  y: string;
  createdAt: string;
  retiredAt: string | null;
};

/** Masks a name for the payload: keeps the first and last character (or two of a long company name). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join("");
  if (chars.length === 2) return `${chars[0]}*`;
  const keep = chars.length >= 8 ? 4 : 1;
  const tail = chars.length >= 8 ? 2 : 1;
  return `${chars.slice(0, keep).join("")}${"*".repeat(Math.max(1, chars.length - keep - tail))}${chars.slice(-tail).join("")}`;
}

/** Masks a code (a credit code): the first 4 and the last 2 characters stay. */
export function maskCode(code: string): string {
  return code.length <= 6
    ? "*".repeat(code.length)
    : `${code.slice(0, 4)}${"*".repeat(code.length - 6)}${code.slice(-2)}`;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The part that is signed: `OW1.{keyId}.{payload}`. */
export function signingInput(keyId: string, payload: LicencePayload): string {
  return `${TOKEN_PREFIX}.${keyId}.${toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))}`;
}

export function tokenOf(input: string, signature: Uint8Array): string {
  return `${input}.${toBase64Url(signature)}`;
}

export type ParsedToken = { keyId: string; payload: LicencePayload; input: Uint8Array; signature: Uint8Array };

const KEY_ID = /^[A-Za-z0-9-]{1,40}$/;
const PART = /^[A-Za-z0-9_-]+$/;

/** Splits and decodes a token; null when it is not one (wrong shape, bad base64 or JSON, missing fields). */
export function parseToken(token: string): ParsedToken | null {
  if (token.length > 2000) return null;
  const parts = token.trim().split(".");
  if (parts.length !== 4 || parts[0] !== TOKEN_PREFIX) return null;
  const [, keyId, body, signature] = parts as [string, string, string, string];
  if (!KEY_ID.test(keyId) || !PART.test(body) || !PART.test(signature)) return null;
  try {
    const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as Partial<LicencePayload>;
    const fields = ["n", "t", "c", "h", "i", "ic", "d"] as const;
    if (!payload || typeof payload !== "object" || fields.some((field) => typeof payload[field] !== "string"))
      return null;
    const bytes = fromBase64Url(signature);
    if (bytes.length !== 64) return null;
    return {
      keyId,
      payload: payload as LicencePayload,
      input: new TextEncoder().encode(`${TOKEN_PREFIX}.${keyId}.${body}`),
      signature: bytes,
    };
  } catch {
    return null;
  }
}

/** What a check of a token found: valid with its payload, or why not. */
export type TokenCheck =
  | { ok: true; payload: LicencePayload; key: PublishedKey }
  | { ok: false; reason: "malformed" | "unknownKey" | "badSignature"; payload?: LicencePayload };

/**
 * Checks a token against the published keys with the given verifier (Node's crypto on the server, WebCrypto and
 * sm-crypto-v2 in the browser). A retired key still verifies what it signed before its retirement.
 */
export async function checkToken(
  token: string,
  keys: readonly PublishedKey[],
  verify: (key: PublishedKey, input: Uint8Array, signature: Uint8Array) => Promise<boolean>,
): Promise<TokenCheck> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: "malformed" };
  const key = keys.find((candidate) => candidate.kid === parsed.keyId);
  if (!key) return { ok: false, reason: "unknownKey", payload: parsed.payload };
  const good = await verify(key, parsed.input, parsed.signature).catch(() => false);
  return good
    ? { ok: true, payload: parsed.payload, key }
    : { ok: false, reason: "badSignature", payload: parsed.payload };
}
