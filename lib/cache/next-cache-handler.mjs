// @ts-check
/**
 * The Next.js incremental cache (ISR pages, route handler responses, fetch data) shared by every app instance
 * (issue 8): in Redis when REDIS_URL is set, otherwise in PostgreSQL. Without it each instance keeps its own cache
 * on disk, so a publish revalidated on instance 1 leaves instance 2 serving the old item page until its own timer
 * runs out.
 *
 * Wired in next.config.ts (`cacheHandler`). Next.js loads this file with a plain dynamic import at run time (and
 * bundles it into the route modules), so it is JavaScript, reads its settings itself and talks to its store
 * directly: `pg` (the Prisma client is TypeScript), or ioredis, imported only when REDIS_URL is set. The store is
 * chosen once, when the handler is made.
 *
 * - PostgreSQL: tables `next_cache_entry` and `next_cache_tag` (prisma/schema.prisma, migration
 *   …_shared_rate_limits_cache).
 * - Redis: under the prefix `onewindow:{next-cache}:` (one hash slot), a hash per entry `e:<key>` (v: value,
 *   t: its tags as JSON, lm: last modified), a hash per revalidated tag `t:<tag>` (s: stale since, x: expired at)
 *   and a set per tag `k:<tag>` of the entries carrying it (to delete them on an immediate expiry). Each operation
 *   is one Lua script, so it sees and leaves a consistent state, as the single SQL statements do. Nothing expires
 *   by itself (as in PostgreSQL): give that Redis the memory and keep `maxmemory-policy noeviction` (evicting a
 *   tag's record would bring entries it expired back; when full, reads still work, writes and revalidations fail and are logged).
 *
 * Both stores behave the same:
 * - get: one round trip returns the entry and whether any of its tags (stored ones, plus the soft tags Next passes
 *   for fetch entries) was revalidated after the entry was written. Expired → null (Next renders afresh, blocking);
 *   stale only (revalidateTag with a profile) → the entry with lastModified -1 (served while it is regenerated).
 *   A small in-process copy saves re-reading and re-parsing a large unchanged page: it is used only when the
 *   stored last modified time still matches, which the same round trip tells.
 * - set: replaces the entry (gzip-compressed) with its tags (a page's x-next-cache-tags header holds its implicit
 *   path tags); its last modified time increases strictly per key.
 * - revalidateTag: records the tag's times for every instance; an immediate expiry also deletes the entries that
 *   carry the tag.
 *
 * Without DATABASE_URL and REDIS_URL (a build without a database) it caches nothing. A store error never fails a
 * request: a read becomes a miss (the page renders live), a write is skipped, and both are logged.
 */
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import pg from "pg";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
/** Stored values are gzip-compressed JSON in base64 after this prefix (an item page: ~440 KB of JSON, a tenth of that stored). */
const COMPRESSED = "gz:";

const TAGS_HEADER = "x-next-cache-tags";
const MEMORY_ENTRIES = 200;

/**
 * The metrics' record (lib/metrics/signals.ts, which this JavaScript file cannot import): present in a process that
 * serves metrics (scripts/server.ts creates it at start), absent elsewhere (a build, tests), where nothing is counted.
 * @returns {{ pageCache: Map<string, number>, pools: Map<string, import("pg").Pool> } | undefined}
 */
const metricsSignals = () => /** @type {any} */ (globalThis)[Symbol.for("onewindow.metrics.signals")];

/** @param {"hit" | "miss" | "stale" | "error"} result */
function countLookup(result) {
  const counts = metricsSignals()?.pageCache;
  if (counts) counts.set(`next\u0000${result}`, (counts.get(`next\u0000${result}`) ?? 0) + 1);
}

/** @type {{ onewindowNextCachePools?: Map<string, import("pg").Pool> }} */
const globalPools = /** @type {any} */ (globalThis);

