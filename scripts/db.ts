// Database tools: `npm run db -- <command>`. They use the same database as the app (see lib/db/resolve.ts).
//   migrate                apply committed migrations
//   seed [--force]         seed demo data into an empty database
//   new-migration <name>   write a migration for the changes to prisma/schema.prisma since the last commit
//   status                 show migration status
//   audit-verify           check the audit trail: its hash chain, every entry's content hash, and that the
//                          sealer keeps up; lists the faulty entries (exit 3), or entries unsealed too long (4)
//   backup FILE            every table (one consistent snapshot) and the uploaded files into FILE (lib/db/backup.ts)
//   restore FILE           into an EMPTY database: migrations, then the rows and files of FILE
import { resolveDatabase } from "../lib/db/resolve";
import { migrateDeploy, runPrisma } from "../lib/db/prisma-cli";
import { logger } from "../lib/logger";

const [command, ...rest] = process.argv.slice(2);
const usage =
  "usage: npm run db -- migrate | seed [--force] | new-migration <name> | status | audit-verify | backup FILE | restore FILE";

if (!command) {
  console.error(usage);
  process.exit(2);
}

const database = await resolveDatabase((message) => logger.info({ component: "db" }, message));
let exitCode = 0;
try {
  switch (command) {
    case "migrate": {
      await migrateDeploy(database.url);
      const { migrateData } = await import("../lib/db/prepare");
      await migrateData(database.url, (message) => logger.info({ component: "db" }, message));
      break;
    }
    case "seed": {
      const { seedDemo } = await import("../prisma/seed/seed");
      const seeded = await seedDemo(database.url, { force: rest.includes("--force") });
      logger.info(seeded ? "demo data seeded" : "database not empty: seed skipped (use --force to seed anyway)");
      break;
    }
    case "new-migration": {
      const name = rest[0];
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("give the migration a snake_case name");
      // `prisma migrate dev` needs the Rust schema engine's shadow database and crashes with the JavaScript engine
      // used here; the SQL comes from a diff between the schema as last committed and the working copy instead.
      const { newMigrationFromCommittedSchema } = await import("../lib/db/new-migration");
      const created = await newMigrationFromCommittedSchema(name, database.url);
      logger.info(
        { component: "db" },
        created
          ? `created ${created}: review it, then commit it with the schema`
          : "prisma/schema.prisma has no changes since the last commit: no migration created",
      );
      break;
    }
    case "audit-verify": {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { PrismaClient } = await import("../lib/generated/prisma/client");
      const { auditVerifyReport, verifyAuditChain } = await import("../lib/audit/audit");
      const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
      try {
        // Exit 3: edited, removed or inserted entries; exit 4: entries unsealed for over a minute (no sealer running).
        const report = auditVerifyReport(await verifyAuditChain(client));
        for (const line of report.lines) (report.exitCode === 0 ? console.log : console.error)(line);
        exitCode = report.exitCode;
      } finally {
        await client.$disconnect();
      }
      break;
    }
    case "status":
      exitCode = await runPrisma(["migrate", "status"], { DATABASE_URL: database.url });
      break;
    case "backup":
    case "restore": {
      const file = rest[0];
      if (!file) {
        console.error(usage);
        exitCode = 2;
        break;
      }
      const { backupDatabase, fileSize, restoreDatabase } = await import("../lib/db/backup");
      const { env } = await import("../lib/env");
      const { readdir } = await import("node:fs/promises");
      const path = await import("node:path");
      const config = env();
      // Uploads in object storage are kept by the store itself (versioning, replication); local ones travel along.
      const filesRoot = config.S3_ENDPOINT ? null : path.resolve(config.ONEWINDOW_DATA_DIR, "files");
      if (!filesRoot)
        logger.warn("uploads are in S3-compatible storage: back them up with the object store's own tools");
      if (command === "backup") {
        const summary = await backupDatabase({ databaseUrl: database.url, file, filesRoot });
        console.log(
          `backup written to ${file} (${await fileSize(file)} bytes): ${summary.tables} tables, ${summary.rows} rows, ${summary.files} files, at migration ${summary.migrations}`,
        );
      } else {
        const knownMigrations = (await readdir("prisma/migrations", { withFileTypes: true }))
          .filter((entry) => entry.isDirectory())
          .map((entry) => entry.name);
        const summary = await restoreDatabase({
          databaseUrl: database.url,
          file,
          filesRoot,
          migrate: migrateDeploy,
          knownMigrations,
        });
        // A backup taken before personal data was encrypted holds plaintext: encrypt it now, with this key.
        const { migrateData } = await import("../lib/db/prepare");
        await migrateData(database.url, (message) => logger.info({ component: "db" }, message));
        console.log(`restored ${summary.rows} rows into ${summary.tables} tables and ${summary.files} files`);
      }
      break;
    }
    default:
      console.error(usage);
      exitCode = 2;
  }
} catch (error) {
  logger.error({ err: error }, "database command failed");
  exitCode = 1;
} finally {
  await database.stop();
}
process.exit(exitCode);
