import "server-only";
import { logger } from "../logger";
import { db } from "./client";
import { markDatabaseAvailable, markDatabaseUnavailable } from "./outage";

const TIMEOUT_MS = 2000;

/** True when the database answers a trivial query within two seconds; pages follow (lib/db/outage.ts). */
export async function checkDatabase(): Promise<boolean> {
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    markDatabaseAvailable();
    return true;
  } catch (error) {
    logger.warn({ err: error }, "health check: database unreachable");
    markDatabaseUnavailable();
    return false;
  }
}