/** @param {string} url */
function poolFor(url) {
  globalPools.onewindowNextCachePools ??= new Map();
  let pool = globalPools.onewindowNextCachePools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 4,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 3000,
      statement_timeout: 5000,
      application_name: "onewindow-next-cache",
    });
    pool.on("error", (error) => console.warn("next cache pool: connection lost", error.message));
    globalPools.onewindowNextCachePools.set(url, pool);
    metricsSignals()?.pools.set("next-cache", pool);
  }
  return pool;
}

/**
 * JSON with binary parts (RSC payloads, route bodies: Buffers) as base64 and Maps (segment data) as entry lists.
 * @param {unknown} value
 * @returns {unknown}
 */
export function encodeValue(value) {
  if (value === null || typeof value !== "object") return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (value instanceof Map) return { $m: [...value.entries()].map(([key, item]) => [key, encodeValue(item)]) };
  if (Array.isArray(value)) return value.map(encodeValue);
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = encodeValue(item);
  return out;
}

/**
 * @param {unknown} value
 * @returns {any}
 */
export function decodeValue(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const record = /** @type {Record<string, unknown>} */ (value);
  if (typeof record.$b === "string" && Object.keys(record).length === 1) return Buffer.from(record.$b, "base64");
  if (Array.isArray(record.$m) && Object.keys(record).length === 1)
    return new Map(record.$m.map(([key, item]) => [key, decodeValue(item)]));
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, item] of Object.entries(record)) out[key] = decodeValue(item);
  return out;
}

/**
 * The tags an entry carries: a page's or route's x-next-cache-tags header, a fetch's own tags.
 * @param {any} data
 * @param {any} ctx
 * @returns {string[]}
 */
function tagsOf(data, ctx) {
  const tags = new Set();
  const header = data?.headers?.[TAGS_HEADER];
  if (typeof header === "string") for (const tag of header.split(",")) if (tag) tags.add(tag);
  if (Array.isArray(data?.tags)) for (const tag of data.tags) tags.add(tag);
  if (Array.isArray(ctx?.tags)) for (const tag of ctx.tags) tags.add(tag);
  return [...tags];
}

/**
 * What a store returns for a key: its last modified time, its value unless it is the remembered one (or the entry
 * is expired), and whether one of its tags expired or made it stale after it was written. "After" includes the
 * same millisecond: a revalidation that lands in the millisecond an entry was written must not leave it fresh
 * (at worst a page written just after is regenerated once more).
 * @typedef {{ lastModified: number, value: string | null, expired: boolean, stale: boolean }} StoredRow
 */

class PostgresStore {
  /** @param {string} url */
  constructor(url) {
    this.pool = poolFor(url);
  }

  /**
   * @param {string} key
   * @param {number | null} remembered last modified time of the in-process copy
   * @param {string[]} extraTags
   * @param {number} now
   * @returns {Promise<StoredRow | null>}
   */
  async read(key, remembered, extraTags, now) {
    const result = await this.pool.query(
      `SELECT e.last_modified::text AS last_modified,
              CASE WHEN e.last_modified = $2::bigint THEN NULL ELSE e.value END AS value,
              EXISTS (SELECT 1 FROM next_cache_tag t WHERE t.tag = ANY (e.tags || $3::text[])
                        AND t.expired_at IS NOT NULL AND t.expired_at <= $4::bigint AND t.expired_at >= e.last_modified) AS expired,
              EXISTS (SELECT 1 FROM next_cache_tag t WHERE t.tag = ANY (e.tags || $3::text[])
                        AND t.stale_at IS NOT NULL AND t.stale_at >= e.last_modified) AS stale
         FROM next_cache_entry e WHERE e.key = $1`,
      [key, remembered === null ? "-2" : String(remembered), extraTags, String(now)],
    );
    const row = result.rows[0];
    return row
      ? { lastModified: Number(row.last_modified), value: row.value, expired: row.expired, stale: row.stale }
      : null;
  }

