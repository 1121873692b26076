import { migrateDeploy } from "./prisma-cli";
import { resolveDatabase } from "./resolve";

/**
 * Everything the app needs from its database before serving: a server (embedded or configured), all
 * migrations applied, and demo data in an empty database when seeding is on.
 */
export async function prepareDatabase({ seed, log }: { seed: boolean; log: (message: string) => void }) {
  const database = await resolveDatabase(log);
  try {
    await migrateDeploy(database.url);
    if (seed) {
      const { seedDemo } = await import("../../prisma/seed/seed");
      const seeded = await seedDemo(database.url);
      if (seeded) log("seeded the demo catalogue and accounts");
    }
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}
