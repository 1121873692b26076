import { recomputePopularity } from "../../lib/analytics/popularity";
import { UsageCounts, writeUsageCounts } from "../../lib/analytics/counts";
import type { PrismaClient } from "../../lib/generated/prisma/client";

/** Days of simulated guide views: the window popularity looks back over (lib/analytics/popularity.ts). */
const HISTORY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo's "most used" services come from simulated guide views written through the app's own counting path
 * (lib/analytics/counts.ts) and the popularity job's computation, never from numbers typed into the items: each
 * implementation gets views on each of the last 30 days in proportion to its catalogue item's relative demand
 * (cities see more than districts), with a deterministic day-to-day spread so lists are stable and varied.
 */
export async function seedUsageHistory(
  client: PrismaClient,
  implementations: { implementationCode: string; demand: number; city: boolean; index: number }[],
  now: Date = new Date(),
): Promise<void> {
  const counts = new UsageCounts(implementations.length * HISTORY_DAYS + 1);
  for (const item of implementations) {
    for (let day = 0; day < HISTORY_DAYS; day++) {
      const spread = 0.7 + ((item.index * 7 + day * 13) % 11) / 18;
      const views = Math.round(item.demand * (item.city ? 1 : 0.4) * spread);
      if (views > 0)
        counts.countUsage("GUIDE_VIEW", item.implementationCode, {
          channel: "WEB",
          at: new Date(now.getTime() - day * DAY_MS),
          times: views,
        });
    }
  }
  await writeUsageCounts(client, counts);
  await recomputePopularity(client, now);
}
