// The notification worker of one app instance, started by scripts/start.ts beside the Next.js server with the
// same environment: case events, draft reminders and bookings → notifications; e-mail and SMS deliveries with
// retries (lib/notifications/worker.ts), every NOTIFY_JOB_SECONDS. Safe to run in every instance.
import { register } from "node:module";

// `import "server-only"` only resolves inside React Server Components; here it is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export {};", shortCircuit: true } : next(specifier, context); }',
  )}`,
);

const { startNotificationWorker } = await import("../lib/notifications/worker");
const { db } = await import("../lib/db/client");
const { logger } = await import("../lib/logger");

const stop = startNotificationWorker();
const keepAlive = setInterval(() => {}, 1 << 30);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stop();
    clearInterval(keepAlive);
    void db()
      .$disconnect()
      .finally(() => process.exit(0));
  });
}
logger.info({ component: "notifications" }, "notification worker started");
