/** Types of the JavaScript cache handler (next-cache-handler.mjs), for the TypeScript tests that drive it. */
export function encodeValue(value: unknown): unknown;
export function decodeValue(value: unknown): unknown;
export const REDIS_PREFIX: string;
export function closeCacheStores(): Promise<void>;
export type CacheEntry = {
  value: unknown;
  lastModified: number;
  cacheControl?: { revalidate: number | false; expire?: number };
};
export default class SharedCacheHandler {
  constructor(ctx?: { databaseUrl?: string; redisUrl?: string } & Record<string, unknown>);
  /** The store chosen at construction; null without DATABASE_URL and REDIS_URL. */
  readonly store: unknown;
  get(key: string, ctx?: Record<string, unknown>): Promise<CacheEntry | null>;
  set(key: string, data: unknown, ctx?: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  tagExpiries(tags: string[]): Promise<Map<string, number>>;
  resetRequestCache(): void;
}
