// The statistics job (case_stats_daily, lib/statistics/rollup.ts) in its own process, started by scripts/start.ts
// beside the app with the same environment. With an argument it runs once and exits:
//   tsx scripts/statistics.ts rebuild   rebuild the whole table from the cases (e.g. after loading benchmark data)
//   tsx scripts/statistics.ts refresh   one incremental run
import { register } from "node:module";

// `import "server-only"` only resolves inside React Server Components; here it is an empty module.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export {};", shortCircuit: true } : next(specifier, context); }',
  )}`,
);

const { db } = await import("../lib/db/client");
const { logger } = await import("../lib/logger");
const command = process.argv[2];

if (command === "rebuild" || command === "refresh") {
  const { rebuildCaseStats, refreshCaseStats } = await import("../lib/statistics/rollup");
  const started = Date.now();
  const result = command === "rebuild" ? await rebuildCaseStats() : await refreshCaseStats();
  console.log(`${command}: ${result.rows} rows for ${result.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await db().$disconnect();
} else {
  const { startStatisticsJob } = await import("../lib/jobs/statistics");
  const stop = startStatisticsJob();
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
  logger.info({ component: "statistics" }, "statistics job started");
}
