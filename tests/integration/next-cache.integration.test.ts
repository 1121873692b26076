import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import SharedCacheHandler, {
  closeCacheStores,
  decodeValue,
  encodeValue,
  REDIS_PREFIX,
} from "../../lib/cache/next-cache-handler.mjs";
import { lazyTestRedis } from "../support/redis";

/**
 * The shared Next.js incremental cache (lib/cache/next-cache-handler.mjs), the same cases against both of its stores:
 * this file's real PostgreSQL database, and a real throw-away Redis (tests/support/redis.ts; the tests fail, not
 * skip, without redis-server), as with REDIS_URL set. Two handler objects stand for two app instances; each gets its
 * own in-process copy table (as separate processes would) by clearing the class-level memory between "instances".
 */
const url = process.env.DATABASE_URL ?? "";
const key = (name: string) => `/${name}-${randomBytes(4).toString("hex")}`;

/** Forget what this process remembers, as a different process would not have it. */
function otherProcess() {
  (SharedCacheHandler as unknown as { memory: Map<string, unknown> }).memory.clear();
}

function appPage(html: string, tags: string[]) {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`rsc:${html}`),
    headers: { "x-next-cache-tags": tags.join(",") },
    status: 200,
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  };
}

const client = new pg.Client({ connectionString: url });
await client.connect();
// Started before the Redis cases only, so the PostgreSQL ones do not depend on redis-server.
const testRedis = lazyTestRedis();
const redis = testRedis.get;
let connection: Redis | null = null;
/** A client of the test's own, to look at what the handlers stored. */
const inspector = () => (connection ??= new Redis(redis().url, { maxRetriesPerRequest: 1 }));
afterAll(async () => {
  await client.end();
  await closeCacheStores();
  connection?.disconnect();
  await testRedis.stop();
});

type Store = {
  name: string;
  /** Before each test: starts what the store needs. */
  prepare: () => Promise<void>;
  /** A handler as one app instance makes it with this store configured. */
  instance: () => SharedCacheHandler;
  /** An address where nothing answers. */
  unreachable: () => SharedCacheHandler;
  /** The stored (compressed) value of an entry, or null. */
  storedValue: (cacheKey: string) => Promise<string | null>;
  /** When a tag was last made to expire, or null. */
  tagExpiredAt: (tag: string) => Promise<number | null>;
};

const stores: Store[] = [
  {
    name: "PostgreSQL",
    prepare: async () => undefined,
    instance: () => new SharedCacheHandler({ databaseUrl: url, redisUrl: "" }),
    unreachable: () =>
      new SharedCacheHandler({ databaseUrl: "postgresql://nobody:nothing@127.0.0.1:1/none", redisUrl: "" }),
    storedValue: async (cacheKey) =>
      (await client.query("SELECT value FROM next_cache_entry WHERE key = $1", [cacheKey])).rows[0]?.value ?? null,
    tagExpiredAt: async (tag) => {
      const { rows } = await client.query("SELECT expired_at FROM next_cache_tag WHERE tag = $1", [tag]);
      return rows[0]?.expired_at == null ? null : Number(rows[0].expired_at);
    },
  },
  {
    name: "Redis",
    prepare: testRedis.start,
    // Redis wins over DATABASE_URL, as with both set in production.
    instance: () => new SharedCacheHandler({ databaseUrl: url, redisUrl: redis().url }),
    unreachable: () => new SharedCacheHandler({ redisUrl: "redis://127.0.0.1:1" }),
    storedValue: (cacheKey) => inspector().hget(`${REDIS_PREFIX}e:${cacheKey}`, "v"),
    tagExpiredAt: async (tag) => {
      const value = await inspector().hget(`${REDIS_PREFIX}t:${tag}`, "x");
      return value === null ? null : Number(value);
    },
  },
];

