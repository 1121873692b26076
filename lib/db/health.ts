import "server-only";
import { logger } from "../logger";
import { db } from "./client";

const TIMEOUT_MS = 2000;

/** True when the database answers a trivial query within two seconds. */
export async function checkDatabase(): Promise<boolean> {
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    return true;
  } catch (error) {
    logger.warn({ err: error }, "health check: database unreachable");
    return false;
  }
}
