/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, failing over, pool
 * exhausted) rather than a fault in the request or the code. Callers answer those with 503 and Retry-After,
 * which load balancers and clients understand as "try again shortly"; everything else stays a 500.
 *
 * The pool (lib/db/client.ts, pg through Prisma's driver adapter) reconnects by itself once the server is back:
 * broken connections are dropped and new ones opened on the next query, so no restart of the app is needed.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, connection_exception family.
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
const MESSAGES =
  /Connection terminated|connect ECONNREFUSED|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|DatabaseNotReachable|Timed out fetching a new connection|Connection closed|server closed the connection/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 8 && !seen.has(current); depth++) {
    seen.add(current);
    const candidate = current as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalCode?: unknown;
      kind?: unknown;
    };
    if (candidate.name === "PrismaClientInitializationError") return true;
    for (const code of [candidate.code, candidate.originalCode]) {
      if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code)))
        return true;
    }
    if (candidate.kind === "DatabaseNotReachable" || candidate.kind === "ConnectionClosed") return true;
    if (typeof candidate.message === "string" && MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
