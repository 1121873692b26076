import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { logger } from "../logger";
import { UsageCounts, writeUsageCounts } from "./counts";

export { LAST_POSITION, type UsageChannel, type UsageEvent } from "./counts";

/**
 * First-party, cookie-less journey counting in the app. A guide view, a search and an opened search result add one
 * to this instance's counts in memory (counts.ts); every ANALYTICS_FLUSH_SECONDS they are added to usage_daily and
 * search_query_daily in one statement each, so no page waits for a write, and a crash loses at most the last few
 * seconds of counting. Nothing identifies anyone, and search text is masked first (mask.ts). Whether to count at
 * all (Do-Not-Track, Global Privacy Control) is the caller's decision: `mayCount` in beacon.ts.
 *
 * The counts live on globalThis, not in this module: every compiled route bundle may hold its own copy of this
 * file, and the server script (scripts/server.ts) writes them through `flush` on its way out.
 */

type Holder = { counts: UsageCounts; timer?: NodeJS.Timeout; flush: () => Promise<void>; warned?: boolean };
const shared = globalThis as unknown as { onewindowUsageBuffer?: Holder };

function holder(): Holder {
  const current = (shared.onewindowUsageBuffer ??= { counts: new UsageCounts(), flush: flushUsage });
  if (!current.timer) {
    current.timer = setInterval(() => void flushUsage(), env().ANALYTICS_FLUSH_SECONDS * 1000);
    current.timer.unref();
  }
  return current;
}

function counted(current: Holder): void {
  if (current.counts.full && !current.warned) {
    current.warned = true;
    logger.warn({ component: "analytics" }, "usage counts full until the next write; new counts wait");
  }
}

export function countUsage(...args: Parameters<UsageCounts["countUsage"]>): void {
  const current = holder();
  current.counts.countUsage(...args);
  counted(current);
}

export function countSearch(typed: string, resultCount: number, at?: Date): void {
  const current = holder();
  current.counts.countSearch(typed, resultCount, at);
  counted(current);
}

export function countSearchClick(typed: string, at?: Date): void {
  const current = holder();
  current.counts.countSearchClick(typed, at);
  counted(current);
}

/** Adds this instance's counts to the database now; on failure they stay for the next round. */
export async function flushUsage(): Promise<void> {
  const current = shared.onewindowUsageBuffer;
  if (!current || current.counts.size === 0) return;
  const taken = current.counts.take();
  current.warned = false;
  try {
    await writeUsageCounts(db(), taken);
  } catch (error) {
    logger.warn({ err: error, component: "analytics" }, "usage counts not written; kept for the next round");
    current.counts.merge(taken);
  }
}
