import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "../support/databases";

/**
 * DATABASE_REPLICA_URLS (lib/db/client.ts). Streaming replication cannot be set up here, so the "replica" is a
 * second copy of the seeded database whose rows are then changed: every answer shows which database served it.
 */
const serverUrl = inject("serverUrl");
const replicaName = `onewindow_replica_${randomBytes(6).toString("hex")}`;
const replicaUrl = await createDatabase(serverUrl, replicaName, "onewindow_test_seeded");
process.env.DATABASE_REPLICA_URLS = ` ${replicaUrl} ,`;
const { db, primaryDb } = await import("../../lib/db/client");
const { parseEnv } = await import("../../lib/env");

async function onReplica(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: replicaUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

const REGION = "511600000000"; // 广安市 in the demo data
const region = await db().region.findUniqueOrThrow({ where: { code: REGION } });
await onReplica("UPDATE region SET name = $1 WHERE code = $2", ["副本里的广安市", REGION]);
await onReplica("UPDATE user_account SET real_name = $1 WHERE login_name = 'clerk'", ["副本里的人"]);

afterAll(async () => {
  await db().$disconnect();
  await dropDatabase(serverUrl, replicaName);
});

describe("read replicas", () => {
  it("the variable is a comma-separated list of postgresql URLs and needs DATABASE_URL", () => {
    expect(
      parseEnv({ DATABASE_URL: "postgresql://a@h/db", DATABASE_REPLICA_URLS: "postgresql://r1/db, postgres://r2/db" })
        .DATABASE_REPLICA_URLS,
    ).toEqual(["postgresql://r1/db", "postgres://r2/db"]);
    expect(parseEnv({}).DATABASE_REPLICA_URLS).toEqual([]);
    expect(() => parseEnv({ DATABASE_URL: "postgresql://a@h/db", DATABASE_REPLICA_URLS: "mysql://r/db" })).toThrow(
      /DATABASE_REPLICA_URLS/,
    );
    expect(() => parseEnv({ DATABASE_REPLICA_URLS: "postgresql://r/db" })).toThrow(/DATABASE_REPLICA_URLS/);
  });

  it("a plain catalogue read comes from the replica", async () => {
    expect((await db().region.findUniqueOrThrow({ where: { code: REGION } })).name).toBe("副本里的广安市");
    expect((await db().region.findMany({ where: { code: REGION } }))[0]?.name).toBe("副本里的广安市");
    expect(await db().region.count({ where: { name: "副本里的广安市" } })).toBe(1);
  });

  it("reads inside a transaction, reads through primaryDb() and raw SQL come from the primary", async () => {
    const inTransaction = await db().$transaction(async (tx) =>
      tx.region.findUniqueOrThrow({ where: { code: REGION } }),
    );
    expect(inTransaction.name).toBe(region.name);
    const [batched] = await db().$transaction([db().region.findUniqueOrThrow({ where: { code: REGION } })]);
    expect(batched.name).toBe(region.name);
    expect((await primaryDb().region.findUniqueOrThrow({ where: { code: REGION } })).name).toBe(region.name);
    const raw = await db().$queryRaw<{ name: string }[]>`SELECT name FROM region WHERE code = ${REGION}`;
    expect(raw[0]?.name).toBe(region.name);
  });

  it("models whose readers must see the latest write (accounts, cases …) are always read on the primary", async () => {
    const clerk = await db().user.findFirstOrThrow({ where: { loginName: "clerk" } });
    expect(clerk.realName).not.toBe("副本里的人");
    expect(await db().user.count({ where: { realName: "副本里的人" } })).toBe(0);
    // The password hash stays omitted on every path.
    expect((clerk as Record<string, unknown>).passwordHash).toBeUndefined();
  });

  it("writes go to the primary", async () => {
    const theme = await db().region.update({ where: { code: REGION }, data: { nameEn: "Guang'an (primary)" } });
    expect(theme.nameEn).toBe("Guang'an (primary)");
    const { rows } = await onReplica("SELECT name_en FROM region WHERE code = $1", [REGION]);
    expect(rows[0]?.name_en).not.toBe("Guang'an (primary)");
    expect((await primaryDb().region.findUniqueOrThrow({ where: { code: REGION } })).nameEn).toBe("Guang'an (primary)");
  });
});
