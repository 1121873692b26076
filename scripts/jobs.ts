// Background jobs of one app instance, started by scripts/start.ts beside the Next.js server with the same
// environment (DATABASE_URL resolved): the deadline job (lib/jobs/deadlines.ts), every CASE_DEADLINE_JOB_SECONDS,
// and the hourly expiry of old drafts. Safe to run in every instance: the sweep takes rows with FOR UPDATE SKIP LOCKED.
import { register } from "node:module";

// `import "server-only"` only resolves inside React Server Components; here it is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export {};", shortCircuit: true } : next(specifier, context); }',
  )}`,
);

const { startDeadlineJob } = await import("../lib/jobs/deadlines");
const { db } = await import("../lib/db/client");
const { logger } = await import("../lib/logger");

const { expireDrafts } = await import("../lib/applications/expiry");

const stop = startDeadlineJob();
// Drafts past their lifetime (APPLICATION_DRAFT_DAYS) are marked expired once an hour; the update is idempotent.
const expiry = setInterval(() => {
  expireDrafts().then(
    (count) => count > 0 && logger.info({ component: "jobs", count }, "drafts expired"),
    (err: unknown) => logger.warn({ component: "jobs", err }, "expiring drafts failed"),
  );
}, 60 * 60 * 1000);
expiry.unref();
// Keep the process alive between sweeps (the timer itself is unref'd so tests can run the job without hanging).
const keepAlive = setInterval(() => {}, 1 << 30);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stop();
    clearInterval(expiry);
    clearInterval(keepAlive);
    void db()
      .$disconnect()
      .finally(() => process.exit(0));
  });
}
logger.info({ component: "jobs" }, "background jobs started");