it("encodes Buffers and Maps losslessly", () => {
  const value = { a: Buffer.from([0, 1, 255]), m: new Map([["x", { b: Buffer.from("y") }]]), n: null, s: "文" };
  const round = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
  expect(Buffer.compare(round.a, value.a)).toBe(0);
  expect(round.m.get("x")?.b.toString()).toBe("y");
  expect(round.n).toBeNull();
  expect(round.s).toBe("文");
});

it("without a database or Redis it caches nothing", async () => {
  const none = new SharedCacheHandler({ databaseUrl: "", redisUrl: "" });
  await none.set("/x", appPage("x", []), {});
  expect(await none.get("/x", { kind: "APP_PAGE" })).toBeNull();
  await expect(none.revalidateTag("x")).resolves.toBeUndefined();
});

describe.each(stores)(
  "shared Next.js cache handler in $name",
  ({ name, prepare, instance, unreachable, storedValue, tagExpiredAt }) => {
    beforeEach(prepare);

    it("an entry set by one instance is read by another, with its lifetime", async () => {
      const page = key("items/A");
      const one = instance();
      await one.set(page, appPage("<p>v1</p>", ["_N_T_/layout", `_N_T_${page}`]), {
        cacheControl: { revalidate: false },
      });
      otherProcess();
      const two = instance();
      const entry = await two.get(page, { kind: "APP_PAGE" });
      expect(entry).not.toBeNull();
      const value = entry?.value as ReturnType<typeof appPage>;
      expect(value.html).toBe("<p>v1</p>");
      expect(Buffer.isBuffer(value.rscData) && value.rscData.toString()).toBe("rsc:<p>v1</p>");
      expect(value.segmentData.get("/_tree")?.toString()).toBe("tree");
      expect(entry?.cacheControl).toEqual({ revalidate: false });
      expect(entry?.lastModified).toBeGreaterThan(Date.now() - 60_000);
      // A later write by either instance replaces it for both (the in-process copy is checked against the row).
      await one.set(page, appPage("<p>v2</p>", [`_N_T_${page}`]), { cacheControl: { revalidate: 60 } });
      expect(((await two.get(page, { kind: "APP_PAGE" }))?.value as { html: string }).html).toBe("<p>v2</p>");
      expect(await two.get(key("never-set"), { kind: "APP_PAGE" })).toBeNull();
      // Stored gzip-compressed (base64 after a prefix), not as the raw JSON.
      const stored = await storedValue(page);
      expect(stored?.startsWith("gz:")).toBe(true);
      expect(stored).not.toContain("<p>v2</p>");
    });

    it("revalidatePath on one instance (an immediate tag expiry) removes the page for every instance", async () => {
      const page = key("items/B");
      const unrelated = key("items/C");
      const one = instance();
      const two = instance();
      await one.set(page, appPage("<p>old</p>", ["_N_T_/layout", `_N_T_${page}`]), {
        cacheControl: { revalidate: false },
      });
      await one.set(unrelated, appPage("<p>other</p>", ["_N_T_/layout", `_N_T_${unrelated}`]), {
        cacheControl: { revalidate: false },
      });
      expect(await two.get(page, { kind: "APP_PAGE" })).not.toBeNull(); // instance two has it in memory now
      await one.revalidateTag([`_N_T_${page}`]);
      expect(await two.get(page, { kind: "APP_PAGE" })).toBeNull();
      expect(await one.get(page, { kind: "APP_PAGE" })).toBeNull();
      expect(await two.get(unrelated, { kind: "APP_PAGE" })).not.toBeNull();
      expect(await tagExpiredAt(`_N_T_${page}`)).toBeGreaterThan(0);
      // The entry itself is gone from the store, the unrelated one stays.
      expect(await storedValue(page)).toBeNull();
      expect(await storedValue(unrelated)).not.toBeNull();
      // The page rendered again after the revalidation is served again.
      await two.set(page, appPage("<p>new</p>", ["_N_T_/layout", `_N_T_${page}`]), {
        cacheControl: { revalidate: false },
      });
      expect(((await one.get(page, { kind: "APP_PAGE" }))?.value as { html: string }).html).toBe("<p>new</p>");
    });

    it("a fetch entry expires through its soft tags too, which are not stored with it", async () => {
      const fetchKey = key("fetch");
      const one = instance();
      const two = instance();
      await one.set(
        fetchKey,
        { kind: "FETCH", data: { headers: {}, body: "e30=", status: 200 }, revalidate: 300, tags: ["catalogue"] },
        { fetchCache: true, tags: ["catalogue"] },
      );
      expect(
        await two.get(fetchKey, { kind: "FETCH", tags: ["catalogue"], softTags: ["_N_T_/items/X"] }),
      ).not.toBeNull();
      const softTag = `_N_T_/items/${randomBytes(3).toString("hex")}`;
      await one.revalidateTag(softTag);
      expect(await two.get(fetchKey, { kind: "FETCH", tags: ["catalogue"], softTags: [softTag] })).toBeNull();
    });

    it("revalidateTag with a profile marks entries stale (served while regenerated) until they expire", async () => {
      const page = key("themes/T");
      const tag = `theme-${randomBytes(3).toString("hex")}`;
      const one = instance();
      const two = instance();
      await one.set(page, appPage("<p>t</p>", [tag]), { cacheControl: { revalidate: false } });
      await new Promise((resolve) => setTimeout(resolve, 5)); // times are in milliseconds: a later one
      await two.revalidateTag([tag], { expire: 3600 });
      const stale = await one.get(page, { kind: "APP_PAGE" });
      expect(stale?.lastModified).toBe(-1);
      expect((stale?.value as { html: string }).html).toBe("<p>t</p>");
      await new Promise((resolve) => setTimeout(resolve, 5));
      await one.set(page, appPage("<p>t2</p>", [tag]), { cacheControl: { revalidate: false } });
      const fresh = await two.get(page, { kind: "APP_PAGE" });
      expect(fresh?.lastModified).toBeGreaterThan(0);
      // An expiry time in the past: the next read is a miss.
      await two.revalidateTag([tag], { expire: 0 });
      expect(await one.get(page, { kind: "APP_PAGE" })).toBeNull();
    });

    it(`an unreachable ${name} makes reads misses and writes no-ops, never errors`, async () => {
      const down = unreachable();
      await down.set("/x", appPage("x", []), {});
      expect(await down.get("/x", { kind: "APP_PAGE" })).toBeNull();
      await expect(down.revalidateTag("x")).resolves.toBeUndefined();
    });
  },
);

