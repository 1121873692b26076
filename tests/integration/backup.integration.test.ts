import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createWriteStream } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase, inspectBackup, restoreDatabase } from "../../lib/db/backup";
import { migrateDeploy } from "../../lib/db/prisma-cli";
import { createDatabase, dropDatabase } from "../support/databases";

/**
 * `npm run db -- backup FILE` / `restore FILE` (lib/db/backup.ts): a seeded database with uploads round-trips
 * into a new, empty database — every table's rows identical (compared by checksum of the rows in primary-key
 * order), the files byte for byte, the audit chain still intact, sequences continuing — and an incomplete or
 * foreign file is refused before anything changes.
 */

const serverUrl = inject("serverUrl");
const targetName = `onewindow_restore_${randomBytes(5).toString("hex")}`;
let work = "";
let targetUrl = "";
const knownMigrations = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY relname`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const row = await client.query<{ n: string; sum: string | null }>(
        `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM "${name}" t`,
      );
      result[name] = `${row.rows[0]!.n}:${row.rows[0]!.sum ?? "-"}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "ow-backup-"));
  targetUrl = await createDatabase(serverUrl, targetName);
});

afterAll(async () => {
  await dropDatabase(serverUrl, targetName);
  await rm(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("round-trips every row and every uploaded file into an empty database", async () => {
    const sourceUrl = process.env.DATABASE_URL!;
    const files = path.join(work, "files");
    const bytes = randomBytes(70_000);
    await mkdir(path.join(files, "application-material", "2026", "11"), { recursive: true });
    await writeFile(
      path.join(files, "application-material", "2026", "11", "0b3f0c9e-1b1a-4a4e-9a55-3d0f0f3b7c11"),
      bytes,
    );
    await writeFile(path.join(files, "application-material", "2026", "11", ".tmp-partial"), "half a write");

    const file = path.join(work, "backup.owb");
    const summary = await backupDatabase({ databaseUrl: sourceUrl, file, filesRoot: files });
    expect(summary.rows).toBeGreaterThan(1000);
    expect(summary.files).toBe(1);
    expect(summary.migrations).toBe(knownMigrations.length);

    const restoredFiles = path.join(work, "restored-files");
    const restored = await restoreDatabase({
      databaseUrl: targetUrl,
      file,
      filesRoot: restoredFiles,
      migrate: migrateDeploy,
      knownMigrations,
    });
    expect(restored.rows).toBe(summary.rows);

    expect(await fingerprint(targetUrl)).toEqual(await fingerprint(sourceUrl));
    expect(
      await readFile(
        path.join(restoredFiles, "application-material", "2026", "11", "0b3f0c9e-1b1a-4a4e-9a55-3d0f0f3b7c11"),
      ),
    ).toEqual(bytes);

    // The restored audit trail is still one unbroken chain, and new entries continue it.
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("../../lib/generated/prisma/client");
    const { verifyAuditChain, recordAudit } = await import("../../lib/audit/audit");
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: targetUrl }) });
    try {
      expect((await verifyAuditChain(client)).ok).toBe(true);
      await client.$transaction((tx) =>
        recordAudit(tx, { actor: null, action: "backup.restored", objectType: "System", objectId: "restore" }),
      );
      expect((await verifyAuditChain(client)).ok).toBe(true);
    } finally {
      await client.$disconnect();
    }

    // A second restore into the now filled database is refused.
    await expect(
      restoreDatabase({ databaseUrl: targetUrl, file, filesRoot: null, migrate: migrateDeploy, knownMigrations }),
    ).rejects.toThrow(/not empty/);
  });

  it("refuses an incomplete backup, a foreign file, and a backup from a newer version", async () => {
    const file = path.join(work, "cut.owb");
    await pipeline(
      Readable.from([
        `${JSON.stringify({ format: "onewindow-backup", version: 1, createdAt: "", migrations: [], tables: ["region"] })}\n`,
        `{"table":"region"}\n`,
      ]),
      createGzip(),
      createWriteStream(file),
    );
    await expect(inspectBackup(file)).rejects.toThrow(/incomplete/);

    const foreign = path.join(work, "foreign.owb");
    await pipeline(Readable.from([`{"hello":"world"}\n`]), createGzip(), createWriteStream(foreign));
    await expect(inspectBackup(foreign)).rejects.toThrow(/not a OneWindow backup/);

    const newer = path.join(work, "newer.owb");
    await pipeline(
      Readable.from([
        `${JSON.stringify({ format: "onewindow-backup", version: 1, createdAt: "", migrations: ["29991231000000_future"], tables: [] })}\n`,
        `{"end":true,"rows":0,"files":0}\n`,
      ]),
      createGzip(),
      createWriteStream(newer),
    );
    await expect(
      restoreDatabase({
        databaseUrl: targetUrl,
        file: newer,
        filesRoot: null,
        migrate: migrateDeploy,
        knownMigrations,
      }),
    ).rejects.toThrow(/newer version/);
  });
});
