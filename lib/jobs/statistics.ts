import "server-only";
import { logger } from "../logger";
import { refreshCaseStats } from "../statistics/rollup";

/**
 * The statistics job: every `intervalSeconds` (default 300), recomputes the days of case_stats_daily touched by
 * cases that changed since the last run (lib/statistics/rollup.ts). Idempotent and safe in several instances
 * (an advisory lock serialises runs); a run still going when the next is due is not started twice. Returns a stop
 * function. Started by scripts/statistics.ts, which scripts/start.ts runs beside the app.
 */
export function startStatisticsJob({ intervalSeconds = 300 }: { intervalSeconds?: number } = {}): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const started = Date.now();
      const result = await refreshCaseStats();
      if (result.days > 0) logger.info({ ...result, ms: Date.now() - started }, "case statistics refreshed");
    } catch (error) {
      logger.error({ err: error }, "case statistics refresh failed");
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
