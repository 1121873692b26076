import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromStored, IDENTITY_SELECT, phoneHash, wherePhone } from "../../lib/accounts/identity-fields";
import { backfillPersonalData } from "../../lib/accounts/pii-backfill";
import { requestPhoneCode } from "../../lib/accounts/phone-codes";
import { authenticate } from "../../lib/auth/authenticate";
import { hashPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { generateDataKey } from "../../lib/security/data-key";
import { deriveKeys, PiiDecryptError } from "../../lib/security/pii";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed/seed";
import { expectAppError } from "../support/errors";
import { registerWithCode, SmsInbox, testAddress } from "../support/registration";
import { randomIdNumber, randomPhone } from "../support/identities";

/**
 * Issue 8: ID numbers and phones are encrypted at rest. Everything is checked on the rows as PostgreSQL holds them
 * (raw SQL, no Prisma mapping in between), against the real sign-in, registration and backfill code.
 */
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

/** Every column of the account's row, and of its sign-in attempts and audit entries, as text. */
async function everythingStoredAbout(userId: string, accountKeys: string[] = []): Promise<string> {
  const user = await client.query("SELECT * FROM user_account WHERE id = $1", [userId]);
  const audit = await client.query("SELECT * FROM audit_log WHERE object_id = $1 OR actor_id = $2::uuid", [
    userId,
    userId,
  ]);
  const attempts = await client.query("SELECT * FROM login_attempt WHERE account_key = ANY($1::text[])", [accountKeys]);
  const throttle = await client.query("SELECT * FROM login_throttle");
  const codes = await client.query("SELECT * FROM phone_code");
  return JSON.stringify([user.rows, audit.rows, attempts.rows, throttle.rows, codes.rows]);
}

function citizen(overrides: Record<string, unknown> = {}) {
  return {
    accountType: "citizen",
    realName: "林静",
    idNumber: randomIdNumber(),
    phone: randomPhone(),
    password: "Secret12345",
    confirmPassword: "Secret12345",
    ...overrides,
  };
}

describe("personal data at rest", () => {
  it("keeps no plaintext ID number or phone in the account row, its sign-in attempts or its audit entries", async () => {
    const input = citizen();
    const { userId } = await registerWithCode(input, "10.80.0.1");
    // Sign in by phone, by ID number (lower-case x works too), and fail once: the throttle records every attempt.
    expect(
      (await authenticate({ input: { username: input.phone, password: "Secret12345" }, ip: "10.80.0.2" })).id,
    ).toBe(userId);
    expect(
      (
        await authenticate({
          input: { username: input.idNumber.toLowerCase(), password: "Secret12345" },
          ip: "10.80.0.2",
        })
      ).id,
    ).toBe(userId);
    await expectAppError(authenticate({ input: { username: input.phone, password: "Wrong12345" }, ip: "10.80.0.3" }));

    const { rows } = await client.query<{
      id_number: string;
      phone: string;
      id_number_hash: string;
      phone_hash: string;
    }>("SELECT id_number, phone, id_number_hash, phone_hash FROM user_account WHERE id = $1", [userId]);
    const row = rows[0]!;
    expect(row.id_number).toMatch(/^v1:/);
    expect(row.phone).toMatch(/^v1:/);
    expect(row.phone_hash).toBe(phoneHash(input.phone));
    const attempts = await client.query<{ account_key: string }>(
      "SELECT DISTINCT account_key FROM login_attempt WHERE ip LIKE '10.80.0.%'",
    );
    // Every identifier of the account is counted under the account itself.
    expect(attempts.rows).toEqual([{ account_key: `user:${userId}` }]);
    const stored = await everythingStoredAbout(
      userId,
      attempts.rows.map((attempt) => attempt.account_key),
    );
    for (const plain of [input.phone, input.idNumber, input.idNumber.slice(6, 14), input.phone.slice(3)])
      expect(stored).not.toContain(plain);

    // The app reads the values back; another key cannot.
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: IDENTITY_SELECT });
    expect(fromStored(user)).toEqual({ idNumber: input.idNumber, phone: input.phone });
    expect(() => fromStored(user, deriveKeys(generateDataKey()))).toThrow(PiiDecryptError);
    expect(() => fromStored({ phoneEncrypted: row.id_number })).toThrow(PiiDecryptError);
  });

  it("holds no plaintext for the seeded demo accounts either, who still sign in by phone and by ID number", async () => {
    const { rows } = await client.query("SELECT * FROM user_account");
    const table = JSON.stringify(rows);
    for (const person of [DEMO_ACCOUNTS.citizen, DEMO_ACCOUNTS.company]) {
      expect(table).not.toContain(person.phone);
      expect(table).not.toContain(person.idNumber);
      const byPhone = await authenticate({
        input: { username: person.phone, password: DEMO_PASSWORD },
        ip: "10.81.0.1",
      });
      const byId = await authenticate({
        input: { username: person.idNumber, password: DEMO_PASSWORD },
        ip: "10.81.0.1",
      });
      expect(byId.id).toBe(byPhone.id);
    }
    // No row anywhere in the table holds an 11-digit mobile or an 18-character ID number in the clear.
    for (const row of rows) {
      for (const value of [row.id_number, row.phone])
        if (value !== null) expect(value).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    }
  });

  it("still refuses a second account with the same ID number or phone", async () => {
    const first = citizen();
    await registerWithCode(first);
    const sameId = await expectAppError(registerWithCode(citizen({ idNumber: first.idNumber.toLowerCase() })));
    expect([sameId.code, sameId.messageKey]).toEqual(["CONFLICT", "identity.errors.cannotRegister"]);
    // A taken phone (written another way) gets no code: its holder is told by SMS instead.
    const inbox = new SmsInbox();
    await requestPhoneCode(
      { phone: `+86 ${DEMO_ACCOUNTS.citizen.phone}` },
      { purpose: "register", ip: testAddress(), sms: inbox },
    );
    expect(inbox.lastTo(DEMO_ACCOUNTS.citizen.phone)?.template).toBe("identity.accountExists");
    // The database itself refuses a duplicate hash (the race the check above cannot see).
    const existing = await db().user.findFirstOrThrow({ where: wherePhone(first.phone), select: { phoneHash: true } });
    await expect(
      client.query(
        "INSERT INTO user_account (id, role, real_name, password_hash, phone_hash, updated_at) VALUES ($1, 'CITIZEN', 'x', 'x', $2, now())",
        [randomUUID(), existing.phoneHash],
      ),
    ).rejects.toThrow(/user_account_phone_hash_key/);
  });
});

