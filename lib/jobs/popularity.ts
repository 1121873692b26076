import "server-only";
import { recomputePopularity } from "../analytics/popularity";
import { invalidatePublicContent, PUBLIC_TAGS } from "../cache/public-cache";
import { db } from "../db/client";
import { env } from "../env";
import { logger } from "../logger";
import { startJobLoop } from "./loop";

/** Recomputes popularity (lib/analytics/popularity.ts) and refreshes the catalogue pages when anything changed. */
export async function refreshPopularity(now: Date = new Date()): Promise<{ changed: number }> {
  const changed = await recomputePopularity(db(), now);
  if (changed > 0) await invalidatePublicContent([PUBLIC_TAGS.catalogue]);
  return { changed };
}

/** The popularity job, every POPULARITY_JOB_SECONDS (0: not started); started by scripts/jobs.ts. */
export function startPopularityJob(): () => void {
  const intervalSeconds = env().POPULARITY_JOB_SECONDS;
  if (intervalSeconds === 0) return () => {};
  return startJobLoop({
    name: "popularity",
    intervalSeconds,
    runAtStart: true,
    run: async () => {
      const { changed } = await refreshPopularity();
      if (changed > 0) logger.info({ component: "jobs", changed }, "popularity refreshed");
    },
    onError: (err) => logger.warn({ component: "jobs", err }, "refreshing popularity failed"),
  });
}
