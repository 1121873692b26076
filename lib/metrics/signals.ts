/**
 * The recording side of the metrics (issue 24): plain numbers on globalThis, no imports.
 *
 * The places that count run in three module graphs of up to two processes: Next.js's bundles (the item-page cache
 * in proxy.ts, the rate limiters in route handlers and server actions, the shared ISR cache handler), the custom
 * server (scripts/server.ts, loaded by tsx) and the background-jobs process (scripts/jobs.ts). A module loaded by
 * two graphs is two module instances in one process, so the counts live on globalThis under a Symbol.for key (as
 * lib/cache/public-pages.ts and lib/db/outage.ts keep their state), and this file imports nothing, so the
 * bundles never carry prom-client. The Prometheus registry (lib/metrics/registry.ts, loaded only by the two
 * scripts) reads these values when it is scraped.
 *
 * Every label value recorded here comes from a fixed set in the code (limiter names, job names, outcome names),
 * never from a request, so the number of series stays bounded.
 */

/** What lib/db/client.ts hands over of a pg Pool: its live counts (pg's Pool has these fields). */
export type PoolLike = {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  ended?: boolean;
  options?: { max?: number };
};

export type JobState = {
  intervalSeconds: number;
  /** When the loop was started in this process (ms since the epoch). */
  registeredAt: number;
  running: boolean;
  runs: number;
  failures: number;
  durationSecondsTotal: number;
  lastDurationSeconds: number | null;
  lastStartedAt: number | null;
  /** Start of the last run that succeeded: lag is measured from it. */
  lastSucceededAt: number | null;
  lastFailedAt: number | null;
};

/** Outcome tallies reported by the jobs from their round results (fixed field names of those results). */
export type OutcomeKind = "deadline_sweep" | "notification_deliveries" | "webhook_deliveries";

type Signals = {
  pageCache: Map<string, number>;
  rateLimitRefusals: Map<string, number>;
  pools: Map<string, PoolLike>;
  jobs: Map<string, JobState>;
  outcomes: Map<OutcomeKind, Map<string, number>>;
};

const KEY = Symbol.for("onewindow.metrics.signals");

/** The shared state; exported for the registry and for tests. */
export function signals(): Signals {
  const holder = globalThis as typeof globalThis & { [KEY]?: Signals };
  holder[KEY] ??= {
    pageCache: new Map(),
    rateLimitRefusals: new Map(),
    pools: new Map(),
    jobs: new Map(),
    outcomes: new Map(),
  };
  return holder[KEY];
}

function add(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export type PageCacheName = "public_page" | "next";
export type PageCacheResult = "hit" | "miss" | "stale" | "error";

/** One lookup in a page cache: the anonymous public pages (lib/cache/public-pages.ts) or Next.js's shared ISR cache. */
export function countPageCache(cache: PageCacheName, result: PageCacheResult): void {
  add(signals().pageCache, `${cache}\u0000${result}`);
}

/** One request refused by a rate limit; `limiter` is the limiter's fixed keyPrefix (lib/http/rate-limit.ts) or sign-in throttle scope. */
export function countRateLimitRefusal(limiter: string): void {
  add(signals().rateLimitRefusals, limiter);
}

/** Makes a connection pool's live counts visible under `name` (replaces an earlier pool of that name, after a reconnect). */
export function watchPool(name: string, pool: PoolLike): void {
  signals().pools.set(name, pool);
}

/** Announces a background job loop (before its first run, so a job that never succeeds still shows its lag). */
export function registerJob(name: string, intervalSeconds: number, now = Date.now()): void {
  const jobs = signals().jobs;
  const existing = jobs.get(name);
  if (existing) {
    existing.intervalSeconds = intervalSeconds;
    return;
  }
  jobs.set(name, {
    intervalSeconds,
    registeredAt: now,
    running: false,
    runs: 0,
    failures: 0,
    durationSecondsTotal: 0,
    lastDurationSeconds: null,
    lastStartedAt: null,
    lastSucceededAt: null,
    lastFailedAt: null,
  });
}

export function jobStarted(name: string, now = Date.now()): void {
  const job = signals().jobs.get(name);
  if (!job) return;
  job.running = true;
  job.lastStartedAt = now;
}

/** Ends the run that `jobStarted` began at `startedAt`. */
export function jobFinished(
  name: string,
  { ok, startedAt, now = Date.now() }: { ok: boolean; startedAt: number; now?: number },
): void {
  const job = signals().jobs.get(name);
  if (!job) return;
  const seconds = Math.max(0, (now - startedAt) / 1000);
  job.running = false;
  job.runs++;
  job.durationSecondsTotal += seconds;
  job.lastDurationSeconds = seconds;
  if (ok) job.lastSucceededAt = startedAt;
  else {
    job.failures++;
    job.lastFailedAt = now;
  }
}

/**
 * How late a job is, in seconds: the time since its last successful run started (or since the loop was started,
 * before any success) beyond one interval. 0 while it keeps its rhythm; it grows while the job fails or hangs.
 */
export function jobLagSeconds(job: JobState, now = Date.now()): number {
  const since = job.lastSucceededAt ?? job.registeredAt;
  return Math.max(0, (now - since) / 1000 - job.intervalSeconds);
}

/** Adds a round's outcome counts (e.g. deliveries sent / retried / failed). */
export function countOutcomes(kind: OutcomeKind, counts: Record<string, number>): void {
  const all = signals().outcomes;
  let map = all.get(kind);
  if (!map) all.set(kind, (map = new Map()));
  for (const [outcome, n] of Object.entries(counts)) if (n > 0) add(map, outcome, n);
}
