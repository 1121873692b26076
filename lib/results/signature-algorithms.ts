import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { sm2 } from "sm-crypto-v2";
import type { PublishedKey, SignatureAlgorithm } from "./signed-payload";

/**
 * The two result-signature algorithms on the server. ES256 uses Node's OpenSSL. SM2 uses sm-crypto-v2: OpenSSL here
 * has the SM2 curve and SM3, but Node signs with an SM2-curve key as plain ECDSA and cannot set the SM2 user ID, so
 * its signatures are not SM2 signatures (GB/T 32918.2); sm-crypto-v2 (on @noble/curves) computes Z with the GM/T 0009
 * default user ID 1234567812345678. Both give r‖s, 64 bytes.
 */

export type KeyMaterial = {
  algorithm: SignatureAlgorithm;
  x: string;
  y: string;
  /** PKCS#8 PEM (ES256) or the hex scalar (SM2). */ secret: string;
};

const hexToB64u = (hex: string) => Buffer.from(hex, "hex").toString("base64url");
const b64uToHex = (text: string) => Buffer.from(text, "base64url").toString("hex");

export function generateKeyMaterial(algorithm: SignatureAlgorithm): KeyMaterial {
  if (algorithm === "SM2-SM3") {
    const pair = sm2.generateKeyPairHex();
    // Uncompressed point: 04 ‖ x ‖ y.
    return {
      algorithm,
      x: hexToB64u(pair.publicKey.slice(2, 66)),
      y: hexToB64u(pair.publicKey.slice(66, 130)),
      secret: pair.privateKey,
    };
  }
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  return {
    algorithm,
    x: String(jwk.x),
    y: String(jwk.y),
    secret: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

export function signBytes(key: KeyMaterial, input: Uint8Array): Uint8Array {
  if (key.algorithm === "SM2-SM3")
    return Uint8Array.from(Buffer.from(sm2.doSignature(input, key.secret, { hash: true }), "hex"));
  return new Uint8Array(sign("sha256", input, { key: createPrivateKey(key.secret), dsaEncoding: "ieee-p1363" }));
}

export function verifyBytes(
  key: Pick<PublishedKey, "alg" | "x" | "y">,
  input: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  if (key.alg === "SM2-SM3")
    return sm2.doVerifySignature(
      input,
      Buffer.from(signature).toString("hex"),
      `04${b64uToHex(key.x)}${b64uToHex(key.y)}`,
      { hash: true },
    );
  const publicKey = createPublicKey({ key: { kty: "EC", crv: "P-256", x: key.x, y: key.y }, format: "jwk" });
  return verify("sha256", input, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature);
}
