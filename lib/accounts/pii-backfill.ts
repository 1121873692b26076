import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { decryptPii, isEncryptedPii, piiKeys } from "../security/pii";
import { ID_NUMBER_FIELD, idNumberHash, PHONE_FIELD, phoneHash, toStored } from "./identity-fields";

/**
 * Brings rows written before personal data was encrypted (migration 20261124100000_pii_encryption) up to date:
 * every account whose ID number or phone has no lookup hash yet gets its value encrypted and hashed
 * (lib/accounts/identity-fields.ts), and login attempts keyed by a plaintext number are re-keyed by its hash.
 *
 * Runs after every `migrate deploy` (lib/db/prepare.ts, `npm run db -- migrate` and `restore`). Idempotent: a
 * converted row has its hash and is never selected again, so the second run finds nothing. Works in batches, in
 * primary-key order, each row updated only if it is still the plaintext that was read (another instance running the
 * same backfill at the same moment loses nothing). A value that cannot be converted stops it with the account id
 * (never the value) in the message.
 */
export async function backfillPersonalData(
  url: string,
  { batchSize = 500 }: { batchSize?: number } = {},
): Promise<{ users: number; loginAttempts: number }> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const keys = piiKeys();
  let users = 0;
  let loginAttempts = 0;
  try {
    let after: string | undefined;
    for (;;) {
      const rows = await client.user.findMany({
        where: {
          OR: [
            { idNumberEncrypted: { not: null }, idNumberHash: null },
            { phoneEncrypted: { not: null }, phoneHash: null },
          ],
          ...(after ? { id: { gt: after } } : {}),
        },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true, idNumberEncrypted: true, idNumberHash: true, phoneEncrypted: true, phoneHash: true },
      });
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      await client.$transaction(async (tx) => {
        for (const row of rows) {
          const data: ReturnType<typeof toStored> = {};
          try {
            if (row.idNumberEncrypted && !row.idNumberHash) {
              // Already ciphertext without a hash (an interrupted earlier version): hash what it decrypts to.
              if (isEncryptedPii(row.idNumberEncrypted))
                data.idNumberHash = idNumberHash(decryptPii(ID_NUMBER_FIELD, row.idNumberEncrypted, keys), keys);
              else Object.assign(data, toStored({ idNumber: row.idNumberEncrypted }, keys));
            }
            if (row.phoneEncrypted && !row.phoneHash) {
              if (isEncryptedPii(row.phoneEncrypted))
                data.phoneHash = phoneHash(decryptPii(PHONE_FIELD, row.phoneEncrypted, keys), keys);
              else Object.assign(data, toStored({ phone: row.phoneEncrypted }, keys));
            }
          } catch (error) {
            throw new Error(`personal data backfill: account ${row.id} cannot be converted (${(error as Error).name})`);
          }
          // Only if the row still holds what was read (no other writer converted or changed it meanwhile).
          const { count } = await tx.user.updateMany({
            where: {
              id: row.id,
              idNumberEncrypted: row.idNumberEncrypted,
              phoneEncrypted: row.phoneEncrypted,
              idNumberHash: row.idNumberHash,
              phoneHash: row.phoneHash,
            },
            data,
          });
          users += count;
        }
      });
    }

    // The sign-in throttle kept the typed phone or ID number as its account key; it now keeps the keyed hash.
    for (;;) {
      const plainKeys = await client.$queryRaw<{ key: string }[]>`
        SELECT DISTINCT account_key AS key FROM login_attempt
         WHERE account_key ~ '^(1[3-9][0-9]{9}|[0-9]{17}[0-9X])$' LIMIT ${batchSize}`;
      if (plainKeys.length === 0) break;
      for (const { key } of plainKeys) {
        const hashed = key.length === 11 ? `phone:${phoneHash(key, keys)}` : `idNumber:${idNumberHash(key, keys)}`;
        loginAttempts += (
          await client.loginAttempt.updateMany({ where: { accountKey: key }, data: { accountKey: hashed } })
        ).count;
      }
    }
    return { users, loginAttempts };
  } finally {
    await client.$disconnect();
  }
}
