import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { capturePrisma, PROJECT_ROOT } from "./prisma-cli";

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the schema as last committed
 * (git HEAD) to the working copy of prisma/schema.prisma; returns the folder's name, or null when nothing changed.
 * New enum values must still be appended at the end (tests/integration/migrations compares catalogues), and a
 * semicolon inside an SQL comment would split a statement for the JavaScript migration adapter: review the file.
 */
export async function newMigrationFromCommittedSchema(
  name: string,
  databaseUrl: string,
  now = new Date(),
): Promise<string | null> {
  const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: PROJECT_ROOT });
  const scratch = await mkdtemp(path.join(tmpdir(), "onewindow-schema-"));
  try {
    const before = path.join(scratch, "schema.prisma");
    await writeFile(before, committed);
    const sql = await capturePrisma(
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        before,
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { DATABASE_URL: databaseUrl },
    );
    if (!/^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|COMMENT)\b/im.test(sql)) return null;
    // After every existing migration, whatever the clock says: migrations apply in name order.
    const existing = (await readdir(path.join(PROJECT_ROOT, "prisma", "migrations"))).map((entry) =>
      Number(/^(\d{14})_/.exec(entry)?.[1] ?? 0),
    );
    const stamp = String(
      Math.max(Number(now.toISOString().replace(/\D/g, "").slice(0, 14)), Math.max(0, ...existing) + 1),
    );
    const folder = `${stamp}_${name}`;
    const directory = path.join(PROJECT_ROOT, "prisma", "migrations", folder);
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, "migration.sql"), sql);
    return folder;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
