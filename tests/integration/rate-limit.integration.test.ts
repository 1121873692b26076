import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { apiRoute } from "../../lib/api/http";
import { PUBLIC_API_POINTS_PER_MINUTE } from "../../lib/api/limits";
import { closeRateLimitStores, createRateLimiter, refundPoint, retryAfterSeconds } from "../../lib/http/rate-limit";
import { useTestRedis } from "../support/redis";

/**
 * Rate limits shared by all app instances (issue 8): each limiter below is built as another app instance would
 * build it, against the real `rate_limit` table of this file's database.
 */
const url = process.env.DATABASE_URL ?? "";
const prefix = () => `test-${randomBytes(4).toString("hex")}`;

afterAll(async () => {
  await closeRateLimitStores();
});

async function storedPoints(key: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ points: number }>("SELECT points FROM rate_limit WHERE key = $1", [key]);
    return rows[0]?.points ?? null;
  } finally {
    await client.end();
  }
}

describe("shared rate limits", () => {
  it("two instances share one budget per key in PostgreSQL", async () => {
    const keyPrefix = prefix();
    const instanceA = createRateLimiter({ keyPrefix, points: 3, duration: 60 }, { url });
    const instanceB = createRateLimiter({ keyPrefix, points: 3, duration: 60 }, { url });
    expect(await retryAfterSeconds(instanceA, "203.0.113.7")).toBeNull();
    expect(await retryAfterSeconds(instanceB, "203.0.113.7")).toBeNull();
    expect(await retryAfterSeconds(instanceA, "203.0.113.7")).toBeNull();
    expect(await storedPoints(`${keyPrefix}:203.0.113.7`)).toBe(3);
    // The fourth request is refused whichever instance it reaches, with the window's remaining seconds.
    const wait = await retryAfterSeconds(instanceB, "203.0.113.7");
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await retryAfterSeconds(instanceA, "203.0.113.7")).toBeGreaterThanOrEqual(1);
    // Another key, and another limiter's prefix, have budgets of their own.
    expect(await retryAfterSeconds(instanceA, "203.0.113.8")).toBeNull();
    expect(
      await retryAfterSeconds(
        createRateLimiter({ keyPrefix: prefix(), points: 3, duration: 60 }, { url }),
        "203.0.113.7",
      ),
    ).toBeNull();
  });

  it("the window ends for every instance at once", async () => {
    const keyPrefix = prefix();
    const instanceA = createRateLimiter({ keyPrefix, points: 1, duration: 1 }, { url });
    const instanceB = createRateLimiter({ keyPrefix, points: 1, duration: 1 }, { url });
    expect(await retryAfterSeconds(instanceA, "k")).toBeNull();
    expect(await retryAfterSeconds(instanceB, "k")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await retryAfterSeconds(instanceB, "k")).toBeNull();
  });

  it("gives a refunded point back in the table, where every instance sees it", async () => {
    const keyPrefix = prefix();
    const instanceA = createRateLimiter({ keyPrefix, points: 2, duration: 60, blockDuration: 60 }, { url });
    const instanceB = createRateLimiter({ keyPrefix, points: 2, duration: 60, blockDuration: 60 }, { url });
    expect(await retryAfterSeconds(instanceA, "licence")).toBeNull();
    await refundPoint(instanceA, "licence");
    expect(await storedPoints(`${keyPrefix}:licence`)).toBe(0);
    expect(await retryAfterSeconds(instanceB, "licence")).toBeNull();
    expect(await retryAfterSeconds(instanceB, "licence")).toBeNull();
    expect(await retryAfterSeconds(instanceA, "licence")).toBeGreaterThan(1);
  });

  it("hashes keys longer than the table's column allows", async () => {
    const keyPrefix = prefix();
    const limiter = createRateLimiter({ keyPrefix, points: 1, duration: 60 }, { url });
    const long = "x".repeat(1000);
    expect(await retryAfterSeconds(limiter, long)).toBeNull();
    expect(await retryAfterSeconds(limiter, long)).toBeGreaterThanOrEqual(1);
  });

  it("keeps limiting in memory when the database cannot be reached, instead of failing the request", async () => {
    // Nothing listens on port 1: every store call fails at once and the instance's own limiter answers.
    const down = "postgresql://nobody:nothing@127.0.0.1:1/none";
    const limiter = createRateLimiter({ keyPrefix: prefix(), points: 2, duration: 60 }, { url: down });
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeGreaterThanOrEqual(1);
  });

  it("the open API wrapper answers 429 with Retry-After once other instances used the address's budget", async () => {
    let handled = 0;
    const handler = apiRoute(async () => (handled++, Response.json({ ok: true })), { access: "public" });
    const ip = "192.0.2.44";
    const request = () =>
      handler(new Request("http://localhost/api/v1/items", { headers: { "x-onewindow-client-address": ip } }), {
        params: Promise.resolve({}),
      });
    expect((await request()).status).toBe(200);
    // Another instance (its own limiter object, same prefix as lib/api/http.ts) spends the rest of the minute's budget.
    const otherInstance = createRateLimiter(
      { keyPrefix: "open-api-ip", points: PUBLIC_API_POINTS_PER_MINUTE, duration: 60 },
      { url },
    );
    expect(await retryAfterSeconds(otherInstance, ip, PUBLIC_API_POINTS_PER_MINUTE - 1)).toBeNull();
    const refused = await request();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    // Once refused, the address is refused from this instance's memory: the handler does not run again.
    const handledBefore = handled;
    const again = await request();
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(handled).toBe(handledBefore);
    // Other addresses are unaffected.
    const other = await handler(
      new Request("http://localhost/api/v1/items", { headers: { "x-onewindow-client-address": "192.0.2.45" } }),
      { params: Promise.resolve({}) },
    );
    expect(other.status).toBe(200);
  });
});

