// The webhook loop of one app instance (REST API, issue 10), started by scripts/start.ts beside the Next.js server
// with the same environment: case events → department webhook deliveries, signed POSTs with retries
// (lib/api/webhooks.ts), every WEBHOOK_JOB_SECONDS; expired API tokens are purged hourly. Safe in every instance.
import { register } from "node:module";

// `import "server-only"` only resolves inside React Server Components; here it is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export {};", shortCircuit: true } : next(specifier, context); }',
  )}`,
);

const { startWebhookWorker } = await import("../lib/api/webhooks");
const { purgeExpiredTokens } = await import("../lib/api/tokens");
const { db } = await import("../lib/db/client");
const { logger } = await import("../lib/logger");

const stop = startWebhookWorker();
const purge = setInterval(() => {
  purgeExpiredTokens().catch((error: unknown) => logger.error({ component: "webhooks", err: error }, "token purge failed"));
}, 3600_000);
const keepAlive = setInterval(() => {}, 1 << 30);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stop();
    clearInterval(purge);
    clearInterval(keepAlive);
    void db()
      .$disconnect()
      .finally(() => process.exit(0));
  });
}
logger.info({ component: "webhooks" }, "webhook loop started");
