import "server-only";
import { logger } from "../logger";
import { refreshCaseStats } from "../statistics/rollup";
import { startJobLoop } from "./loop";

/**
 * The statistics job: every `intervalSeconds` (default 300), recomputes the days of case_stats_daily touched by
 * cases that changed since the last run (lib/statistics/rollup.ts). Idempotent and safe in several instances
 * (an advisory lock serialises runs); a run still going when the next is due is not started twice. Returns a stop
 * function. Started by scripts/jobs.ts, which scripts/start.ts runs beside the app.
 */
export function startStatisticsJob({ intervalSeconds = 300 }: { intervalSeconds?: number } = {}): () => void {
  return startJobLoop({
    name: "statistics",
    intervalSeconds,
    run: async () => {
      const started = Date.now();
      const result = await refreshCaseStats();
      if (result.days > 0) logger.info({ ...result, ms: Date.now() - started }, "case statistics refreshed");
    },
    onError: (error) => logger.error({ err: error }, "case statistics refresh failed"),
  });
}
