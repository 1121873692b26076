import { chinaDate } from "../calendar/china-time";
import type { PrismaClient } from "../generated/prisma/client";
import { searchLogText } from "./mask";

/**
 * Journey counts held in memory until they are written in one statement per table: the one counting path for the
 * app (lib/analytics/usage.ts keeps one per instance and writes it every few seconds) and for the demo seed's
 * simulated history. A count knows its China day, item code, event, result position and channel — never who.
 */

export type UsageEvent = "GUIDE_VIEW" | "SEARCH_CLICK";
export type UsageChannel = "WEB" | "API";

/** Positions below the first result page are counted together. */
export const LAST_POSITION = 21;

type SearchCount = { searches: number; zeroResults: number; clicks: number; lastResultCount: number };
type CountsDb = Pick<PrismaClient, "$transaction" | "$executeRaw">;

export class UsageCounts {
  usage = new Map<string, number>();
  searches = new Map<string, SearchCount>();
  /** Set once a key was refused for room; cleared when the counts are taken. */
  full = false;

  /** `maxKeys`: distinct counts held at most; beyond it new keys are refused (a flood of made-up codes). */
  constructor(private readonly maxKeys = 20_000) {}

  get size(): number {
    return this.usage.size + this.searches.size;
  }

  private hasRoom(map: Map<string, unknown>, key: string): boolean {
    if (map.has(key) || map.size < this.maxKeys) return true;
    this.full = true;
    return false;
  }

  /** Counts `times` events for the item with this implementation code (unknown codes are dropped when written). */
  countUsage(
    event: UsageEvent,
    itemCode: string,
    options: { channel: UsageChannel; position?: number; at?: Date; times?: number },
  ): void {
    const position =
      event === "SEARCH_CLICK" ? Math.min(LAST_POSITION, Math.max(1, Math.trunc(options.position ?? 1))) : 0;
    const key = [chinaDate(options.at ?? new Date()), itemCode, event, position, options.channel].join("|");
    if (!this.hasRoom(this.usage, key)) return;
    this.usage.set(key, (this.usage.get(key) ?? 0) + (options.times ?? 1));
  }

  private addSearch(typed: string, at: Date | undefined, change: (count: SearchCount) => void): void {
    const masked = searchLogText(typed).slice(0, 200);
    if (!masked) return;
    const key = `${chinaDate(at ?? new Date())}|${masked}`;
    if (!this.hasRoom(this.searches, key)) return;
    const count = this.searches.get(key) ?? { searches: 0, zeroResults: 0, clicks: 0, lastResultCount: 0 };
    change(count);
    this.searches.set(key, count);
  }

  /** Counts one search (the text as typed: masked and normalised here) and how many results it found. */
  countSearch(typed: string, resultCount: number, at?: Date): void {
    this.addSearch(typed, at, (count) => {
      count.searches += 1;
      if (resultCount === 0) count.zeroResults += 1;
      count.lastResultCount = Math.max(0, Math.trunc(resultCount) || 0);
    });
  }

  /** Counts that a result of this search (the text as typed) was opened. */
  countSearchClick(typed: string, at?: Date): void {
    this.addSearch(typed, at, (count) => {
      count.clicks += 1;
    });
  }

  /** Hands over everything counted so far and starts empty. */
  take(): UsageCounts {
    const taken = new UsageCounts(this.maxKeys);
    taken.usage = this.usage;
    taken.searches = this.searches;
    this.usage = new Map();
    this.searches = new Map();
    this.full = false;
    return taken;
  }

  /** Adds counts back (a write that failed), as far as there is room. */
  merge(other: UsageCounts): void {
    for (const [key, n] of other.usage)
      if (this.hasRoom(this.usage, key)) this.usage.set(key, (this.usage.get(key) ?? 0) + n);
    for (const [key, count] of other.searches) {
      if (!this.hasRoom(this.searches, key)) continue;
      const kept = this.searches.get(key);
      this.searches.set(
        key,
        kept
          ? {
              searches: kept.searches + count.searches,
              zeroResults: kept.zeroResults + count.zeroResults,
              clicks: kept.clicks + count.clicks,
              lastResultCount: kept.lastResultCount,
            }
          : { ...count },
      );
    }
  }
}

/**
 * Adds the counts to usage_daily and search_query_daily, one statement each. The commit does not wait for the
 * disk (synchronous_commit off, this transaction only): a counter, not a record anyone relies on.
 */
export async function writeUsageCounts(client: CountsDb, counts: UsageCounts): Promise<void> {
  if (counts.size === 0) return;
  const usage = [...counts.usage].map(
    ([key, n]) => [...key.split("|"), n] as [string, string, string, string, string, number],
  );
  const searches = [...counts.searches].map(([key, count]) => {
    const cut = key.indexOf("|");
    return { day: key.slice(0, cut), query: key.slice(cut + 1), ...count };
  });
  await client.$transaction([
    client.$executeRaw`SET LOCAL synchronous_commit = off`,
    client.$executeRaw`
      INSERT INTO usage_daily (day, service_item_id, event, position, channel, count)
      SELECT u.day, si.id, u.event::"UsageEvent", u.position, u.channel::"UsageChannel", u.n
        FROM unnest(${usage.map((row) => row[0])}::date[], ${usage.map((row) => row[1])}::text[],
                    ${usage.map((row) => row[2])}::text[], ${usage.map((row) => Number(row[3]))}::int[],
                    ${usage.map((row) => row[4])}::text[], ${usage.map((row) => row[5])}::int[])
             AS u(day, code, event, position, channel, n)
        JOIN service_item si ON si.implementation_code = u.code
      ON CONFLICT (day, service_item_id, event, position, channel)
      DO UPDATE SET count = usage_daily.count + EXCLUDED.count`,
    client.$executeRaw`
      INSERT INTO search_query_daily (day, query, searches, zero_results, clicks, last_result_count)
      SELECT * FROM unnest(${searches.map((row) => row.day)}::date[], ${searches.map((row) => row.query)}::text[],
                           ${searches.map((row) => row.searches)}::int[], ${searches.map((row) => row.zeroResults)}::int[],
                           ${searches.map((row) => row.clicks)}::int[], ${searches.map((row) => row.lastResultCount)}::int[])
      ON CONFLICT (day, query) DO UPDATE SET
        searches = search_query_daily.searches + EXCLUDED.searches,
        zero_results = search_query_daily.zero_results + EXCLUDED.zero_results,
        clicks = search_query_daily.clicks + EXCLUDED.clicks,
        last_result_count = CASE WHEN EXCLUDED.searches > 0 THEN EXCLUDED.last_result_count
                                 ELSE search_query_daily.last_result_count END`,
  ]);
}
