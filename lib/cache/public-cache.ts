/**
 * What everyone sees alike, cached with tags (issue 17): the renderings of anonymous public pages
 * (lib/cache/public-pages.ts) and the published catalogue data those pages and signed-in pages read
 * (`publicRead` below). One mechanism for both:
 *
 * - Every entry carries tags naming what it shows (PUBLIC_TAGS) and the time its reading *started*; it is valid
 *   while younger than its lifetime and no tag of it was invalidated at or after that time. (A read that started
 *   before a publish and finished after it is therefore never taken for fresh.)
 * - `invalidatePublicContent(tags)` is called by the mechanisms that change what the tags name (publishing,
 *   suspending, an FAQ answer, reference data, the statistics roll-up). It takes effect at once in this process
 *   and records the tags' expiry in the store every instance shares, the one Next.js's own cache uses
 *   (lib/cache/next-cache-handler.mjs: next_cache_tag in PostgreSQL, or Redis).
 * - The production server follows that record (`followSharedInvalidations`, once a second), so another instance
 *   stops serving what a publish changed within FOLLOW_INTERVAL_MS plus one query.
 *
 * State is on globalThis: scripts/server.ts (which serves pages and follows the store) and the Next.js bundles
 * (server actions that invalidate, pages that read) are separate module instances of one Node.js process.
 *
 * Outside the production server (tests, scripts, builds) data reads are not cached unless a caller turns it on
 * (`setPublicReadCaching`), so code that writes the database directly never reads an old copy.
 */
import SharedCacheHandler from "./next-cache-handler.mjs";

/** The things a public page or read shows; a tag is invalidated when what it names changes. */
export const PUBLIC_TAGS = {
  /** Published items, their guides and FAQs, themes, departments, regions, search synonyms. */
  catalogue: "public:catalogue",
  /** The statistics roll-up and the satisfaction figures built from it. */
  statistics: "public:statistics",
  /** Pages with no data of their own (sign-in, registration, tracking and verification forms): only a deploy changes them. */
  forms: "public:forms",
} as const;
export type PublicTag = (typeof PUBLIC_TAGS)[keyof typeof PUBLIC_TAGS];
export const ALL_PUBLIC_TAGS: readonly PublicTag[] = Object.values(PUBLIC_TAGS);

/** How often the production server reads the shared record of invalidated tags. */
export const FOLLOW_INTERVAL_MS = 1000;
/** Lifetime of a cached data read; invalidation normally ends it sooner. */
export const PUBLIC_READ_SECONDS = 60;
const MAX_READS = 2000;

type ReadEntry = { value: Promise<unknown>; startedAt: number; tags: readonly PublicTag[] };
type State = {
  /** When each tag was last invalidated (here or, as followed, anywhere), Unix ms. */
  expiries: Map<string, number>;
  reads: Map<string, ReadEntry>;
  caching: boolean;
  shared: SharedCacheHandler | null | undefined;
};

const KEY = Symbol.for("onewindow.publicCache");

function state(): State {
  const holder = globalThis as typeof globalThis & { [KEY]?: State };
  holder[KEY] ??= { expiries: new Map(), reads: new Map(), caching: false, shared: undefined };
  return holder[KEY];
}

/** True when an entry that started at `startedAt` with these tags is still what they name. */
export function stillCurrent(tags: readonly string[], startedAt: number): boolean {
  const { expiries } = state();
  for (const tag of tags) {
    const expiry = expiries.get(tag);
    if (expiry !== undefined && expiry >= startedAt) return false;
  }
  return true;
}

/** The store shared by every instance, or null when there is none (a build without a database). */
function sharedStore(): SharedCacheHandler | null {
  const current = state();
  if (current.shared === undefined) {
    const handler = new SharedCacheHandler();
    current.shared = handler.store ? handler : null;
  }
  return current.shared;
}

/** Record tag expiries learnt from elsewhere (the shared store); keeps the later of the two times. */
export function noteExpiries(times: ReadonlyMap<string, number>): void {
  const { expiries } = state();
  for (const [tag, time] of times) if ((expiries.get(tag) ?? -Infinity) < time) expiries.set(tag, time);
}

/**
 * What the tags name has changed: cached pages and reads carrying them are not served again, here at once and on
 * every other instance once it has followed the shared record. Never throws: a store failure is logged by the
 * store, and the other instances then catch up when their entries' lifetimes end.
 */
export async function invalidatePublicContent(tags: readonly PublicTag[], now = Date.now()): Promise<void> {
  noteExpiries(new Map(tags.map((tag) => [tag, now])));
  const { reads } = state();
  for (const [key, entry] of reads) if (entry.tags.some((tag) => tags.includes(tag))) reads.delete(key);
  await sharedStore()?.revalidateTag([...tags]);
}

/** Follow invalidations made on other instances; returns a function that stops following. */
export function followSharedInvalidations(
  onError: (error: Error) => void,
  intervalMs = FOLLOW_INTERVAL_MS,
): () => void {
  const store = sharedStore();
  if (!store) return () => {};
  let failing = false;
  const timer = setInterval(() => {
    store
      .tagExpiries([...ALL_PUBLIC_TAGS])
      .then((times) => {
        failing = false;
        noteExpiries(times);
      })
      .catch((error: Error) => {
        // Reported once per outage; entries still end with their lifetimes meanwhile.
        if (!failing) onError(error);
        failing = true;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Turns caching of data reads on (the production server) or off (the default, and tests that want it back off). */
export function setPublicReadCaching(on: boolean): void {
  const current = state();
  current.caching = on;
  if (!on) current.reads.clear();
}

/**
 * Published data everyone reads alike, through the tagged cache: `load` runs once per key until the tags are
 * invalidated or PUBLIC_READ_SECONDS pass; concurrent readers of a missing key share one load. The value is shared
 * by every reader: callers must not change it. A failed load is not kept.
 */
export function publicRead<T>(
  key: string,
  tags: readonly PublicTag[],
  load: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const current = state();
  if (!current.caching) return load();
  const entry = current.reads.get(key);
  if (entry && now - entry.startedAt < PUBLIC_READ_SECONDS * 1000 && stillCurrent(entry.tags, entry.startedAt))
    return entry.value as Promise<T>;
  const value = load();
  const fresh: ReadEntry = { value, startedAt: now, tags };
  current.reads.delete(key);
  current.reads.set(key, fresh);
  while (current.reads.size > MAX_READS) current.reads.delete(current.reads.keys().next().value as string);
  value.catch(() => {
    if (current.reads.get(key) === fresh) current.reads.delete(key);
  });
  return value;
}

/** For tests: forget every entry and every noted expiry in this process. */
export function resetPublicCacheState(): void {
  const current = state();
  current.expiries.clear();
  current.reads.clear();
}

/** A committed change, then the invalidation of what it changed; a change that fails invalidates nothing. */
export async function changedPublicContent<T>(tags: readonly PublicTag[], change: Promise<T>): Promise<T> {
  const result = await change;
  await invalidatePublicContent(tags);
  return result;
}
