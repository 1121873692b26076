import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "../env";
import { logger } from "../logger";
import { countRateLimitRefusal } from "../metrics/signals";

/**
 * Every rate limiter of the app comes from here, so all instances behind the load balancer share one budget per
 * key (issue 8): with N instances a client must not get N times the requests, nor N times the guesses at a case's
 * query code.
 *
 * Store: Redis when REDIS_URL is set (ioredis, which rate-limiter-flexible documents), otherwise the `rate_limit`
 * table in the app's PostgreSQL (RateLimiterPostgres over a small pool of its own, so a burst of limited requests
 * cannot starve Prisma's pool). The table comes from a migration (prisma/migrations/…_shared_rate_limits_cache),
 * so `tableCreated: true`: nothing is created at run time. Without any database URL (unit tests of pure code)
 * limiters stay in memory.
 *
 * When the store fails (database or Redis down or slow), each limiter falls back to an in-memory limiter of the same
 * budget in this instance (rate-limiter-flexible's insuranceLimiter): limiting goes on per instance instead of
 * failing open entirely or turning every request into a 500. A store call that hangs is cut off after
 * STORE_TIMEOUT_MS (pool connect timeout, statement timeout, ioredis command timeout), so the fallback is quick.
 * Requests that then reach the database fail on their own and are answered 503 by the API wrappers.
 */

export type LimiterOptions = {
  /** Names the limiter; part of every key, so limiters never share counters. */
  keyPrefix: string;
  /** Requests (points) allowed per window. */
  points: number;
  /** Window in seconds. */
  duration: number;
  /** Once the points are used up, the key stays refused this many seconds from then (default: until the window ends). */
  blockDuration?: number;
};

const TABLE = "rate_limit";
const STORE_TIMEOUT_MS = 1500;
/** The table's key column is varchar(255): longer keys (never expected: IPs, ids, case numbers) are hashed. */
const MAX_KEY_LENGTH = 160;

type SharedStores = { pools: Map<string, pg.Pool>; redis: Map<string, Promise<import("ioredis").Redis>> };
const globalStores = globalThis as unknown as { onewindowRateLimitStores?: SharedStores };

function stores(): SharedStores {
  globalStores.onewindowRateLimitStores ??= { pools: new Map(), redis: new Map() };
  return globalStores.onewindowRateLimitStores;
}

/** The small pool the PostgreSQL limiters share (one per process and database). */
function rateLimitPool(url: string): pg.Pool {
  const shared = stores();
  let pool = shared.pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 3,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: STORE_TIMEOUT_MS,
      statement_timeout: STORE_TIMEOUT_MS,
      query_timeout: STORE_TIMEOUT_MS,
      application_name: "onewindow-rate-limit",
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process: the pool opens a
    // new one on the next query.
    // Only code and message: pg's error carries the whole client object (connection settings included).
    pool.on("error", (error: Error & { code?: string }) =>
      logger.warn({ code: error.code, reason: error.message }, "rate limit pool: connection lost"),
    );
    shared.pools.set(url, pool);
  }
  return pool;
}

/**
 * The Redis connection the limiters share (one per process and URL). It is handed out once its first connection
 * attempt has settled: with `enableOfflineQueue: false` a command sent while still connecting fails at once, so
 * without waiting every instance would count its first requests in memory only. A Redis that refuses or does not
 * answer within STORE_TIMEOUT_MS does not hold requests up: the insurance limiter answers until ioredis reconnects.
 */
function redisClient(url: string): Promise<import("ioredis").Redis> {
  const shared = stores();
  let client = shared.redis.get(url);
  if (!client) {
    client = (async () => {
      const { Redis } = await import("ioredis");
      const redis = new Redis(url, {
        // Commands fail at once while disconnected (the insurance limiter answers) instead of queueing.
        enableOfflineQueue: false,
        commandTimeout: STORE_TIMEOUT_MS,
        maxRetriesPerRequest: 1,
      });
      redis.on("error", (error) => logger.warn({ err: error }, "rate limit Redis: connection error"));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, STORE_TIMEOUT_MS);
        function done() {
          clearTimeout(timer);
          redis.off("ready", done);
          redis.off("error", done);
          resolve();
        }
        redis.once("ready", done);
        redis.once("error", done);
      });
      return redis;
    })();
    shared.redis.set(url, client);
  }
  return client;
}