/**
 * The same with REDIS_URL set: a real, throw-away redis-server (tests/support/redis.ts; the test fails, not skips,
 * when redis-server is not installed). Each limiter is built as another app instance would build it.
 */
describe("shared rate limits over Redis (REDIS_URL)", () => {
  const redis = useTestRedis();
  let connection: Redis | null = null;
  /** A client of the test's own, to look at what the limiters stored. */
  const inspector = () => (connection ??= new Redis(redis().url, { maxRetriesPerRequest: 1 }));
  afterAll(async () => {
    await closeRateLimitStores();
    connection?.disconnect();
  });

  it("two instances share one budget per key in Redis", async () => {
    const keyPrefix = prefix();
    const instanceA = createRateLimiter({ keyPrefix, points: 3, duration: 60 }, { redisUrl: redis().url });
    const instanceB = createRateLimiter({ keyPrefix, points: 3, duration: 60 }, { redisUrl: redis().url });
    expect(await retryAfterSeconds(instanceA, "203.0.113.7")).toBeNull();
    expect(await retryAfterSeconds(instanceB, "203.0.113.7")).toBeNull();
    expect(await retryAfterSeconds(instanceA, "203.0.113.7")).toBeNull();
    // The count is in Redis, with the window as its time to live; nothing went to PostgreSQL.
    expect(await inspector().get(`${keyPrefix}:203.0.113.7`)).toBe("3");
    const ttl = await inspector().pttl(`${keyPrefix}:203.0.113.7`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await storedPoints(`${keyPrefix}:203.0.113.7`)).toBeNull();
    const wait = await retryAfterSeconds(instanceB, "203.0.113.7");
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await retryAfterSeconds(instanceA, "203.0.113.7")).toBeGreaterThanOrEqual(1);
    expect(await retryAfterSeconds(instanceA, "203.0.113.8")).toBeNull();
    expect(
      await retryAfterSeconds(
        createRateLimiter({ keyPrefix: prefix(), points: 3, duration: 60 }, { redisUrl: redis().url }),
        "203.0.113.7",
      ),
    ).toBeNull();
    // Long keys are hashed the same way as for the table.
    const long = "x".repeat(1000);
    expect(await retryAfterSeconds(instanceA, long)).toBeNull();
    expect(await inspector().exists(`${keyPrefix}:${long}`)).toBe(0);
  });

  it("gives a refunded point back in Redis, where every instance sees it (a right code is not counted as a guess)", async () => {
    const keyPrefix = prefix();
    const instanceA = createRateLimiter(
      { keyPrefix, points: 2, duration: 60, blockDuration: 60 },
      { redisUrl: redis().url },
    );
    const instanceB = createRateLimiter(
      { keyPrefix, points: 2, duration: 60, blockDuration: 60 },
      { redisUrl: redis().url },
    );
    expect(await retryAfterSeconds(instanceA, "licence")).toBeNull();
    await refundPoint(instanceA, "licence");
    expect(await inspector().get(`${keyPrefix}:licence`)).toBe("0");
    expect(await retryAfterSeconds(instanceB, "licence")).toBeNull();
    expect(await retryAfterSeconds(instanceB, "licence")).toBeNull();
    expect(await retryAfterSeconds(instanceA, "licence")).toBeGreaterThan(1);
  });

  it("the window ends for every instance at once", async () => {
    const keyPrefix = prefix();
    const instanceA = createRateLimiter({ keyPrefix, points: 1, duration: 1 }, { redisUrl: redis().url });
    const instanceB = createRateLimiter({ keyPrefix, points: 1, duration: 1 }, { redisUrl: redis().url });
    expect(await retryAfterSeconds(instanceA, "k")).toBeNull();
    expect(await retryAfterSeconds(instanceB, "k")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await retryAfterSeconds(instanceB, "k")).toBeNull();
  });

  it("keeps limiting in memory while Redis is stopped, and uses Redis again once it is back", async () => {
    const keyPrefix = prefix();
    const limiter = createRateLimiter({ keyPrefix, points: 2, duration: 60 }, { redisUrl: redis().url });
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
    expect(await inspector().get(`${keyPrefix}:198.51.100.9`)).toBe("1");
    await redis().pause();
    try {
      // The instance's own limiter answers at once, with the same budget, and nothing throws.
      const started = Date.now();
      expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
      expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
      expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeGreaterThanOrEqual(1);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await redis().resume();
    }
    // The client reconnects by itself; counts go to Redis again.
    const deadline = Date.now() + 15_000;
    let back: string | null = null;
    while (Date.now() < deadline && back === null) {
      await retryAfterSeconds(limiter, "198.51.100.10");
      back = await inspector()
        .get(`${keyPrefix}:198.51.100.10`)
        .catch(() => null);
      if (back === null) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(back).not.toBeNull();
  });

  it("limits in memory when Redis cannot be reached at all, instead of failing the request", async () => {
    const limiter = createRateLimiter(
      { keyPrefix: prefix(), points: 2, duration: 60 },
      { redisUrl: "redis://127.0.0.1:1" },
    );
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeNull();
    expect(await retryAfterSeconds(limiter, "198.51.100.9")).toBeGreaterThanOrEqual(1);
  });
});
