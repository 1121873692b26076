import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { z } from "zod";
import { countSearch, countSearchClick, countUsage } from "./usage";

/**
 * What the portal's pages report (POST /api/usage, sent by public/enhance.js, which also runs on the cached pages
 * that carry no React runtime): a guide shown, a search and how many results it found, or a result opened at a
 * position. No cookie, no identifier, nothing about the visitor.
 */
const ItemCode = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, { message: "analytics.errors.item" });
export const UsageBeacon = z.discriminatedUnion(
  "event",
  [
    z.object({ event: z.literal("view"), item: ItemCode }),
    z.object({
      event: z.literal("search"),
      q: z.string().max(200, { message: "analytics.errors.query" }),
      results: z.number({ message: "analytics.errors.results" }).int().min(0).max(10_000_000),
    }),
    z.object({
      event: z.literal("click"),
      item: ItemCode,
      q: z.string().max(200, { message: "analytics.errors.query" }).default(""),
      position: z.number({ message: "analytics.errors.position" }).int().min(1).max(10_000),
    }),
  ],
  { message: "analytics.errors.event" },
);
export type UsageBeacon = z.infer<typeof UsageBeacon>;

/** Do-Not-Track or Global Privacy Control: the visitor asked not to be counted, so nothing is counted. */
export function mayCount(headers: Headers): boolean {
  return headers.get("dnt") !== "1" && headers.get("sec-gpc") !== "1";
}

/**
 * Beacons one address may send per minute to one instance before the rest are ignored: enough for a busy office
 * behind one address, not for inflating an item's popularity. Kept in memory: a shared store would cost a round
 * trip per view, which the counting exists to avoid.
 */
const BEACONS_PER_MINUTE = 300;
const perAddress = new RateLimiterMemory({ keyPrefix: "usage-beacon", points: BEACONS_PER_MINUTE, duration: 60 });

/** Counts a beacon unless the address has sent too many; true when counted. */
export async function countBeacon(beacon: UsageBeacon, ip: string): Promise<boolean> {
  try {
    await perAddress.consume(ip || "unknown");
  } catch {
    return false;
  }
  if (beacon.event === "view") countUsage("GUIDE_VIEW", beacon.item, { channel: "WEB" });
  else if (beacon.event === "search") countSearch(beacon.q, beacon.results);
  else {
    countUsage("SEARCH_CLICK", beacon.item, { channel: "WEB", position: beacon.position });
    if (beacon.q) countSearchClick(beacon.q);
  }
  return true;
}
