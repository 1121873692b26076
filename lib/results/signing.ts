import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit";
import { chinaToday } from "../calendar/china-time";
import { db } from "../db/client";
import { env } from "../env";
import { isUniqueViolation } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { decryptPii, encryptPii } from "../security/pii";
import { generateKeyMaterial, type KeyMaterial, signBytes, verifyBytes } from "./signature-algorithms";
import {
  checkToken,
  type LicencePayload,
  type PublishedKey,
  type SignatureAlgorithm,
  signingInput,
  type TokenCheck,
  tokenOf,
} from "./signed-payload";

/**
 * Result signing keys (issue 20). One key signs at a time, in the algorithm of the configured profile
 * (ONEWINDOW_CRYPTO: intl → ES256, gm → SM2-SM3); it is made on first use. Rotation retires it and makes the next: a
 * retired key signs nothing more but stays published, so every certificate it signed keeps verifying. Private keys
 * are stored sealed with the data key; public keys are published at GET /api/v1/signing-keys.
 */

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

const SEAL_FIELD = "signing-key";

export function profileAlgorithm(): SignatureAlgorithm {
  return env().ONEWINDOW_CRYPTO === "gm" ? "SM2-SM3" : "ES256";
}

function newKeyId(algorithm: SignatureAlgorithm, now: Date): string {
  return `${algorithm === "ES256" ? "ES256" : "SM2"}-${chinaToday(now).replaceAll("-", "")}-${randomBytes(3).toString("hex")}`;
}

async function createKey(client: Client, algorithm: SignatureAlgorithm, now: Date) {
  const material = generateKeyMaterial(algorithm);
  return client.signingKey.create({
    data: {
      id: newKeyId(algorithm, now),
      algorithm,
      publicX: material.x,
      publicY: material.y,
      privateKey: encryptPii(SEAL_FIELD, material.secret),
      createdAt: now,
    },
  });
}

/**
 * The key that signs now: the active key when it is of the profile's algorithm, else a new one (a profile switch
 * retires the other algorithm's key). Two processes making the first key at once: the unique index lets one win.
 */
async function activeKey(now: Date): Promise<{ id: string; material: KeyMaterial }> {
  const algorithm = profileAlgorithm();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await db().signingKey.findFirst({ where: { retiredAt: null } });
    if (current && current.algorithm === algorithm)
      return {
        id: current.id,
        material: {
          algorithm,
          x: current.publicX,
          y: current.publicY,
          secret: decryptPii(SEAL_FIELD, current.privateKey),
        },
      };
    try {
      const created = await db().$transaction(async (tx) => {
        if (current) await tx.signingKey.update({ where: { id: current.id }, data: { retiredAt: now } });
        const key = await createKey(tx, algorithm, now);
        await recordAudit(tx, {
          actor: null,
          action: "signingKey.create",
          objectType: "SigningKey",
          objectId: key.id,
          after: { algorithm, retired: current?.id ?? null },
          ip: null,
        });
        return key;
      });
      return {
        id: created.id,
        material: {
          algorithm,
          x: created.publicX,
          y: created.publicY,
          secret: decryptPii(SEAL_FIELD, created.privateKey),
        },
      };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not settle the active signing key");
}

/** Signs a licence's public facts; returns the token for its QR code and the key that signed it. */
export async function signLicence(
  payload: LicencePayload,
  now: Date = new Date(),
): Promise<{ token: string; keyId: string }> {
  const key = await activeKey(now);
  const input = signingInput(key.id, payload);
  return { token: tokenOf(input, signBytes(key.material, new TextEncoder().encode(input))), keyId: key.id };
}

/** Every key that ever signed, oldest first: what verifiers need. */
export async function publishedKeys(): Promise<PublishedKey[]> {
  const keys = await db().signingKey.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, algorithm: true, publicX: true, publicY: true, createdAt: true, retiredAt: true },
  });
  return keys.map((key) => ({
    kid: key.id,
    alg: key.algorithm as SignatureAlgorithm,
    x: key.publicX,
    y: key.publicY,
    createdAt: key.createdAt.toISOString(),
    retiredAt: key.retiredAt?.toISOString() ?? null,
  }));
}

/** Checks a token on the server, with the published keys. */
export async function verifySignedToken(token: string): Promise<TokenCheck> {
  return checkToken(token, await publishedKeys(), async (key, input, signature) => verifyBytes(key, input, signature));
}

/**
 * Rotates the signing key (scripts/signing-keys.ts, run by an operator): the active key is retired and a new one
 * of the profile's algorithm signs from now on. Audited.
 */
export async function rotateSigningKey(now: Date = new Date()): Promise<{ retired: string | null; created: string }> {
  return db().$transaction(async (tx) => {
    const current = await tx.signingKey.findFirst({ where: { retiredAt: null }, select: { id: true } });
    if (current) await tx.signingKey.update({ where: { id: current.id }, data: { retiredAt: now } });
    const key = await createKey(tx, profileAlgorithm(), now);
    await recordAudit(tx, {
      actor: null,
      action: "signingKey.rotate",
      objectType: "SigningKey",
      objectId: key.id,
      before: { active: current?.id ?? null },
      after: { active: key.id, algorithm: key.algorithm },
      ip: null,
    });
    return { retired: current?.id ?? null, created: key.id };
  });
}
