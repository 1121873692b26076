// Runs the statistics rollup (case_stats_daily, lib/statistics/rollup.ts) once and exits; the periodic job runs in
// scripts/jobs.ts beside the app.
//   tsx scripts/statistics.ts rebuild   rebuild the whole table from the cases (e.g. after loading benchmark data)
//   tsx scripts/statistics.ts refresh   one incremental run
import { allowServerOnlyModules } from "../lib/runtime/server-only-outside-next";

// `import "server-only"` resolves only inside React Server Components (lib/runtime/server-only-outside-next.ts).
allowServerOnlyModules();

const { db } = await import("../lib/db/client");
const command = process.argv[2];

if (command !== "rebuild" && command !== "refresh") {
  console.error("usage: tsx scripts/statistics.ts rebuild|refresh (the periodic job runs in scripts/jobs.ts)");
  process.exit(2);
}
const { rebuildCaseStats, refreshCaseStats } = await import("../lib/statistics/rollup");
const started = Date.now();
const result = command === "rebuild" ? await rebuildCaseStats() : await refreshCaseStats();
console.log(
  `${command}: ${result.rows} rows for ${result.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await db().$disconnect();