  /**
   * @param {string} key
   * @param {string} value
   * @param {string[]} tags
   * @param {number} now
   */
  async write(key, value, tags, now) {
    await this.pool.query(
      `INSERT INTO next_cache_entry (key, value, tags, last_modified) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, tags = EXCLUDED.tags,
         -- strictly increasing per key, so an in-process copy is never taken for a newer write of the same millisecond
         last_modified = GREATEST(EXCLUDED.last_modified, next_cache_entry.last_modified + 1)`,
      [key, value, tags, String(now)],
    );
  }

  /**
   * @param {string[]} tags
   * @param {number | null} staleAt
   * @param {number | null} expiredAt
   * @param {number} now
   * @param {boolean} dropEntries delete the entries carrying the tags written before now
   */
  async revalidate(tags, staleAt, expiredAt, now, dropEntries) {
    await this.pool.query(
      `INSERT INTO next_cache_tag (tag, stale_at, expired_at) SELECT tag, $2::bigint, $3::bigint FROM unnest($1::text[]) AS tag
       ON CONFLICT (tag) DO UPDATE SET stale_at = COALESCE(EXCLUDED.stale_at, next_cache_tag.stale_at),
                                       expired_at = COALESCE(EXCLUDED.expired_at, next_cache_tag.expired_at)`,
      [tags, staleAt === null ? null : String(staleAt), expiredAt === null ? null : String(expiredAt)],
    );
    if (dropEntries)
      await this.pool.query("DELETE FROM next_cache_entry WHERE tags && $1::text[] AND last_modified <= $2::bigint", [
        tags,
        String(now),
      ]);
  }
  /**
   * @param {string[]} tags
   * @returns {Promise<Map<string, number>>} when each tag that was ever expired last expired (Unix ms)
   */
  async expiries(tags) {
    const result = await this.pool.query(
      "SELECT tag, expired_at::text AS expired_at FROM next_cache_tag WHERE tag = ANY ($1::text[]) AND expired_at IS NOT NULL",
      [tags],
    );
    return new Map(result.rows.map((row) => [row.tag, Number(row.expired_at)]));
  }
}

/** Every key of the Redis store starts with this; the braces put them all in one hash slot (Lua scripts touch several). */
export const REDIS_PREFIX = "onewindow:{next-cache}:";
const REDIS_TIMEOUT_MS = 3000;

/** KEYS[1] entry; ARGV prefix, remembered last modified, now, extra tags (JSON) → {lm, value|nil, expired, stale} or nil. */
const READ_SCRIPT = `
local e = redis.call('HMGET', KEYS[1], 'lm', 't')
if not e[1] then return false end
local lm = tonumber(e[1])
local now = tonumber(ARGV[3])
local tags = cjson.decode(e[2])
for _, t in ipairs(cjson.decode(ARGV[4])) do tags[#tags + 1] = t end
local expired, stale = 0, 0
for _, t in ipairs(tags) do
  local times = redis.call('HMGET', ARGV[1] .. 't:' .. t, 's', 'x')
  if times[2] then
    local x = tonumber(times[2])
    if x <= now and x >= lm then expired = 1 end
  end
  if times[1] and tonumber(times[1]) >= lm then stale = 1 end
end
local value = false
if expired == 0 and e[1] ~= ARGV[2] then value = redis.call('HGET', KEYS[1], 'v') end
return {e[1], value, expired, stale}
`;

/** KEYS[1] entry; ARGV prefix, value, tags (JSON), now, cache key → the entry's last modified time. */
const WRITE_SCRIPT = `
local lm = tonumber(ARGV[4])
local old = redis.call('HGET', KEYS[1], 'lm')
if old and tonumber(old) + 1 > lm then lm = tonumber(old) + 1 end
local text = string.format('%d', lm)
redis.call('HSET', KEYS[1], 'v', ARGV[2], 't', ARGV[3], 'lm', text)
for _, t in ipairs(cjson.decode(ARGV[3])) do redis.call('SADD', ARGV[1] .. 'k:' .. t, ARGV[5]) end
return text
`;

