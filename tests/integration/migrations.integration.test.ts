import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { capturePrisma, migrateDeploy } from "../../lib/db/prisma-cli";
import { createDatabase, dropDatabase } from "../support/databases";

/**
 * The committed migrations must build exactly the schema the Prisma client is generated from. Prisma's own
 * `migrate diff --from-migrations` needs the Rust engine, so the check compares the catalogs of two real
 * databases: one built by `migrate deploy`, one by the SQL Prisma derives from schema.prisma.
 */
const serverUrl = inject("serverUrl");

/**
 * Indexes Prisma's schema language cannot express (expression and partial indexes), created by raw SQL in a
 * migration: they are expected in the migrated database only.
 */
const RAW_SQL_INDEXES = [
  // prisma/migrations/20261206223000_audit_read_subject: the applicant's "who read my data" log (lib/audit/read-log.ts).
  "audit_log_read_subject_user_idx",
  "audit_log_read_subject_company_idx",
  // prisma/migrations/20261208090006_signed_results: one signing key at a time (lib/results/signing.ts).
  "signing_key_one_active_idx",
];

async function snapshot(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    const enums = await client.query(
      // The order of the labels, not PostgreSQL's sort keys: a label added BEFORE/AFTER another gets a fractional key.
      `SELECT t.typname, e.enumlabel, rank() OVER (PARTITION BY t.typname ORDER BY e.enumsortorder) AS position FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY 1, 3`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("produce exactly the schema in prisma/schema.prisma", async () => {
    const suffix = randomBytes(4).toString("hex");
    const migratedName = `onewindow_migrated_${suffix}`;
    const expectedName = `onewindow_expected_${suffix}`;
    const migratedUrl = await createDatabase(serverUrl, migratedName);
    const expectedUrl = await createDatabase(serverUrl, expectedName);
    try {
      await migrateDeploy(migratedUrl);
      const sql = await capturePrisma(
        ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
        {
          DATABASE_URL: expectedUrl,
        },
      );
      expect(sql).toContain("CREATE TABLE");
      const client = new pg.Client({ connectionString: expectedUrl });
      await client.connect();
      await client.query(sql).finally(() => client.end());
      const [migrated, expected] = await Promise.all([snapshot(migratedUrl), snapshot(expectedUrl)]);
      expect(migrated.columns.length).toBeGreaterThan(50);
      const rawOnly = migrated.indexes.filter((index) => RAW_SQL_INDEXES.includes(index.indexname));
      expect(rawOnly.map((index) => index.indexname).sort()).toEqual([...RAW_SQL_INDEXES].sort());
      expect({
        ...migrated,
        indexes: migrated.indexes.filter((index) => !RAW_SQL_INDEXES.includes(index.indexname)),
      }).toEqual(expected);
    } finally {
      await dropDatabase(serverUrl, migratedName);
      await dropDatabase(serverUrl, expectedName);
    }
  });

  it("make the audit log append-only", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>("SELECT id FROM audit_log ORDER BY id LIMIT 1");
      expect(rows.length).toBe(1);
      await expect(client.query("UPDATE audit_log SET action = 'x' WHERE id = $1", [rows[0]?.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query("DELETE FROM audit_log WHERE id = $1", [rows[0]?.id])).rejects.toThrow(/append-only/);
      await expect(client.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