describe("backfill of rows written before encryption", () => {
  it("encrypts and hashes plaintext rows and throttle keys, once; the account then signs in as before", async () => {
    const id = randomUUID();
    const idNumber = randomIdNumber();
    const phone = randomPhone();
    // As the previous version of the app left a row: plaintext columns, no hashes.
    await client.query(
      "INSERT INTO user_account (id, role, real_name, id_number, phone, password_hash, updated_at) VALUES ($1, 'CITIZEN', '旧用户', $2, $3, $4, now())",
      [id, idNumber, phone, await hashPassword("Secret12345")],
    );
    await client.query(
      "INSERT INTO login_attempt (account_key, ip, success) VALUES ($1, '10.82.0.1', false), ($2, '10.82.0.1', false)",
      [phone, idNumber],
    );
    const other = await client.query<{ count: string }>(
      "SELECT count(*) FROM user_account WHERE phone_hash IS NULL AND phone IS NOT NULL",
    );
    expect(Number(other.rows[0]!.count)).toBe(1);

    const first = await backfillPersonalData(process.env.DATABASE_URL!, { batchSize: 2 });
    expect(first).toEqual({ users: 1, loginAttempts: 2 });
    const converted = (await client.query("SELECT * FROM user_account WHERE id = $1", [id])).rows[0];
    expect(converted.id_number).toMatch(/^v1:/);
    expect(converted.phone).toMatch(/^v1:/);
    expect(converted.phone_hash).toBe(phoneHash(phone));
    const attempts = await client.query<{ account_key: string }>(
      "SELECT account_key FROM login_attempt WHERE ip = '10.82.0.1' ORDER BY id",
    );
    expect(attempts.rows.map((row) => row.account_key)).toEqual([
      `phone:${phoneHash(phone)}`,
      expect.stringMatching(/^idNumber:/),
    ]);
    expect(JSON.stringify([converted, attempts.rows])).not.toContain(phone);
    expect(JSON.stringify([converted, attempts.rows])).not.toContain(idNumber);

    // Idempotent: nothing left to do, the row is untouched.
    expect(await backfillPersonalData(process.env.DATABASE_URL!)).toEqual({ users: 0, loginAttempts: 0 });
    expect((await client.query("SELECT * FROM user_account WHERE id = $1", [id])).rows[0]).toEqual(converted);

    expect((await authenticate({ input: { username: phone, password: "Secret12345" }, ip: "10.82.0.2" })).id).toBe(id);
    expect((await authenticate({ input: { username: idNumber, password: "Secret12345" }, ip: "10.82.0.2" })).id).toBe(
      id,
    );
    expect(fromStored(await db().user.findUniqueOrThrow({ where: { id }, select: IDENTITY_SELECT }))).toEqual({
      idNumber,
      phone,
    });
  });
});
