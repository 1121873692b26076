import { chinaDayStart, chinaToday } from "../calendar/china-time";
import { addDays } from "../calendar/working-days";
import type { PrismaClient } from "../generated/prisma/client";

/** The window popularity looks back over, in China days (today included). */
export const POPULARITY_DAYS = 30;
/** An application started weighs as much as this many guide views: it is what the guide is for. */
export const APPLICATION_WEIGHT = 10;

/**
 * Recomputes every item's popularity ("most used", the search's tie-break and its popularity sort) from live data:
 * guide views (usage_daily) plus APPLICATION_WEIGHT × applications started over the last POPULARITY_DAYS days. Only
 * changed items are written, to the item and to its search document; returns how many items changed (the job,
 * lib/jobs/popularity.ts, then refreshes the catalogue pages). Idempotent: a second run changes nothing.
 */
export async function recomputePopularity(
  client: Pick<PrismaClient, "$transaction">,
  now: Date = new Date(),
): Promise<number> {
  const from = addDays(chinaToday(now), -(POPULARITY_DAYS - 1));
  return client.$transaction(async (tx) => {
    const items = await tx.$executeRaw`
      WITH views AS (
        SELECT service_item_id, sum(count) AS n FROM usage_daily
         WHERE event = 'GUIDE_VIEW' AND day >= ${from}::date GROUP BY 1
      ), apps AS (
        SELECT service_item_id, count(*) AS n FROM application WHERE created_at >= ${chinaDayStart(from)} GROUP BY 1
      ), score AS (
        SELECT si.id, least(coalesce(v.n, 0) + ${APPLICATION_WEIGHT} * coalesce(a.n, 0), 2147483647)::int AS popularity
          FROM service_item si
          LEFT JOIN views v ON v.service_item_id = si.id
          LEFT JOIN apps a ON a.service_item_id = si.id
      )
      UPDATE service_item si SET popularity = score.popularity
        FROM score WHERE score.id = si.id AND si.popularity <> score.popularity`;
    await tx.$executeRaw`
      UPDATE search_document d SET popularity = si.popularity
        FROM service_item si WHERE si.id = d.service_item_id AND d.popularity <> si.popularity`;
    return items;
  });
}