/**
 * ARGV prefix, stale since ('' keeps it), expired at ('' keeps it), now, drop entries ('1'/'0'), tags… For an
 * immediate expiry, deletes the entries written before now that still carry the tag, and forgets the keys of
 * entries that are gone or no longer carry it.
 */
const REVALIDATE_SCRIPT = `
local now = tonumber(ARGV[4])
for i = 6, #ARGV do
  local tag = ARGV[i]
  local times = ARGV[1] .. 't:' .. tag
  if ARGV[2] ~= '' then redis.call('HSET', times, 's', ARGV[2]) end
  if ARGV[3] ~= '' then redis.call('HSET', times, 'x', ARGV[3]) end
  if ARGV[5] == '1' then
    local carriers = ARGV[1] .. 'k:' .. tag
    for _, key in ipairs(redis.call('SMEMBERS', carriers)) do
      local entry = ARGV[1] .. 'e:' .. key
      local e = redis.call('HMGET', entry, 'lm', 't')
      if not e[1] then
        redis.call('SREM', carriers, key)
      elseif tonumber(e[1]) <= now then
        for _, t in ipairs(cjson.decode(e[2])) do
          if t == tag then
            redis.call('DEL', entry)
            break
          end
        end
        redis.call('SREM', carriers, key)
      end
    end
  end
end
return 1
`;

/** @type {{ onewindowNextCacheRedis?: Map<string, Promise<any>> }} */
const globalRedis = /** @type {any} */ (globalThis);

/**
 * One ioredis connection per process and URL, handed out once its first connection attempt settled (ready, refused,
 * or REDIS_TIMEOUT_MS): with the offline queue off, a command sent while still connecting would fail, and the
 * first pages after a start would not be cached. While Redis is away commands fail at once (reads are misses) and
 * ioredis reconnects by itself.
 * @param {string} url
 * @returns {Promise<any>}
 */
function redisFor(url) {
  globalRedis.onewindowNextCacheRedis ??= new Map();
  let client = globalRedis.onewindowNextCacheRedis.get(url);
  if (!client) {
    client = (async () => {
      const { Redis } = await import("ioredis");
      const redis = new Redis(url, {
        enableOfflineQueue: false,
        commandTimeout: REDIS_TIMEOUT_MS,
        maxRetriesPerRequest: 1,
      });
      // Reported once per outage, not at every reconnection attempt.
      let reported = false;
      redis.on("ready", () => (reported = false));
      redis.on("error", (/** @type {Error} */ error) => {
        if (!reported) console.warn("next cache Redis: connection error", error.message);
        reported = true;
      });
      redis.defineCommand("nextCacheRead", { numberOfKeys: 1, lua: READ_SCRIPT });
      redis.defineCommand("nextCacheWrite", { numberOfKeys: 1, lua: WRITE_SCRIPT });
      redis.defineCommand("nextCacheRevalidate", { numberOfKeys: 0, lua: REVALIDATE_SCRIPT });
      await new Promise((resolve) => {
        const timer = setTimeout(done, REDIS_TIMEOUT_MS);
        function done() {
          clearTimeout(timer);
          redis.off("ready", done);
          redis.off("error", done);
          resolve(undefined);
        }
        redis.once("ready", done);
        redis.once("error", done);
      });
      return redis;
    })();
    globalRedis.onewindowNextCacheRedis.set(url, client);
  }
  return client;
}

class RedisStore {
  /** @param {string} url */
  constructor(url) {
    this.client = redisFor(url);
  }

