// @ts-check
/**
 * The Next.js incremental cache (ISR pages, route handler responses, fetch data) in PostgreSQL, shared by every
 * app instance (issue 8). Without it each instance keeps its own cache on disk, so a publish revalidated on
 * instance 1 leaves instance 2 serving the old item page until its own timer runs out.
 *
 * Wired in next.config.ts (`cacheHandler`). Next.js loads this file with a plain dynamic import at run time (and
 * bundles it into the route modules), so it is JavaScript, reads its one setting itself and talks to PostgreSQL
 * through `pg` directly (the Prisma client is TypeScript). Tables: `next_cache_entry` and `next_cache_tag`
 * (prisma/schema.prisma, migration …_shared_rate_limits_cache).
 *
 * - get: one query returns the entry and whether any of its tags (stored ones, plus the soft tags Next passes for
 *   fetch entries) was revalidated after the entry was written. Expired → null (Next renders afresh, blocking);
 *   stale only (revalidateTag with a profile) → the entry with lastModified -1 (served while it is regenerated).
 *   A small in-process copy saves re-reading and re-parsing a large unchanged page: it is used only when the row's
 *   last_modified still matches, which the same query tells.
 * - set: upsert (gzip-compressed) with the tags of the entry (a page's x-next-cache-tags header holds its implicit path tags).
 * - revalidateTag: records the tag's times for every instance; an immediate expiry also deletes the entries that
 *   carry the tag.
 *
 * Without DATABASE_URL (a build without a database) it caches nothing. A database error never fails a request:
 * a read becomes a miss (the page renders live), a write is skipped, and both are logged.
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

/** @type {{ onewindowNextCachePools?: Map<string, import("pg").Pool> }} */
const globalPools = /** @type {any} */ (globalThis);

/** @param {string} url */
function poolFor(url) {
  globalPools.onewindowNextCachePools ??= new Map();
  let pool = globalPools.onewindowNextCachePools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 3000, statement_timeout: 5000, application_name: "onewindow-next-cache" });
    pool.on("error", (error) => console.warn("next cache pool: connection lost", error.message));
    globalPools.onewindowNextCachePools.set(url, pool);
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
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
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
  if (Array.isArray(record.$m) && Object.keys(record).length === 1) return new Map(record.$m.map(([key, item]) => [key, decodeValue(item)]));
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

export default class PostgresCacheHandler {
  /** @type {Map<string, { lastModified: number, entry: any }>} */
  static memory = new Map();

  /**
   * @param {{ databaseUrl?: string } & Record<string, unknown>} [ctx] Next's CacheHandlerContext; `databaseUrl`
   *   (tests) overrides DATABASE_URL.
   */
  constructor(ctx = {}) {
    // This file cannot import lib/env.ts (TypeScript, loaded by Next at run time), so it reads its one setting here.
    // eslint-disable-next-line no-restricted-properties
    const url = ctx.databaseUrl ?? process.env.DATABASE_URL;
    this.pool = url ? poolFor(url) : null;
    this.memoryKey = url ?? "";
  }