export type RateLimiter = RateLimiterAbstract;

/**
 * A limiter in the shared store (see above). `url` and `redisUrl` default to the app's configuration; tests pass
 * them to build two limiters as two app instances would.
 */
export function createRateLimiter(
  options: LimiterOptions,
  stores: { url?: string; redisUrl?: string } = { url: env().DATABASE_URL, redisUrl: env().REDIS_URL },
): RateLimiter {
  const insuranceLimiter = new RateLimiterMemory({ ...options });
  if (stores.redisUrl) {
    return new LazyRedisLimiter(options, stores.redisUrl, insuranceLimiter);
  }
  if (stores.url) {
    return new RateLimiterPostgres({
      ...options,
      storeClient: rateLimitPool(stores.url),
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      // Expired rows are deleted (one hour after expiry) by each instance every five minutes.
      clearExpiredByTimeout: true,
      insuranceLimiter,
    });
  }
  return insuranceLimiter;
}

/**
 * The Redis limiter is built on first use (ioredis is imported only when REDIS_URL is set); until then, and if
 * building it fails, the insurance limiter answers.
 */
class LazyRedisLimiter extends RateLimiterMemory {
  private inner: Promise<RateLimiterRedis> | null = null;

  constructor(
    private readonly options: LimiterOptions,
    private readonly redisUrl: string,
    private readonly insurance: RateLimiterMemory,
  ) {
    super({ ...options });
  }

  private limiter(): Promise<RateLimiterRedis> {
    this.inner ??= redisClient(this.redisUrl).then(
      (client) =>
        new RateLimiterRedis({
          ...this.options,
          storeClient: client,
          rejectIfRedisNotReady: true,
          insuranceLimiter: this.insurance,
        }),
    );
    return this.inner;
  }

  override async consume(
    key: string | number,
    points = 1,
    options: { [key: string]: unknown } = {},
  ): Promise<RateLimiterRes> {
    return (await this.limiter()).consume(key, points, options);
  }

  override async get(key: string | number, options: { [key: string]: unknown } = {}): Promise<RateLimiterRes | null> {
    return (await this.limiter()).get(key, options);
  }

  override async delete(key: string | number, options: { [key: string]: unknown } = {}): Promise<boolean> {
    return (await this.limiter()).delete(key, options);
  }

  // Without this, RateLimiterMemory's own reward would give the point back in this wrapper's memory, never in
  // Redis (refundPoint: a right check code would stay counted as a guess).
  override async reward(
    key: string | number,
    points = 1,
    options: { [key: string]: unknown } = {},
  ): Promise<RateLimiterRes> {
    return (await this.limiter()).reward(key, points, options);
  }
}

function storedKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

/**
 * Takes one point for `key`: null when allowed, otherwise the seconds to wait (for Retry-After). Errors other
 * than "over the limit" cannot reach the caller while an insurance limiter is in place; any that still do are
 * rethrown.
 */
export async function retryAfterSeconds(limiter: RateLimiter, key: string, points = 1): Promise<number | null> {
  try {
    await limiter.consume(storedKey(key), points);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      countRateLimitRefusal(limiter.keyPrefix);
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
    throw rejection;
  }
}

/**
 * Gives back a point taken by retryAfterSeconds, for limits that count only failures but must be taken before the
 * outcome is known (a guess is reserved, then refunded when it was right): checking first and counting afterwards
 * lets every concurrent guess through the check. Best effort: a store failure only leaves the point counted.
 */
export async function refundPoint(limiter: RateLimiter, key: string): Promise<void> {
  try {
    await limiter.reward(storedKey(key), 1);
  } catch (error) {
    logger.warn({ err: error, keyPrefix: limiter.keyPrefix }, "rate limit: refund failed");
  }
}

/** Closes the shared pool and Redis connection (tests, shutdown). */
export async function closeRateLimitStores(): Promise<void> {
  const shared = stores();
  const pools = [...shared.pools.values()];
  const clients = [...shared.redis.values()];
  shared.pools.clear();
  shared.redis.clear();
  await Promise.all([
    ...pools.map((pool) => pool.end()),
    // quit() waits for pending replies; a client that is not connected is disconnected (which also stops reconnecting).
    ...clients.map(async (pending) => {
      const client = await pending;
      await client.quit().catch(() => client.disconnect());
    }),
  ]);
}