  /**
   * @param {string} key
   * @param {number | null} remembered
   * @param {string[]} extraTags
   * @param {number} now
   * @returns {Promise<StoredRow | null>}
   */
  async read(key, remembered, extraTags, now) {
    const redis = await this.client;
    const reply = await redis.nextCacheRead(
      REDIS_PREFIX + "e:" + key,
      REDIS_PREFIX,
      remembered === null ? "-2" : String(remembered),
      String(now),
      JSON.stringify(extraTags),
    );
    if (!reply) return null;
    const [lastModified, value, expired, stale] = reply;
    return { lastModified: Number(lastModified), value: value ?? null, expired: expired === 1, stale: stale === 1 };
  }

  /**
   * @param {string} key
   * @param {string} value
   * @param {string[]} tags
   * @param {number} now
   */
  async write(key, value, tags, now) {
    const redis = await this.client;
    await redis.nextCacheWrite(REDIS_PREFIX + "e:" + key, REDIS_PREFIX, value, JSON.stringify(tags), String(now), key);
  }

  /**
   * @param {string[]} tags
   * @param {number | null} staleAt
   * @param {number | null} expiredAt
   * @param {number} now
   * @param {boolean} dropEntries
   */
  async revalidate(tags, staleAt, expiredAt, now, dropEntries) {
    const redis = await this.client;
    await redis.nextCacheRevalidate(
      REDIS_PREFIX,
      staleAt === null ? "" : String(staleAt),
      expiredAt === null ? "" : String(expiredAt),
      String(now),
      dropEntries ? "1" : "0",
      ...tags,
    );
  }

  /**
   * @param {string[]} tags
   * @returns {Promise<Map<string, number>>}
   */
  async expiries(tags) {
    const redis = await this.client;
    const pipeline = redis.pipeline();
    for (const tag of tags) pipeline.hget(REDIS_PREFIX + "t:" + tag, "x");
    const replies = /** @type {[Error | null, string | null][]} */ (await pipeline.exec());
    /** @type {Map<string, number>} */
    const times = new Map();
    replies.forEach(([error, value], index) => {
      if (error) throw error;
      if (value !== null) times.set(/** @type {string} */ (tags[index]), Number(value));
    });
    return times;
  }
}

/** Closes the stores' connections (tests, shutdown). */
export async function closeCacheStores() {
  const pools = [...(globalPools.onewindowNextCachePools?.values() ?? [])];
  const clients = [...(globalRedis.onewindowNextCacheRedis?.values() ?? [])];
  globalPools.onewindowNextCachePools?.clear();
  globalRedis.onewindowNextCacheRedis?.clear();
  await Promise.all([
    ...pools.map((pool) => pool.end()),
    ...clients.map(async (pending) => {
      const client = await pending;
      await client.quit().catch(() => client.disconnect());
    }),
  ]);
}

export default class SharedCacheHandler {
  /** @type {Map<string, { lastModified: number, entry: any }>} */
  static memory = new Map();

  /**
   * @param {{ databaseUrl?: string, redisUrl?: string } & Record<string, unknown>} [ctx] Next's CacheHandlerContext;
   *   `redisUrl` and `databaseUrl` (tests) override REDIS_URL and DATABASE_URL. Redis wins when both are set.
   */
  constructor(ctx = {}) {
    // This file cannot import lib/env.ts (TypeScript, loaded by Next at run time), so it reads its settings here.
    // eslint-disable-next-line no-restricted-properties
    const redisUrl = ctx.redisUrl ?? process.env.REDIS_URL;
    // eslint-disable-next-line no-restricted-properties
    const databaseUrl = ctx.databaseUrl ?? process.env.DATABASE_URL;
    /** @type {PostgresStore | RedisStore | null} */
    this.store = redisUrl ? new RedisStore(redisUrl) : databaseUrl ? new PostgresStore(databaseUrl) : null;
    this.memoryKey = (redisUrl || databaseUrl) ?? "";
  }

