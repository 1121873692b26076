import { hash, verify } from "@node-rs/argon2";

// Argon2id (the library's const enum value 2, written out because isolated modules cannot read const enums),
// with OWASP's baseline cost: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Burns the time of one verification, so an unknown account answers as slowly as a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("onewindow-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
