import { env } from "../env";
import { logger } from "../logger";
import { resolveDataKey } from "../security/data-key-file";
import { type DatabaseHandle, startEmbeddedPostgres } from "./embedded";

/**
 * The database every entry point (app start, command-line tools, e2e tests) uses: DATABASE_URL when set,
 * otherwise the project's embedded PostgreSQL, shared with any process already running it. The data key that
 * encrypts personal data in it is resolved too (ONEWINDOW_DATA_KEY, or the one kept in the data folder).
 */
export async function resolveDatabase(
  log?: (message: string) => void,
): Promise<DatabaseHandle & { embedded: boolean }> {
  const config = env();
  await resolveDataKey(log);
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, stop: async () => undefined, startedHere: false, embedded: false };
  }
  const handle = await startEmbeddedPostgres({
    dataDir: config.ONEWINDOW_DATA_DIR,
    log,
    serverLog: (message) => logger.debug({ component: "postgres" }, message),
  });
  return { ...handle, embedded: true };
}
