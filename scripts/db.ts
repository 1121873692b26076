// Database tools: `npm run db -- <command>`. They use the same database as the app (see lib/db/resolve.ts).
//   migrate                apply committed migrations
//   seed [--force]         seed demo data into an empty database
//   new-migration <name>   create a migration from changes to prisma/schema.prisma
//   status                 show migration status
import { resolveDatabase } from "../lib/db/resolve";
import { migrateDeploy, runPrisma } from "../lib/db/prisma-cli";
import { logger } from "../lib/logger";

const [command, ...rest] = process.argv.slice(2);
const usage = "usage: npm run db -- migrate | seed [--force] | new-migration <name> | status";

if (!command) {
  console.error(usage);
  process.exit(2);
}

const database = await resolveDatabase((message) => logger.info({ component: "db" }, message));
let exitCode = 0;
try {
  switch (command) {
    case "migrate":
      await migrateDeploy(database.url);
      break;
    case "seed": {
      const { seedDemo } = await import("../prisma/seed/seed");
      const seeded = await seedDemo(database.url, { force: rest.includes("--force") });
      logger.info(seeded ? "demo data seeded" : "database not empty: seed skipped (use --force to seed anyway)");
      break;
    }
    case "new-migration": {
      const name = rest[0];
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("give the migration a snake_case name");
      exitCode = await runPrisma(["migrate", "dev", "--create-only", "--skip-generate", "--name", name], { DATABASE_URL: database.url });
      break;
    }
    case "status":
      exitCode = await runPrisma(["migrate", "status"], { DATABASE_URL: database.url });
      break;
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
