import { backfillPersonalData } from "../accounts/pii-backfill";
import { backfillFormAnswers } from "../applications/answers-backfill";
import { migrateDeploy } from "./prisma-cli";
import { resolveDatabase } from "./resolve";

/**
 * Everything the app needs from its database before serving: a server (embedded or configured), all
 * migrations applied, personal data of older rows encrypted (lib/accounts/pii-backfill.ts, and in form answers
 * lib/applications/answers-backfill.ts), and demo data in an empty database when seeding is on.
 */
export async function prepareDatabase({ seed, log }: { seed: boolean; log: (message: string) => void }) {
  const database = await resolveDatabase(log);
  try {
    await migrateDeploy(database.url);
    await migrateData(database.url, log);
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

/**
 * The data steps that follow `migrate deploy` and that SQL cannot do (they need the data key): every entry point that
 * migrates (this file, `npm run db -- migrate` and `restore`) runs them. Idempotent.
 */
export async function migrateData(url: string, log: (message: string) => void): Promise<void> {
  const converted = await backfillPersonalData(url);
  if (converted.users > 0 || converted.loginAttempts > 0) {
    log(
      `encrypted the ID numbers and phones of ${converted.users} accounts (and re-keyed ${converted.loginAttempts} sign-in attempts)`,
    );
  }
  // Form answers written before their ID numbers and phones were encrypted (lib/applications/answers-backfill.ts).
  const answers = await backfillFormAnswers(url);
  if (answers.applications > 0 || answers.cases > 0 || answers.submissions > 0) {
    log(
      `encrypted the ID numbers and phones in the form answers of ${answers.applications} applications, ${answers.cases} cases and ${answers.submissions} case submissions`,
    );
  }
  if (answers.noForm > 0 || answers.unreadable > 0 || answers.changedMeanwhile > 0) {
    log(
      `form answers left as they are: ${answers.noForm} rows whose item version has no form, ${answers.unreadable} whose answers are not an object, ${answers.changedMeanwhile} changed while being converted (looked at again on the next run)`,
    );
  }
}