  /**
   * @param {string} key
   * @param {any} [ctx]
   */
  async get(key, ctx = {}) {
    if (!this.pool) return null;
    const memoryKey = `${this.memoryKey}\u0000${key}`;
    const remembered = PostgresCacheHandler.memory.get(memoryKey);
    const extraTags = [...(Array.isArray(ctx.tags) ? ctx.tags : []), ...(Array.isArray(ctx.softTags) ? ctx.softTags : [])];
    let row;
    try {
      const result = await this.pool.query(
        `SELECT e.last_modified::text AS last_modified,
                CASE WHEN e.last_modified = $2::bigint THEN NULL ELSE e.value END AS value,
                EXISTS (SELECT 1 FROM next_cache_tag t WHERE t.tag = ANY (e.tags || $3::text[])
                          AND t.expired_at IS NOT NULL AND t.expired_at <= $4::bigint AND t.expired_at > e.last_modified) AS expired,
                EXISTS (SELECT 1 FROM next_cache_tag t WHERE t.tag = ANY (e.tags || $3::text[])
                          AND t.stale_at IS NOT NULL AND t.stale_at > e.last_modified) AS stale
           FROM next_cache_entry e WHERE e.key = $1`,
        [key, remembered ? String(remembered.lastModified) : "-2", extraTags, String(Date.now())],
      );
      row = result.rows[0];
    } catch (error) {
      console.warn("next cache: read failed, rendering without the shared cache", /** @type {Error} */ (error).message);
      return null;
    }
    if (!row) {
      PostgresCacheHandler.memory.delete(memoryKey);
      return null;
    }
    if (row.expired) return null;
    const lastModified = Number(row.last_modified);
    let entry;
    if (row.value === null && remembered) {
      entry = remembered.entry;
    } else {
      let stored;
      try {
        const text = row.value.startsWith(COMPRESSED) ? (await gunzipAsync(Buffer.from(row.value.slice(COMPRESSED.length), "base64"))).toString("utf8") : row.value;
        stored = decodeValue(JSON.parse(text));
      } catch (error) {
        console.warn("next cache: unreadable entry, rendering afresh", key, /** @type {Error} */ (error).message);
        return null;
      }
      entry = { value: stored.value ?? null, lastModified, ...(stored.cacheControl ? { cacheControl: stored.cacheControl } : {}) };
      PostgresCacheHandler.memory.delete(memoryKey);
      PostgresCacheHandler.memory.set(memoryKey, { lastModified, entry });
      if (PostgresCacheHandler.memory.size > MEMORY_ENTRIES) {
        const oldest = PostgresCacheHandler.memory.keys().next().value;
        if (oldest !== undefined) PostgresCacheHandler.memory.delete(oldest);
      }
    }
    return row.stale ? { ...entry, lastModified: -1 } : entry;
  }

  /**
   * @param {string} key
   * @param {any} data
   * @param {any} [ctx]
   */
  async set(key, data, ctx = {}) {
    if (!this.pool) return;
    const cacheControl = ctx.fetchCache ? undefined : ctx.cacheControl;
    try {
      const value = COMPRESSED + (await gzipAsync(JSON.stringify(encodeValue({ value: data, cacheControl })))).toString("base64");
      await this.pool.query(
        `INSERT INTO next_cache_entry (key, value, tags, last_modified) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, tags = EXCLUDED.tags,
           -- strictly increasing per key, so an in-process copy is never taken for a newer write of the same millisecond
           last_modified = GREATEST(EXCLUDED.last_modified, next_cache_entry.last_modified + 1)`,
        [key, value, tagsOf(data, ctx), String(Date.now())],
      );
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
    if (!this.pool || list.length === 0) return;
    const now = Date.now();
    const staleAt = durations ? now : null;
    const expiredAt = durations ? (durations.expire !== undefined ? now + durations.expire * 1000 : null) : now;
    try {
      await this.pool.query(
        `INSERT INTO next_cache_tag (tag, stale_at, expired_at) SELECT tag, $2::bigint, $3::bigint FROM unnest($1::text[]) AS tag
         ON CONFLICT (tag) DO UPDATE SET stale_at = COALESCE(EXCLUDED.stale_at, next_cache_tag.stale_at),
                                         expired_at = COALESCE(EXCLUDED.expired_at, next_cache_tag.expired_at)`,
        [list, staleAt === null ? null : String(staleAt), expiredAt === null ? null : String(expiredAt)],
      );
      if (!durations) await this.pool.query("DELETE FROM next_cache_entry WHERE tags && $1::text[] AND last_modified < $2::bigint", [list, String(now)]);
    } catch (error) {
      console.error("next cache: revalidating tags failed; other instances may serve old pages until they expire", list, /** @type {Error} */ (error).message);
    }
  }

  resetRequestCache() {}
}
