import { maskIdNumber, normaliseIdNumber } from "../identity/id-number";
import { maskPhone, normalisePhone } from "../identity/phone";
import { decryptPii, encryptPii, lookupHash, type PiiKeys, piiKeys } from "../security/pii";

/**
 * The one way account code reads and writes a person's ID number and mobile number (User.idNumberEncrypted /
 * idNumberHash, User.phoneEncrypted / phoneHash; table user_account). The columns hold ciphertext and keyed
 * hashes (lib/security/pii.ts); the Prisma field names say so, so no code treats them as plaintext by accident.
 *
 *   write:   data: { ...toStored({ idNumber, phone }) }
 *   find:    where: wherePhone(phone) / whereIdNumber(idNumber)
 *   read:    select: { ...IDENTITY_SELECT } → fromStored(row) (plaintext: SMS, form prefill) or masked(row) (screens)
 *
 * Values are normalised before they are encrypted and hashed (ID numbers upper-case X, phones 11 digits without
 * +86), so "11010519491231002x" finds "11010519491231002X". Department and office phones are public contact numbers
 * and stay plaintext; they never pass through here.
 */

export const ID_NUMBER_FIELD = "user.idNumber";
export const PHONE_FIELD = "user.phone";

export type StoredIdentity = { idNumberEncrypted?: string | null; phoneEncrypted?: string | null };
export type PlainIdentity = { idNumber: string | null; phone: string | null };

/** Select these to read an account's identity fields. */
export const IDENTITY_SELECT = { idNumberEncrypted: true, phoneEncrypted: true } as const;

export function idNumberHash(idNumber: string, keys: PiiKeys = piiKeys()): string {
  return lookupHash(ID_NUMBER_FIELD, normaliseIdNumber(idNumber), keys);
}

export function phoneHash(phone: string, keys: PiiKeys = piiKeys()): string {
  return lookupHash(PHONE_FIELD, normalisePhone(phone), keys);
}

/**
 * The stored columns for the values given. A key left out is left out (an update that does not touch it); `null` or
 * "" clears both the ciphertext and the hash.
 */
export function toStored(
  values: { idNumber?: string | null; phone?: string | null },
  keys: PiiKeys = piiKeys(),
): {
  idNumberEncrypted?: string | null;
  idNumberHash?: string | null;
  phoneEncrypted?: string | null;
  phoneHash?: string | null;
} {
  const out: {
    idNumberEncrypted?: string | null;
    idNumberHash?: string | null;
    phoneEncrypted?: string | null;
    phoneHash?: string | null;
  } = {};
  if (values.idNumber !== undefined) {
    const idNumber = values.idNumber ? normaliseIdNumber(values.idNumber) : null;
    out.idNumberEncrypted = idNumber ? encryptPii(ID_NUMBER_FIELD, idNumber, keys) : null;
    out.idNumberHash = idNumber ? lookupHash(ID_NUMBER_FIELD, idNumber, keys) : null;
  }
  if (values.phone !== undefined) {
    const phone = values.phone ? normalisePhone(values.phone) : null;
    out.phoneEncrypted = phone ? encryptPii(PHONE_FIELD, phone, keys) : null;
    out.phoneHash = phone ? lookupHash(PHONE_FIELD, phone, keys) : null;
  }
  return out;
}

/** The plaintext values of a stored row (for the SMS channel and form prefill only; screens show `masked`). */
export function fromStored(row: StoredIdentity | null | undefined, keys?: PiiKeys): PlainIdentity {
  const keysInUse = () => keys ?? piiKeys();
  return {
    idNumber: row?.idNumberEncrypted ? decryptPii(ID_NUMBER_FIELD, row.idNumberEncrypted, keysInUse()) : null,
    phone: row?.phoneEncrypted ? decryptPii(PHONE_FIELD, row.phoneEncrypted, keysInUse()) : null,
  };
}

/** The masked values of a stored row, as every list and detail page shows them. */
export function masked(row: StoredIdentity | null | undefined, keys?: PiiKeys): PlainIdentity {
  const plain = fromStored(row, keys);
  return {
    idNumber: plain.idNumber ? maskIdNumber(plain.idNumber) : null,
    phone: plain.phone ? maskPhone(plain.phone) : null,
  };
}

/** Where-clause finding the account with this ID number (any case of X). */
export function whereIdNumber(idNumber: string, keys?: PiiKeys): { idNumberHash: string } {
  return { idNumberHash: idNumberHash(idNumber, keys) };
}

/** Where-clause finding the account with this mobile number (+86 and spaces allowed). */
export function wherePhone(phone: string, keys?: PiiKeys): { phoneHash: string } {
  return { phoneHash: phoneHash(phone, keys) };
}