  /**
   * @param {string} key
   * @param {any} [ctx]
   */
  async get(key, ctx = {}) {
    if (!this.store) return null;
    const memoryKey = `${this.memoryKey}\u0000${key}`;
    const remembered = SharedCacheHandler.memory.get(memoryKey);
    const extraTags = [
      ...(Array.isArray(ctx.tags) ? ctx.tags : []),
      ...(Array.isArray(ctx.softTags) ? ctx.softTags : []),
    ];
    let row;
    try {
      row = await this.store.read(key, remembered ? remembered.lastModified : null, extraTags, Date.now());
    } catch (error) {
      console.warn("next cache: read failed, rendering without the shared cache", /** @type {Error} */ (error).message);
      countLookup("error");
      return null;
    }
    if (!row) {
      SharedCacheHandler.memory.delete(memoryKey);
      countLookup("miss");
      return null;
    }
    if (row.expired) {
      countLookup("miss");
      return null;
    }
    const lastModified = row.lastModified;
    let entry;
    if (row.value === null && remembered) {
      entry = remembered.entry;
    } else {
      let stored;
      try {
        const value = /** @type {string} */ (row.value);
        const text = value.startsWith(COMPRESSED)
          ? (await gunzipAsync(Buffer.from(value.slice(COMPRESSED.length), "base64"))).toString("utf8")
          : value;
        stored = decodeValue(JSON.parse(text));
      } catch (error) {
        console.warn("next cache: unreadable entry, rendering afresh", key, /** @type {Error} */ (error).message);
        countLookup("error");
        return null;
      }
      entry = {
        value: stored.value ?? null,
        lastModified,
        ...(stored.cacheControl ? { cacheControl: stored.cacheControl } : {}),
      };
      SharedCacheHandler.memory.delete(memoryKey);
      SharedCacheHandler.memory.set(memoryKey, { lastModified, entry });
      if (SharedCacheHandler.memory.size > MEMORY_ENTRIES) {
        const oldest = SharedCacheHandler.memory.keys().next().value;
        if (oldest !== undefined) SharedCacheHandler.memory.delete(oldest);
      }
    }
    countLookup(row.stale ? "stale" : "hit");
    return row.stale ? { ...entry, lastModified: -1 } : entry;
  }

  /**
   * @param {string} key
   * @param {any} data
   * @param {any} [ctx]
   */
  async set(key, data, ctx = {}) {
    if (!this.store) return;
    const cacheControl = ctx.fetchCache ? undefined : ctx.cacheControl;
    try {
      const value =
        COMPRESSED + (await gzipAsync(JSON.stringify(encodeValue({ value: data, cacheControl })))).toString("base64");
      await this.store.write(key, value, tagsOf(data, ctx), Date.now());
    } catch (error) {
      console.warn("next cache: write failed", /** @type {Error} */ (error).message);
    }
  }

  /**
   * revalidateTag / revalidatePath / updateTag: with `durations` (a cacheLife profile) entries become stale now
   * and expire after `expire` seconds; without, they expire now.
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = [...new Set(typeof tags === "string" ? [tags] : tags)].filter(Boolean);
    if (!this.store || list.length === 0) return;
    const now = Date.now();
    const staleAt = durations ? now : null;
    const expiredAt = durations ? (durations.expire !== undefined ? now + durations.expire * 1000 : null) : now;
    try {
      await this.store.revalidate(list, staleAt, expiredAt, now, !durations);
    } catch (error) {
      console.error(
        "next cache: revalidating tags failed; other instances may serve old pages until they expire",
        list,
        /** @type {Error} */ (error).message,
      );
    }
  }

  /**
   * When each of the tags last expired (Unix ms), for caches outside Next.js that follow the same revalidations on
   * every instance (lib/cache/public-cache.ts polls it). Tags never expired are absent. Throws when the store fails.
   * @param {string[]} tags
   * @returns {Promise<Map<string, number>>}
   */
  async tagExpiries(tags) {
    if (!this.store || tags.length === 0) return new Map();
    return this.store.expiries(tags);
  }

  resetRequestCache() {}
}