describe("the Redis store while Redis is stopped", () => {
  beforeEach(testRedis.start);

  it("reads are misses and writes are skipped without errors; once Redis is back it caches again", async () => {
    const page = key("items/R");
    const one = new SharedCacheHandler({ redisUrl: redis().url });
    await one.set(page, appPage("<p>r</p>", [`_N_T_${page}`]), { cacheControl: { revalidate: false } });
    otherProcess();
    expect(await one.get(page, { kind: "APP_PAGE" })).not.toBeNull();
    await redis().pause();
    try {
      const started = Date.now();
      expect(await one.get(page, { kind: "APP_PAGE" })).toBeNull();
      await expect(one.set(page, appPage("<p>r2</p>", []), {})).resolves.toBeUndefined();
      await expect(one.revalidateTag(`_N_T_${page}`)).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await redis().resume();
    }
    // ioredis reconnects by itself (the restarted Redis is empty: nothing is persisted).
    const deadline = Date.now() + 15_000;
    let back = null;
    while (Date.now() < deadline && back === null) {
      await one.set(page, appPage("<p>r3</p>", []), {});
      back = await one.get(page, { kind: "APP_PAGE" });
      if (back === null) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((back?.value as { html: string } | undefined)?.html).toBe("<p>r3</p>");
  });
});
